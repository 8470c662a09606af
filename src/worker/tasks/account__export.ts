import type { Task } from 'graphile-worker'

import { runExport } from '@/lib/accountData/exports'
import { catalog } from '@/lib/tasks'

/** Builds one account's data export and mails its download link (one transaction). */
export const account__export: Task = async (raw, helpers) => {
  const { exportId } = catalog.account__export.schema.parse(raw)
  const done = await helpers.withPgClient(async (client) => {
    await client.query('BEGIN')
    try {
      const result = await runExport(client, exportId)
      await client.query('COMMIT')
      return result
    } catch (err) {
      await client.query('ROLLBACK')
      throw err
    }
  })
  if (!done) helpers.logger.info(`account export ${exportId} is gone or done`)
}
