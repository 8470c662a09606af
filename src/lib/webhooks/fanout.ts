import type { PoolClient } from 'pg'

import { enqueueOn } from '../queue'
import { newId } from './publish'

/**
 * Creates one delivery (and one delivery job) per enabled endpoint of the event's account that
 * subscribes to its type (or to everything), in one transaction. Idempotent: a retried fan-out
 * adds nothing twice. Returns how many deliveries it created, or null when the event is gone.
 */
export async function fanOutEvent(
  client: PoolClient,
  eventId: number,
  endpointId?: number,
): Promise<number | null> {
  await client.query('BEGIN')
  try {
    const { rows: events } = await client.query<{ type: string }>(
      'SELECT type FROM webhook_events WHERE id = $1',
      [eventId],
    )
    if (!events[0]) {
      await client.query('ROLLBACK')
      return null
    }
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO webhook_deliveries
         (delivery_id, event_id, event_type, endpoint_id, owner_id, organization_id, status,
          attempt_count, attempts, next_attempt_at)
       SELECT $3 || '_' || e.id, ev.id, ev.type, e.id, e.owner_id, e.organization_id,
              'pending', 0, '[]'::jsonb, now()
         FROM webhook_endpoints e, webhook_events ev
        WHERE ev.id = $1 AND e.enabled AND e.disabled_at IS NULL
          AND ($2::int IS NULL OR e.id = $2)
          AND e.owner_id IS NOT DISTINCT FROM ev.owner_id
          AND e.organization_id IS NOT DISTINCT FROM ev.organization_id
          AND ($2::int IS NOT NULL
               OR NOT EXISTS (SELECT 1 FROM webhook_endpoints_texts t
                               WHERE t.parent_id = e.id AND t.path = 'events')
               OR EXISTS (SELECT 1 FROM webhook_endpoints_texts t
                           WHERE t.parent_id = e.id AND t.path = 'events' AND t.text = ev.type))
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d
                           WHERE d.event_id = ev.id AND d.endpoint_id = e.id)
       RETURNING id`,
      [eventId, endpointId ?? null, newId('msg')],
    )
    await enqueueOn(
      client,
      'webhook__deliver',
      rows.map((row) => ({ deliveryId: row.id })),
    )
    await client.query('COMMIT')
    return rows.length
  } catch (err) {
    await client.query('ROLLBACK')
    throw err
  }
}
