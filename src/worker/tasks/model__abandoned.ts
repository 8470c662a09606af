import type { Task } from 'graphile-worker'

import { abortAbandonedUploads } from '@/lib/models/files'

/** Hourly: model file uploads left unfinished for a day are aborted (their parts freed). */
export const model__abandoned: Task = async (_payload, helpers) => {
  const aborted = await helpers.withPgClient((client) => abortAbandonedUploads(client))
  if (aborted) helpers.logger.info(`${aborted} abandoned model uploads aborted`)
}
