import type { Task } from 'graphile-worker'

import { scanModelFile } from '@/lib/models/scanJob'
import { catalog } from '@/lib/tasks'

/** The safety scan of one uploaded model file; publishes its version when it was the last. */
export const model__scan: Task = async (raw, helpers) => {
  const { fileId } = catalog.model__scan.schema.parse(raw)
  const result = await scanModelFile(helpers.withPgClient, fileId)
  if (!result) helpers.logger.info(`model file ${fileId} is gone`)
  else if (result.status === 'flagged') {
    helpers.logger.warn(
      `model file ${fileId} flagged: ${result.findings.map((f) => f.detail).join('; ')}`,
    )
  }
}
