import type { Queryable } from '../db'
import { enqueueOn } from '../queue'
import type { CheckConfig } from './checkTypes'

/**
 * Each enabled check of a component runs at once (a saved change is checked straight away);
 * each run then schedules the next (src/lib/status/run.ts). One job per check: its key.
 */
export async function scheduleComponentChecks(
  queryable: Queryable,
  componentId: number,
  checks: Pick<CheckConfig, 'id' | 'enabled'>[],
): Promise<void> {
  const enabled = checks.filter((check) => check.id && check.enabled !== false)
  await enqueueOn(
    queryable,
    'status__check',
    enabled.map((check) => ({ componentId, checkId: check.id })),
  )
}

/**
 * The backstop (every minute): a job for every enabled check that has none waiting, due now;
 * waiting jobs keep their run time. A chain broken by a crash or a failed run restarts here.
 */
export async function ensureCheckJobs(queryable: Queryable): Promise<number> {
  const { rows } = await queryable.query<{ component_id: number; check_id: string }>(
    `SELECT c._parent_id AS component_id, c.id AS check_id
       FROM status_components_checks c
      WHERE c.enabled IS NOT FALSE
        AND NOT EXISTS (
          SELECT 1 FROM graphile_worker._private_jobs j
           WHERE j.key = 'status__check:' || c._parent_id || ':' || c.id
             AND (j.attempts < j.max_attempts OR j.locked_at IS NOT NULL))`,
  )
  await enqueueOn(
    queryable,
    'status__check',
    rows.map((row) => ({ componentId: row.component_id, checkId: row.check_id })),
    { jobKeyMode: 'preserve_run_at' },
  )
  return rows.length
}
