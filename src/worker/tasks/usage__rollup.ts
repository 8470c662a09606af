import type { Task } from 'graphile-worker'

import { rollUpAll } from '@/lib/usage/rollup'

/** Every minute: roll raw usage events up per minute, hour and day, in every roll-up table. */
export const usage__rollup: Task = async (_payload, helpers) => {
  const written = await rollUpAll({ query: helpers.query as never })
  for (const [granularity, rows] of Object.entries(written)) {
    if (rows) helpers.logger.debug(`rolled up ${rows} ${granularity} rows`)
  }
}
