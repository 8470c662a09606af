import type { Task } from 'graphile-worker'

import { catalog } from '../catalog'
import { newId } from '@/lib/webhooks/publish'

/**
 * One delivery (and one delivery job) per enabled endpoint of the event's account that
 * subscribes to its type (or to everything). Idempotent: a retried fan-out adds nothing twice.
 */
export const webhook__fanout: Task = async (raw, helpers) => {
  const { eventId, endpointId } = catalog.webhook__fanout.schema.parse(raw)
  const { rows: events } = await helpers.query<{ id: number; type: string }>(
    'SELECT id, type FROM webhook_events WHERE id = $1',
    [eventId],
  )
  const event = events[0]
  if (!event) {
    helpers.logger.info(`event ${eventId} is gone: nothing to fan out`)
    return
  }
  // One statement: the deliveries and their jobs are created together or not at all.
  const { rows } = await helpers.query<{ id: number }>(
    `WITH targets AS (
       SELECT e.id AS endpoint_id, e.owner_id, e.organization_id
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
     )
     , inserted AS (
       INSERT INTO webhook_deliveries
         (delivery_id, event_id, event_type, endpoint_id, owner_id, organization_id, status,
          attempt_count, attempts, next_attempt_at)
       SELECT $3 || '_' || t.endpoint_id, $1, $4, t.endpoint_id, t.owner_id, t.organization_id,
              'pending', 0, '[]'::jsonb, now()
         FROM targets t
       RETURNING id
     )
     SELECT i.id, graphile_worker.add_job('webhook__deliver', json_build_object('deliveryId', i.id),
              job_key => 'webhook__deliver:' || i.id, max_attempts => $5::int)
       FROM inserted i`,
    [eventId, endpointId ?? null, newId('msg'), event.type, catalog.webhook__deliver.maxAttempts],
  )
  if (rows.length) helpers.logger.info(`event ${eventId}: ${rows.length} deliveries`)
}
