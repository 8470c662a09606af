import { createHash } from 'node:crypto'

import type { Payload, PayloadRequest } from 'payload'
import { z } from 'zod'

import { db } from '../db'
import { actionEmail, portalUrl } from '../emails'
import { enqueueInTransaction } from '../queue'
import { hitLimit, type LimitResult } from '../rateLimit'
import { ipBucket } from '../net/ip'
import { CONFIRM_TTL_MS, statusToken, type StatusToken } from './tokens'

/**
 * Email subscriptions to the status page, double opt-in: asking sends a signed confirmation
 * link and nothing else; only a confirmed subscriber is ever mailed a notice (the consumer in
 * src/lib/status/notices.ts reads `confirmed_at`). Asking again with other components changes
 * nothing until that new link is used, so nobody can change someone else's subscription.
 */

export const SUBSCRIBE_LIMITS = {
  /** Requests per client address (an IPv6 /64 counts as one) and hour. */
  perAddressPerHour: 5,
  /** Confirmation mails per address and day, whoever asks: no mail bombing through us. */
  perEmailPerDay: 3,
} as const

export const subscribeBody = z.object({
  email: z
    .string({ error: 'email: enter an email address.' })
    .trim()
    .toLowerCase()
    .max(254, 'email: at most 254 characters.')
    .pipe(z.email({ error: 'email: enter a valid email address, like you@example.com.' })),
  components: z
    .array(z.number().int().positive().max(2_147_483_647), {
      error: 'components: a list of component ids.',
    })
    .max(50, 'components: at most 50.')
    .optional()
    .default([]),
})
export type SubscribeInput = z.infer<typeof subscribeBody>

/** Counts a request from `ip`; refused beyond the hourly allowance. */
export const countSubscribeRequest = (ip: string): Promise<LimitResult> =>
  hitLimit(`status-subscribe:ip:${ipBucket(ip)}`, SUBSCRIBE_LIMITS.perAddressPerHour, 3600_000)

const emailKey = (email: string) => createHash('sha256').update(email).digest('hex').slice(0, 32)

/** Ids among `ids` that are not public components (an empty list means every component). */
export async function unknownComponents(payload: Payload, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return []
  const { docs } = await payload.find({
    collection: 'status-components',
    where: { and: [{ id: { in: ids } }, { isPublic: { equals: true } }] },
    depth: 0,
    limit: ids.length,
    pagination: false,
    overrideAccess: true,
    select: { name: true },
  })
  const found = new Set(docs.map((doc) => doc.id))
  return ids.filter((id) => !found.has(id))
}

async function componentNames(payload: Payload, ids: number[]): Promise<string[]> {
  if (ids.length === 0) return []
  const { docs } = await payload.find({
    collection: 'status-components',
    where: { id: { in: ids } },
    depth: 0,
    limit: ids.length,
    pagination: false,
    overrideAccess: true,
    select: { name: true },
  })
  return docs.map((doc) => doc.name)
}

/** The unsubscribe links of a subscriber's mail: the page, and RFC 8058's one-click POST. */
export function subscriberUnsubscribeLinks(subscriberId: number) {
  const token = statusToken({ purpose: 'unsubscribe', subscriberId })
  return {
    page: portalUrl('/status/unsubscribe', { token }),
    oneClick: portalUrl('/api/status-subscribers/unsubscribe', { token }),
  }
}

export type SubscribeOutcome = 'sent' | 'too-many-mails'

/**
 * Records the request (a pending subscriber, or the existing one untouched) and queues the
 * confirmation mail in the request's transaction. The answer never says whether the address
 * was already subscribed.
 */
export async function requestSubscription(
  req: PayloadRequest,
  input: SubscribeInput,
): Promise<SubscribeOutcome> {
  const perEmail = await hitLimit(
    `status-subscribe:email:${emailKey(input.email)}`,
    SUBSCRIBE_LIMITS.perEmailPerDay,
    24 * 3600_000,
  )
  if (!perEmail.isAllowed) return 'too-many-mails'
  const { payload } = req
  // Two requests for one new address at once: one inserts, both read the same row.
  const queryable = await db(req)
  await queryable.query(
    `INSERT INTO status_subscribers (email, scope, updated_at, created_at)
     VALUES ($1, 'all', now(), now()) ON CONFLICT (email) DO NOTHING`,
    [input.email],
  )
  const { rows } = await queryable.query<{ id: number; confirmed_at: string | null }>(
    'SELECT id, confirmed_at FROM status_subscribers WHERE email = $1',
    [input.email],
  )
  const subscriber = { id: rows[0].id, confirmedAt: rows[0].confirmed_at }
  const components = [...new Set(input.components)]
  const token = statusToken({
    purpose: 'confirm',
    subscriberId: subscriber.id,
    components,
    expiresAt: Date.now() + CONFIRM_TTL_MS,
  })
  const names = await componentNames(payload, components)
  const what = names.length ? names.join(', ') : 'every component'
  const isConfirmed = Boolean(subscriber.confirmedAt)
  await enqueueInTransaction(req, 'mail__send', {
    to: input.email,
    subject: isConfirmed
      ? 'Confirm the change to your TuneTrail status subscription'
      : 'Confirm your subscription to TuneTrail status',
    html: actionEmail({
      heading: isConfirmed ? 'Change your status subscription' : 'Confirm your subscription',
      intro: `Someone — we hope you — asked to get TuneTrail status notices (incidents and maintenance) at this address for: ${what}. ${isConfirmed ? 'Your subscription stays as it is until you confirm.' : 'Nothing is sent until you confirm.'}`,
      action: isConfirmed ? 'Confirm the change' : 'Confirm subscription',
      url: portalUrl('/status/subscription', { token }),
      outro:
        'Did not ask? Ignore this mail and you will hear nothing more. The link works for 7 days.',
    }),
  })
  return 'sent'
}

export type Confirmation = { isConfirmed: boolean; message: string }

/**
 * Turns a subscription on (or changes its components) from a confirmation link; null when the
 * subscriber is gone.
 */
export async function confirmSubscription(
  payload: Payload,
  token: Extract<StatusToken, { purpose: 'confirm' }>,
): Promise<Confirmation | null> {
  const subscriber = await payload
    .findByID({
      collection: 'status-subscribers',
      id: token.subscriberId,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
    })
    .catch(() => null)
  if (!subscriber) return null
  const missing = new Set(await unknownComponents(payload, token.components))
  const components = token.components.filter((id) => !missing.has(id))
  // Chosen components that all left the page since: subscribing to "every component" instead
  // would be more than was asked.
  if (token.components.length > 0 && components.length === 0) {
    return {
      isConfirmed: false,
      message:
        'The components you chose are no longer on the status page, so nothing changed. Subscribe again from the status page.',
    }
  }
  await payload.update({
    collection: 'status-subscribers',
    id: subscriber.id,
    data: {
      scope: components.length > 0 ? 'some' : 'all',
      components,
      confirmedAt: subscriber.confirmedAt ?? new Date().toISOString(),
    },
    overrideAccess: true,
  })
  const names = await componentNames(payload, components)
  return {
    isConfirmed: true,
    message: `You are subscribed: we will mail ${subscriber.email} about incidents and maintenance of ${names.length ? names.join(', ') : 'every component'}.`,
  }
}

/** Ends a subscription from its signed link; saying so whether or not it still existed. */
export async function endSubscription(payload: Payload, subscriberId: number): Promise<string> {
  await payload.delete({
    collection: 'status-subscribers',
    where: { id: { equals: subscriberId } },
    overrideAccess: true,
  })
  return 'You are unsubscribed: no more status mail will come to this address.'
}
