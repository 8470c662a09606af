import type { Task } from 'graphile-worker'

import { ensureCheckJobs } from '@/lib/status/schedule'

/** Every minute: every enabled status check has its job (restarts broken chains). */
export const status__schedule: Task = async (_payload, helpers) => {
  const started = await helpers.withPgClient((client) => ensureCheckJobs(client))
  if (started) helpers.logger.info(`${started} status checks (re)scheduled`)
}
