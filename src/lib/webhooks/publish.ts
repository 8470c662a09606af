import { randomBytes } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import { accountName, type Account } from '../accounts'
import { enqueueInTransaction } from '../queue'
import { inTransaction } from '../transactions'
import type { EventType } from './events'

/** Sortable, unique ids: `evt_…`, `msg_…` (time first, then randomness). */
export const newId = (prefix: string) =>
  `${prefix}_${Date.now().toString(36).padStart(9, '0')}${randomBytes(10).toString('hex')}`

export type PublishInput = {
  type: EventType
  account: Account
  data: Record<string, unknown>
  idempotencyKey?: string
  /** Only this endpoint (a test event); otherwise every subscribed endpoint of the account. */
  endpointId?: number
  isTest?: boolean
}

type Published = { id: number; eventId: string; isDuplicate: boolean }

async function existing(req: PayloadRequest, scope: string): Promise<Published | null> {
  const { docs } = await req.payload.find({
    collection: 'webhook-events',
    where: { idempotencyScope: { equals: scope } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return docs[0] ? { id: docs[0].id, eventId: docs[0].eventId, isDuplicate: true } : null
}

/**
 * Records an event and enqueues its fan-out in the same transaction as `req`'s write: the
 * deliveries exist if and only if the event (and the change it reports) committed. The same
 * idempotency key for an account returns the first event instead of creating another.
 */
export async function publishEvent(req: PayloadRequest, input: PublishInput): Promise<Published> {
  const scope = input.idempotencyKey
    ? `${accountName(input.account)}:${input.idempotencyKey}`
    : undefined
  if (scope) {
    const found = await existing(req, scope)
    if (found) return found
  }
  try {
    return await inTransaction(req, async () => {
      const event = await req.payload.create({
        collection: 'webhook-events',
        data: {
          eventId: newId('evt'),
          type: input.type,
          owner: input.account.owner,
          organization: input.account.organization,
          data: input.data,
          idempotencyScope: scope,
          isTest: input.isTest ?? false,
        },
        depth: 0,
        overrideAccess: true,
        req,
      })
      await enqueueInTransaction(req, 'webhook__fanout', {
        eventId: event.id,
        endpointId: input.endpointId,
      })
      return { id: event.id, eventId: event.eventId, isDuplicate: false }
    })
  } catch (error) {
    // Two publishes with one key at the same moment: the loser answers with the winner.
    const found = scope ? await existing(req, scope) : null
    if (found) return found
    throw error
  }
}
