import type { Task } from 'graphile-worker'

import { rollUpModelDownloads } from '@/lib/models/downloads'

/** Hourly: models' trending scores from the download roll-up; yesterday's count marks go. */
export const model__rollup: Task = async (_payload, helpers) => {
  const { pruned } = await helpers.withPgClient((client) => rollUpModelDownloads(client))
  if (pruned) helpers.logger.info(`${pruned} model download marks pruned`)
}
