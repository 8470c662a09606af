import config from '@payload-config'
import pg from 'pg'
import { getPayload, type Migration, type Payload } from 'payload'

import { migrations } from '../../migrations'

import { databaseUrl, payloadSecret } from '../lib/defaults'
import { env, setEnv } from '../lib/env'
import { logger } from '../lib/logger'
import { migrateQueue, releaseQueue } from '../lib/queue'
import { closeRedis } from '../lib/redis'
import { ensureEmbeddedPostgres } from './embeddedPostgres'
import { checkEnvOrExit } from './preflight'
import { StartupError } from './startupError'

type Cleanup = () => Promise<void>

const cleanups: Cleanup[] = []

/** Registers work to run, last first, when the process shuts down. */
export const onShutdown = (cleanup: Cleanup) => cleanups.unshift(cleanup)

let shuttingDown: Promise<void> | undefined

/** A cleanup that never settles must not keep the process (or leave it exiting with 13). */
const SHUTDOWN_DEADLINE_MS = 10_000

export function shutdown(code = 0): Promise<void> {
  shuttingDown ??= (async () => {
    // A cleanup whose promise is left unsettled once its sockets are gone would end a script
    // with 13 ("unsettled top-level await"): the loop running dry means everything is closed.
    process.once('beforeExit', () => process.exit(code))
    // And one that never finishes does not keep the process past the deadline. The timer is
    // not unref'd: under load the loop could run dry in a way Node ends with 13 before
    // 'beforeExit' (seen in CI); a live timer makes the deadline the worst case instead.
    setTimeout(() => {
      logger.warn({ msg: 'shutdown took too long; exiting anyway' })
      process.exit(code)
    }, SHUTDOWN_DEADLINE_MS)
    for (const cleanup of cleanups) {
      await cleanup().catch((err: unknown) => logger.error({ msg: 'shutdown step failed', err }))
    }
    process.exit(code)
  })()
  return shuttingDown
}

/**
 * Resolves configuration for a process started by one of our scripts: validates the environment
 * (naming any bad variable), refuses production without DATABASE_URL/PAYLOAD_SECRET, and outside
 * production fills in the embedded defaults (embedded Postgres, generated secret). A reason not
 * to start is printed as its one sentence, and the process exits 1.
 */
export async function resolveRuntime(): Promise<void> {
  checkEnvOrExit()
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void shutdown(0))
  }
  if (!env().DATABASE_URL) {
    try {
      const embedded = await ensureEmbeddedPostgres()
      setEnv('DATABASE_URL', embedded.url)
      if (embedded.ownsServer) onShutdown(embedded.stop)
    } catch (error) {
      if (!(error instanceof StartupError)) throw error
      console.error(error.message)
      await shutdown(1)
    }
  }
  if (!env().PAYLOAD_SECRET) setEnv('PAYLOAD_SECRET', payloadSecret())
}

// Any constant shared by every process of the portal.
const MIGRATION_LOCK = 740_611_301

/**
 * Applies pending Payload migrations and graphile-worker's schema. An advisory lock lets any
 * number of replicas start at once: one migrates, the others wait and find nothing left to do.
 */
export async function migrateDatabase(): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl() })
  await client.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
    const payload = await loadPayload()
    await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
    await migrateQueue()
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
    await client.end()
  }
}

let payloadPromise: Promise<Payload> | undefined

/** Payload for scripts; destroyed on shutdown so the process can exit. */
export function loadPayload(): Promise<Payload> {
  payloadPromise ??= (async () => {
    const payload = await getPayload({ config })
    onShutdown(async () => {
      await releaseQueue()
      await closeRedis()
      // The adapter keeps one pool client checked out for good, so its pool never ends cleanly;
      // the process exits right after this, and onInit gave the pool an error listener.
      await payload.destroy()
      const pool = (payload.db as unknown as { pool?: pg.Pool }).pool
      pool?.removeAllListeners('error')
      pool?.on('error', (err) =>
        logger.debug({ msg: 'database connection closed at shutdown', err: err.message }),
      )
    })
    return payload
  })()
  return payloadPromise
}
