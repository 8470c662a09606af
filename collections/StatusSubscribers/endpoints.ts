import { z } from 'zod'

import { defineEndpoint } from '@/lib/api/endpoint'
import { errorJson } from '@/lib/api/errors'
import { clientIpOf } from '@/lib/net/clientAddress'
import {
  confirmSubscription,
  countSubscribeRequest,
  endSubscription,
  requestSubscription,
  subscribeBody,
  unknownComponents,
} from '@/lib/status/subscriptions'
import { readStatusToken } from '@/lib/status/tokens'
import { inTransaction } from '@/lib/transactions'

const message = z.object({ message: z.string() })

const CHECK_INBOX =
  'Check your inbox: we sent a link to confirm. Nothing is sent to you until you use it.'

/**
 * POST /api/status-subscribers/subscribe — anyone asks for status mail: `{ email, components? }`
 * (public component ids; none for all). Always the same answer, subscribed or not.
 */
export const subscribeEndpoint = defineEndpoint({
  path: '/subscribe',
  method: 'post',
  summary: 'Subscribe to status notices by email',
  description:
    'Sends a confirmation link (double opt-in): nothing else is mailed until it is used. `components` lists public component ids; leave it out for every component. Limited to 5 requests an hour per client address and 3 confirmation mails a day per email address.',
  caller: 'anyone',
  doing: 'subscribe',
  body: subscribeBody,
  response: { status: 202, description: 'The confirmation mail is on its way', body: message },
  handler: async (req, { body }) => {
    const limit = await countSubscribeRequest(clientIpOf(req.headers) ?? 'local')
    if (!limit.isAllowed) {
      return errorJson(429, 'Too many subscription requests from your address: try again later.', {
        headers: { 'Retry-After': String(Math.ceil(limit.resetMs / 1000)) },
      })
    }
    const unknown = await unknownComponents(req.payload, body.components)
    if (unknown.length > 0) {
      return errorJson(400, `components: no public component has the id ${unknown[0]}.`, {
        field: 'components',
      })
    }
    const outcome = await inTransaction(req, () => requestSubscription(req, body))
    if (outcome === 'too-many-mails') {
      return errorJson(
        429,
        'We already sent this address several confirmation mails today: use one of those, or try again tomorrow.',
        { field: 'email', headers: { 'Retry-After': '86400' } },
      )
    }
    return Response.json({ message: CHECK_INBOX }, { status: 202 })
  },
})

/** POST /api/status-subscribers/confirm — `{ token }` from the confirmation mail. */
export const confirmEndpoint = defineEndpoint({
  path: '/confirm',
  method: 'post',
  summary: 'Confirm a status subscription',
  description: 'The signed token of the confirmation mail is the authorisation (7 days).',
  caller: 'anyone',
  doing: 'confirm a subscription',
  body: z.object({ token: z.string({ error: 'token: the token from the mail.' }).max(1000) }),
  response: { description: 'What is now subscribed, in words', body: message },
  handler: async (req, { body }) => {
    const token = readStatusToken(body.token, 'confirm')
    if (!token) {
      return errorJson(
        400,
        'This confirmation link is not valid or has expired: subscribe again.',
        {
          field: 'token',
        },
      )
    }
    const confirmation = await confirmSubscription(req.payload, token)
    if (!confirmation) {
      return errorJson(404, 'This subscription no longer exists: subscribe again.', {
        field: 'token',
      })
    }
    if (!confirmation.isConfirmed) {
      return errorJson(409, confirmation.message, { field: 'components' })
    }
    return Response.json({ message: confirmation.message })
  },
})

/**
 * POST /api/status-subscribers/unsubscribe?token=… — RFC 8058 one-click unsubscribe from a
 * notice's List-Unsubscribe header; the /status/unsubscribe page does the same after a click.
 */
export const unsubscribeEndpoint = defineEndpoint({
  path: '/unsubscribe',
  method: 'post',
  summary: 'Unsubscribe from status notices',
  caller: 'anyone',
  doing: 'unsubscribe',
  query: { token: "The signed token of the notice's unsubscribe link." },
  response: { description: 'What changed, in words', body: message },
  handler: async (req) => {
    const token = readStatusToken(req.searchParams.get('token'), 'unsubscribe')
    if (!token) return errorJson(400, 'This unsubscribe link is not valid.', { field: 'token' })
    return Response.json({ message: await endSubscription(req.payload, token.subscriberId) })
  },
})
