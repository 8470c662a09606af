import type { Task } from 'graphile-worker'

import { advanceMaintenances } from '@/lib/status/maintenance'

/** Every minute: maintenance starts and completes on schedule, with its notices. */
export const status__maintenance: Task = async (_payload, helpers) => {
  const moved = await advanceMaintenances(helpers.withPgClient)
  if (moved) helpers.logger.info(`${moved} maintenances moved on schedule`)
}
