import type { PoolClient } from 'pg'

import { announceStatusChange } from './cache'
import { publishMaintenanceEvent, type MaintenanceEventType } from './events'
import type { MaintenanceStatus } from './states'
import { CONFIRM_TTL_MS } from './tokens'

type WithClient = <T>(work: (client: PoolClient) => Promise<T>) => Promise<T>

type Due = {
  id: number
  title: string
  description: string | null
  status: MaintenanceStatus
  notify: boolean | null
  scheduled_start: Date
  scheduled_end: Date
  components: number[] | null
}

/**
 * Maintenance on schedule (every minute, for those staff left automatic): scheduled work whose
 * window has begun is in progress, work whose window has ended is completed (a window already
 * over when first seen goes straight to completed). Each move is one transaction with its notice
 * (`maintenance.started` / `maintenance.completed`). Returns how many moved.
 */
export async function advanceMaintenances(
  withClient: WithClient,
  now = new Date(),
): Promise<number> {
  const moved = await withClient(async (client) => {
    const { rows } = await client.query<Due>(
      `SELECT m.id, m.title, m.description, m.status::text AS status, m.notify,
              m.scheduled_start, m.scheduled_end,
              array_remove(array_agg(r.status_components_id ORDER BY r."order"), NULL) AS components
         FROM status_maintenances m
         LEFT JOIN status_maintenances_rels r ON r.parent_id = m.id AND r.path = 'components'
        WHERE m.is_automatic IS NOT FALSE
          AND ((m.status = 'scheduled' AND m.scheduled_start <= $1)
               OR (m.status IN ('in_progress', 'verifying') AND m.scheduled_end <= $1))
        GROUP BY m.id`,
      [now.toISOString()],
    )
    let count = 0
    for (const due of rows) {
      const isOver = new Date(due.scheduled_end).getTime() <= now.getTime()
      const status: MaintenanceStatus = isOver ? 'completed' : 'in_progress'
      await client.query('BEGIN')
      try {
        const { rowCount } = await client.query(
          `UPDATE status_maintenances
              SET status = $2::text::enum_status_maintenances_status, updated_at = now(),
                  started_at = coalesce(started_at, $3::timestamptz),
                  completed_at = CASE WHEN $2::text = 'completed' THEN $3::timestamptz
                                      ELSE completed_at END
            WHERE id = $1 AND status::text = $4::text`,
          [due.id, status, now.toISOString(), due.status],
        )
        if (rowCount) {
          const facts = {
            id: due.id,
            title: due.title,
            description: due.description ?? '',
            status,
            notify: due.notify !== false,
            scheduledStart: new Date(due.scheduled_start).toISOString(),
            scheduledEnd: new Date(due.scheduled_end).toISOString(),
            componentIds: due.components ?? [],
          }
          const notices: MaintenanceEventType[] =
            status === 'completed' && due.status === 'scheduled'
              ? ['maintenance.started', 'maintenance.completed']
              : [status === 'completed' ? 'maintenance.completed' : 'maintenance.started']
          for (const type of notices) await publishMaintenanceEvent(client, type, facts)
          count++
        }
        await client.query('COMMIT')
      } catch (err) {
        await client.query('ROLLBACK')
        throw err
      }
    }
    return count
  })
  if (moved > 0) await announceStatusChange()
  return moved
}

/**
 * Check results the page no longer shows go (the per-day counts stay longer), and so do
 * subscriptions never confirmed once their link has expired.
 */
export async function pruneCheckResults(
  withClient: WithClient,
  { resultDays = 92, dayRows = 400 } = {},
): Promise<number> {
  return withClient(async (client) => {
    const { rowCount } = await client.query(
      `DELETE FROM status_checks WHERE checked_at < now() - make_interval(days => $1)`,
      [resultDays],
    )
    await client.query(
      `DELETE FROM status_check_days WHERE day < (now() AT TIME ZONE 'UTC')::date - $1::int`,
      [dayRows],
    )
    await client.query(
      `DELETE FROM status_subscribers
        WHERE confirmed_at IS NULL AND created_at < now() - make_interval(secs => $1)`,
      [CONFIRM_TTL_MS / 1000 + 86_400],
    )
    return rowCount ?? 0
  })
}
