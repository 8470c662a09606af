/**
 * Runs once when a Next server starts. With WORKER=in-process (the default) the web process
 * also runs the job queue, so a single `npm start` is a whole portal.
 */
export async function register() {
  if (
    process.env.NEXT_RUNTIME !== 'nodejs' ||
    process.env.NEXT_PHASE === 'phase-production-build'
  ) {
    return
  }
  const { assertProductionEnv, env, isProduction } = await import('./lib/env')
  // A production server never runs without its database and secret, however it was started.
  if (isProduction()) assertProductionEnv(env())
  if (env().WORKER === 'off') return
  const { startWorker } = await import('./worker')
  const { logger } = await import('./lib/logger')
  const worker = await startWorker()
  logger.info({ msg: 'worker running in the web process', workerId: worker.id })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void worker.stop().finally(() => process.exit(0))
    })
  }
}
