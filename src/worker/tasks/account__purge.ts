import type { Task } from 'graphile-worker'

import { pruneExports } from '@/lib/accountData/exports'
import { purgeDueAccounts } from '@/lib/accountData/deletion'

/** Hourly: accounts past their 14-day grace period are anonymised; expired exports dropped. */
export const account__purge: Task = async (_payload, helpers) => {
  const purged = await helpers.withPgClient((client) =>
    purgeDueAccounts(
      async () => client,
      new Date(),
      (message) => helpers.logger.warn(message),
    ),
  )
  const pruned = await helpers.withPgClient((client) => pruneExports(client))
  if (purged || pruned) helpers.logger.info(`purged ${purged} accounts, ${pruned} old exports`)
}
