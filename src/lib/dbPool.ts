import type { Pool } from 'pg'
import type { Payload } from 'payload'

/**
 * A pg pool without an 'error' listener crashes the process when Postgres drops an idle
 * connection (restart, failover, shutdown). Log it instead: the pool reconnects on next use.
 */
export function watchDatabasePool(payload: Payload): void {
  const pool = (payload.db as unknown as { pool?: Pool }).pool
  if (pool && pool.listenerCount('error') === 0) {
    pool.on('error', (err) =>
      payload.logger.warn({ msg: 'idle database connection closed', err: err.message }),
    )
  }
}
