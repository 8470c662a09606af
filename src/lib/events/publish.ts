import { randomBytes } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import { accountName, type Account } from '../accounts'
import { db, type Queryable } from '../db'
import { enqueueOn } from '../queue'
import { inTransaction } from '../transactions'
import { isEveryoneEvent, parseEventData, type EventType } from './registry'

/** The account of an event about the service itself (the status page): nobody's. */
export const NO_ACCOUNT: Account = { owner: null, organization: null }

/** Sortable, unique ids: `evt_…`, `msg_…` (time first, then randomness). */
export const newId = (prefix: string) =>
  `${prefix}_${Date.now().toString(36).padStart(9, '0')}${randomBytes(10).toString('hex')}`

export type PublishInput = {
  type: EventType
  account: Account
  data: Record<string, unknown>
  /** Who caused it, when a person did. */
  actor?: number | null
  /** The same key for the same account gives back the first event instead of a second. */
  idempotencyKey?: string
  /** Only this endpoint (a test event); otherwise every consumer and subscribed endpoint. */
  endpointId?: number
  isTest?: boolean
}

export type Published = { id: number; eventId: string; isDuplicate: boolean }

/** Where an idempotency key is unique: per account (or service-wide for everyone's events). */
export function idempotencyScope(account: PublishInput['account'], key: string): string {
  const hasAccount = account.owner !== null || account.organization !== null
  return `${hasAccount ? accountName(account) : 'everyone'}:${key}`
}

/**
 * The one way an event is written: a row of the outbox (`webhook_events`) and its fan-out job,
 * on `db` — the caller's transaction, so the event exists if and only if the change it reports
 * commits. The data must match the type's schema (src/lib/events/registry.ts).
 */
export async function publishEvent(queryable: Queryable, input: PublishInput): Promise<Published> {
  const parsed = parseEventData(input.type, input.data)
  if ('error' in parsed) {
    throw new Error(`${input.type} event: ${parsed.error.field} ${parsed.error.message}`)
  }
  const isForEveryone = isEveryoneEvent(input.type)
  const hasAccount = input.account.owner !== null || input.account.organization !== null
  // A test event goes to one endpoint, as its account's, whatever the type.
  if (!input.isTest && isForEveryone === hasAccount) {
    throw new Error(
      `${input.type} event: ${isForEveryone ? 'is about the service and takes no account' : 'needs an account'}`,
    )
  }
  const scope = input.idempotencyKey ? idempotencyScope(input.account, input.idempotencyKey) : null
  const { rows } = await queryable.query<{ id: number; event_id: string }>(
    `INSERT INTO webhook_events (event_id, type, owner_id, organization_id, actor_id, data,
                                 idempotency_scope, is_test, updated_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, now(), now())
     ON CONFLICT (idempotency_scope) DO NOTHING
     RETURNING id, event_id`,
    [
      newId('evt'),
      input.type,
      input.account.owner,
      input.account.organization,
      input.actor ?? null,
      JSON.stringify(parsed.data),
      scope,
      input.isTest ?? false,
    ],
  )
  if (rows[0]) {
    await enqueueOn(queryable, 'event__fanout', [
      { eventId: rows[0].id, endpointId: input.endpointId },
    ])
    return { id: rows[0].id, eventId: rows[0].event_id, isDuplicate: false }
  }
  const { rows: first } = await queryable.query<{ id: number; event_id: string }>(
    'SELECT id, event_id FROM webhook_events WHERE idempotency_scope = $1',
    [scope],
  )
  return { id: first[0].id, eventId: first[0].event_id, isDuplicate: true }
}

/** publishEvent for a Payload request: in its transaction, or one of its own. */
export function publishEventFor(req: PayloadRequest, input: PublishInput): Promise<Published> {
  return inTransaction(req, async () => publishEvent(await db(req), input))
}
