import { assertProductionEnv, env, isProduction } from './lib/env'
import { logger } from './lib/logger'
import { startWorker } from './worker'

/**
 * A production server never runs without its database and secret, however it was started.
 * With WORKER=in-process (the default) the web process also runs the job queue, so a single
 * `npm start` is a whole portal.
 */
export async function registerNode() {
  if (isProduction()) assertProductionEnv(env())
  if (env().WORKER === 'off') return
  const worker = await startWorker()
  logger.info({ msg: 'worker running in the web process', workerId: worker.id })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void worker.stop().finally(() => process.exit(0))
    })
  }
}
