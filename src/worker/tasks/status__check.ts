import type { Task } from 'graphile-worker'

import { env } from '@/lib/env'
import { healthProbes } from '@/lib/health'
import { catalog } from '@/lib/tasks'
import { runCheck } from '@/lib/status/run'
import { verifierProbe } from '@/lib/status/verifierProbe'

/** One automatic check of a status component; it schedules its own next run. */
export const status__check: Task = async (raw, helpers) => {
  const job = catalog.status__check.schema.parse(raw)
  const ran = await runCheck(helpers.withPgClient, job, {
    policy: { allowLoopback: env().WEBHOOK_ALLOW_LOOPBACK },
    internal: {
      ...healthProbes({ query: helpers.query as never }),
      verifier: verifierProbe,
    },
  })
  if (!ran) helpers.logger.info(`check ${job.checkId} of component ${job.componentId} is gone`)
  else if (!ran.result.ok) helpers.logger.debug(`check ${job.checkId}: ${ran.result.error}`)
}
