import { createLocalReq, type Payload } from 'payload'
import { z } from 'zod'

import { errorAnswer, type HttpAnswer } from '../api/errors'
import { authorizeService } from '../keys/http'
import type { Verifier } from '../keys/verifier'
import { isServiceEventType, parseEventData, type EventType } from '../events/registry'
import { parseAccountName } from '../accounts'
import { publishEventFor as publishEvent } from '../events/publish'

/** Body of POST /api/events (also in the OpenAPI document). */
export const publishBodySchema = z.object({
  type: z
    .string({ error: 'type is required.' })
    .refine(isServiceEventType, 'type is not an event type services publish.'),
  account: z.string({ error: 'account is required ("user:<id>" or "organization:<id>").' }),
  data: z.record(z.string(), z.unknown(), { error: 'data must be an object.' }),
  idempotencyKey: z.string().min(1).max(200).optional(),
})

const error = errorAnswer

/** POST /api/events: TuneTrail services publish an event (service scope events:publish). */
export async function handlePublish(
  payload: Payload,
  verifier: Verifier,
  authorization: string | null | undefined,
  rawBody: string,
  callerIp: string | undefined,
): Promise<HttpAnswer> {
  const caller = await authorizeService(verifier, authorization, 'events:publish', callerIp)
  if ('status' in caller) return caller
  let json: unknown
  try {
    json = JSON.parse(rawBody)
  } catch {
    return error(400, 'INVALID_BODY', 'The body must be JSON.', 'body')
  }
  const parsed = publishBodySchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return error(400, 'INVALID_REQUEST', issue.message, issue.path.join('.') || 'body')
  }
  const account = parseAccountName(parsed.data.account)
  if (!account) {
    return error(
      400,
      'INVALID_REQUEST',
      'account must be "user:<id>" or "organization:<id>".',
      'account',
    )
  }
  const exists = await payload
    .count({
      collection: account.organization ? 'organizations' : 'users',
      where: { id: { equals: account.organization ?? account.owner } },
      overrideAccess: true,
    })
    .then((result) => result.totalDocs > 0)
  if (!exists) return error(422, 'UNKNOWN_ACCOUNT', 'No such account.', 'account')
  const type = parsed.data.type as EventType
  const data = parseEventData(type, parsed.data.data)
  if ('error' in data) return error(422, 'INVALID_DATA', data.error.message, data.error.field)
  const req = await createLocalReq({}, payload)
  const event = await publishEvent(req, {
    type,
    account,
    data: data.data,
    // Services' keys live apart from the portal's own (`limit:…`, `expiring:…`), which a
    // service could otherwise claim first and so silence the portal's event.
    idempotencyKey: parsed.data.idempotencyKey && `service:${parsed.data.idempotencyKey}`,
  })
  return {
    status: event.isDuplicate ? 200 : 202,
    body: { id: event.eventId, duplicate: event.isDuplicate },
  }
}
