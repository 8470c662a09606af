import type { Task } from 'graphile-worker'

import { GRANULARITIES, rollUp } from '@/lib/usage/rollup'

/** Every minute: roll raw usage events up per minute, hour and day. */
export const usage__rollup: Task = async (_payload, helpers) => {
  for (const granularity of GRANULARITIES) {
    const written = await rollUp({ query: helpers.query as never }, granularity)
    if (written) helpers.logger.debug(`rolled up ${written} ${granularity} rows`)
  }
}
