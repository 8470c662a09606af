import type { Task } from 'graphile-worker'

/**
 * Every minute: a delivery job still locked after 2 minutes belongs to a worker that died
 * mid-delivery (an attempt takes at most WEBHOOK_TIMEOUT_MS, 60 s at most), so a delivery is
 * attempted again within 3 minutes of a worker running. graphile-worker alone would leave it locked
 * for hours; unlocking it lets any running worker attempt it again at once.
 */
export const webhook__recover: Task = async (_payload, helpers) => {
  const { rowCount } = await helpers.query(
    `UPDATE graphile_worker._private_jobs j
        SET locked_at = NULL, locked_by = NULL, run_at = now()
       FROM graphile_worker._private_tasks t
      WHERE j.task_id = t.id AND t.identifier = 'webhook__deliver'
        AND j.locked_at IS NOT NULL AND j.locked_at < now() - interval '2 minutes'`,
  )
  if (rowCount) helpers.logger.warn(`released ${rowCount} delivery jobs of dead workers`)
}
