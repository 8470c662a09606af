import type { Task } from 'graphile-worker'

import { sendDigests } from '@/lib/notifications/digest'

/** Daily: one mail per person with notifications waiting for their digest. */
export const notification__digest: Task = async (_payload, helpers) => {
  const sent = await sendDigests(helpers.withPgClient)
  if (sent) helpers.logger.info(`sent ${sent} notification digests`)
}
