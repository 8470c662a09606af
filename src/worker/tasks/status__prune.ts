import type { Task } from 'graphile-worker'

import { pruneCheckResults } from '@/lib/status/maintenance'

/** Daily: status check results older than the page shows go. */
export const status__prune: Task = async (_payload, helpers) => {
  const removed = await pruneCheckResults(helpers.withPgClient)
  if (removed) helpers.logger.info(`${removed} old status check results removed`)
}
