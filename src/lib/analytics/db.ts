import pg from 'pg'

import { databaseUrl } from '../defaults'
import { logger } from '../logger'

/** A statement that runs longer is cancelled (an answer of 503, never a stuck connection). */
export const ANALYTICS_STATEMENT_TIMEOUT_MS = 15_000

const globalForAnalytics = globalThis as unknown as { ttAnalyticsPool?: pg.Pool }

/**
 * The process's pool for analytics reads: small, apart from Payload's and the verifier's, with
 * a statement timeout, and without JIT compilation (which costs more than these short
 * aggregations take).
 */
export function analyticsDb(): pg.Pool {
  if (globalForAnalytics.ttAnalyticsPool) return globalForAnalytics.ttAnalyticsPool
  const pool = new pg.Pool({
    connectionString: databaseUrl(),
    max: 4,
    options: `-c jit=off -c statement_timeout=${ANALYTICS_STATEMENT_TIMEOUT_MS}`,
  })
  pool.on('error', (err) =>
    logger.warn({ msg: 'idle analytics database connection closed', err: err.message }),
  )
  globalForAnalytics.ttAnalyticsPool = pool
  return pool
}

/** Releases the pool (scripts, tests). */
export async function closeAnalyticsDb(): Promise<void> {
  const pool = globalForAnalytics.ttAnalyticsPool
  globalForAnalytics.ttAnalyticsPool = undefined
  await pool?.end()
}

/** True for Postgres' "statement cancelled by timeout". */
export const isStatementTimeout = (error: unknown) =>
  (error as { code?: unknown } | null)?.code === '57014'
