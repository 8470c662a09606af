import { assertProductionEnv, env, isProduction } from './lib/env'
import { closeKeyService } from './lib/keys/service'
import { logger } from './lib/logger'
import { startStatusRevalidation } from './runtime/statusRevalidation'
import { startVerifier } from './verifier'
import { startWorker } from './worker'

/**
 * A production server never runs without its database and secret, however it was started.
 * With WORKER=in-process and VERIFIER=in-process (the defaults) the web process also runs the
 * job queue and the key verification server, so a single `npm start` is a whole portal.
 */
export async function registerNode() {
  if (isProduction()) assertProductionEnv(env())
  const stops: (() => Promise<void>)[] = []
  // The status page hears of changes made outside requests (the worker, other replicas).
  const stopStatusRevalidation = startStatusRevalidation()
  stops.push(async () => stopStatusRevalidation())
  if (env().VERIFIER !== 'off') {
    try {
      const verifier = await startVerifier()
      stops.push(verifier.stop)
    } catch (err) {
      // The portal still serves (and /api/keys/verify still verifies) without it.
      logger.error({
        msg: `key verification server not started on port ${env().VERIFIER_PORT}`,
        err: err instanceof Error ? err.message : String(err),
      })
    }
  }
  if (env().WORKER !== 'off') {
    const worker = await startWorker()
    logger.info({ msg: 'worker running in the web process', workerId: worker.id })
    stops.push(worker.stop)
  }
  // Usage recorded by this process (REST/GraphQL key auth, /api/keys/verify) is written out.
  stops.push(closeKeyService)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      // One after another: servers stop taking requests, then buffered usage is written.
      void (async () => {
        for (const stop of stops) {
          await stop().catch((err: unknown) =>
            logger.error({ msg: 'shutdown step failed', err: String(err) }),
          )
        }
      })().finally(() => process.exit(0))
    })
  }
}
