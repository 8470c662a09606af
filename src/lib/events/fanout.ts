import type { PoolClient } from 'pg'

import type { Account } from '../accounts'
import { logger } from '../logger'

/** An event as a consumer receives it. */
export type StoredEvent = {
  id: number
  eventId: string
  type: string
  account: Account
  actor: number | null
  data: Record<string, unknown>
  isTest: boolean
  createdAt: Date
  /** A test event: only this endpoint. */
  endpointId?: number
}

type WithClient = <T>(work: (client: PoolClient) => Promise<T>) => Promise<T>

/**
 * A subscriber of the outbox. `consume` runs in a transaction together with the mark that it
 * consumed the event, so it sees each event exactly once: a failed or killed run leaves no mark
 * and is retried, a finished one is never repeated. What must wait for the commit (telling other
 * processes over Redis) is returned as a function.
 */
export type Consumer = {
  name: string
  wants: (event: StoredEvent) => boolean
  consume: (client: PoolClient, event: StoredEvent) => Promise<(() => Promise<void>) | void>
}

export type FanOutResult = Record<string, 'consumed' | 'not wanted' | 'already consumed'>

/** Hands an event to every consumer that wants it; null when the event is gone. */
export async function fanOut(
  withClient: WithClient,
  consumers: Consumer[],
  eventId: number,
  endpointId?: number,
): Promise<FanOutResult | null> {
  const event = await withClient(async (client) => {
    const { rows } = await client.query<{
      id: number
      event_id: string
      type: string
      owner_id: number | null
      organization_id: number | null
      actor_id: number | null
      data: Record<string, unknown>
      is_test: boolean
      created_at: Date
    }>(
      `SELECT id, event_id, type, owner_id, organization_id, actor_id, data, is_test, created_at
         FROM webhook_events WHERE id = $1`,
      [eventId],
    )
    const row = rows[0]
    if (!row) return null
    const account: Account = row.organization_id
      ? { owner: null, organization: row.organization_id }
      : { owner: row.owner_id, organization: null }
    return {
      id: row.id,
      eventId: row.event_id,
      type: row.type,
      account,
      actor: row.actor_id,
      data: row.data,
      isTest: row.is_test,
      createdAt: row.created_at,
      endpointId,
    } satisfies StoredEvent
  })
  if (!event) return null
  const result: FanOutResult = {}
  for (const consumer of consumers) {
    if (!consumer.wants(event)) {
      result[consumer.name] = 'not wanted'
      continue
    }
    const afterCommit = await withClient(async (client) => {
      await client.query('BEGIN')
      try {
        const { rowCount } = await client.query(
          `INSERT INTO event_consumptions (event_id, consumer) VALUES ($1, $2)
           ON CONFLICT DO NOTHING`,
          [event.id, consumer.name],
        )
        if (rowCount === 0) {
          await client.query('ROLLBACK')
          return 'already' as const
        }
        const after = await consumer.consume(client, event)
        await client.query('COMMIT')
        return after ?? null
      } catch (err) {
        await client.query('ROLLBACK')
        throw err
      }
    })
    if (afterCommit === 'already') {
      result[consumer.name] = 'already consumed'
      continue
    }
    result[consumer.name] = 'consumed'
    await afterCommit?.().catch((err: unknown) =>
      logger.warn({ msg: `${consumer.name}: after-commit step failed`, err: String(err) }),
    )
  }
  return result
}
