import type { PoolClient } from 'pg'

import type { Consumer, StoredEvent } from '../events/fanout'
import { newId } from '../events/publish'
import { EVENT_TYPES, isEventType } from '../events/registry'
import { announceTopics, endpointTopic } from '../notifications/live'
import { enqueueOn } from '../queue'

/**
 * One delivery (and one delivery job) per enabled endpoint of the event's account that
 * subscribes to its type (or to everything); a test event goes to its one endpoint. An event
 * about the service (no account: the status page's `incident.*`, `maintenance.*`) goes to every
 * enabled endpoint, of any account, that lists its type or its family (`incident.*`) — an
 * endpoint that takes "every event" means every event of its own account. Returns how many deliveries it created.
 */
export async function createDeliveries(client: PoolClient, event: StoredEvent): Promise<number> {
  return (await insertDeliveries(client, event)).length
}

async function insertDeliveries(client: PoolClient, event: StoredEvent) {
  const { rows } = await client.query<{ id: number; endpoint_id: number }>(
    `INSERT INTO webhook_deliveries
       (delivery_id, event_id, event_type, endpoint_id, owner_id, organization_id, status,
        attempt_count, attempts, next_attempt_at)
     SELECT $3 || '_' || e.id, ev.id, ev.type, e.id, e.owner_id, e.organization_id,
            'pending', 0, '[]'::jsonb, now()
       FROM webhook_endpoints e, webhook_events ev
      WHERE ev.id = $1 AND e.enabled AND e.disabled_at IS NULL
        AND ($2::int IS NULL OR e.id = $2)
        AND (($2::int IS NOT NULL
              AND e.owner_id IS NOT DISTINCT FROM ev.owner_id
              AND e.organization_id IS NOT DISTINCT FROM ev.organization_id)
             OR ($2::int IS NULL AND ev.owner_id IS NULL AND ev.organization_id IS NULL
                 AND EXISTS (SELECT 1 FROM webhook_endpoints_texts t
                              WHERE t.parent_id = e.id AND t.path = 'events' AND t.text IN (ev.type, split_part(ev.type, '.', 1) || '.*')))
             OR ($2::int IS NULL
                 AND e.owner_id IS NOT DISTINCT FROM ev.owner_id
                 AND e.organization_id IS NOT DISTINCT FROM ev.organization_id
                 AND (NOT EXISTS (SELECT 1 FROM webhook_endpoints_texts t
                                   WHERE t.parent_id = e.id AND t.path = 'events')
                      OR EXISTS (SELECT 1 FROM webhook_endpoints_texts t
                                  WHERE t.parent_id = e.id AND t.path = 'events'
                                    AND t.text IN (ev.type, split_part(ev.type, '.', 1) || '.*')))))
        AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d
                         WHERE d.event_id = ev.id AND d.endpoint_id = e.id)
     RETURNING id, endpoint_id`,
    [event.id, event.endpointId ?? null, newId('msg')],
  )
  await enqueueOn(
    client,
    'webhook__deliver',
    rows.map((row) => ({ deliveryId: row.id })),
  )
  return rows
}

/** Public events (and test events) go to the account's webhook endpoints. */
export const webhookConsumer: Consumer = {
  name: 'webhooks',
  wants: (event) =>
    event.isTest || (isEventType(event.type) && EVENT_TYPES[event.type].visibility === 'public'),
  consume: async (client, event) => {
    const rows = await insertDeliveries(client, event)
    // Once committed, open endpoint pages show the new deliveries.
    return () => announceTopics(rows.map((row) => endpointTopic(row.endpoint_id)))
  },
}
