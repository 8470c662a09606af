import type { Task } from 'graphile-worker'

import { publishExpiringKeys } from '@/lib/keys/expiring'

/** Daily: tell accounts of keys that expire within 7 days. */
export const key__expiring: Task = async (_payload, helpers) => {
  const published = await publishExpiringKeys(helpers.withPgClient)
  if (published) helpers.logger.info(`${published} keys expire within 7 days`)
}
