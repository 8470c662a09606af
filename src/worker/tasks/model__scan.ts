import type { Task } from 'graphile-worker'

import { markScanFailed, scanModelFile } from '@/lib/models/scanJob'
import { catalog } from '@/lib/tasks'

/**
 * The safety scan of one uploaded model file; publishes its version when it was the last. When
 * its last attempt fails the file is marked `error` (held) rather than left pending forever.
 */
export const model__scan: Task = async (raw, helpers) => {
  const { fileId } = catalog.model__scan.schema.parse(raw)
  let result: Awaited<ReturnType<typeof scanModelFile>>
  try {
    result = await scanModelFile(helpers.withPgClient, fileId)
  } catch (error) {
    if (helpers.job.attempts < helpers.job.max_attempts) throw error
    helpers.logger.error(`model file ${fileId}: last scan attempt failed: ${String(error)}`)
    await markScanFailed(helpers.withPgClient, fileId, (error as Error).message ?? String(error))
    return
  }
  if (!result) helpers.logger.info(`model file ${fileId} is gone`)
  else if (result.status === 'flagged') {
    helpers.logger.warn(
      `model file ${fileId} flagged: ${result.findings.map((f) => f.detail).join('; ')}`,
    )
  }
}
