import type { Task } from 'graphile-worker'

import { env } from '@/lib/env'
import { pruneUsage } from '@/lib/usage/rollup'

/** Daily: drop usage older than the configured retention (USAGE_/ROLLUP_RETENTION_DAYS). */
export const usage__prune: Task = async (_payload, helpers) => {
  const { events, rollups } = await pruneUsage(
    { query: helpers.query as never },
    { eventDays: env().USAGE_RETENTION_DAYS, rollupDays: env().ROLLUP_RETENTION_DAYS },
  )
  if (events || rollups)
    helpers.logger.info(`pruned ${events} usage events and ${rollups} roll-ups`)
}
