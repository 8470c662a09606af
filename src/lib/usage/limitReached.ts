import type { Pool, PoolClient } from 'pg'

import { parseAccountKey } from '../accounts'
import { logger } from '../logger'
import { WINDOW_MS, type Resource, type Window } from '../plans'
import { publishEvent } from '../events/publish'

/**
 * Publishes `usage.limit_reached` for an account the first time it hits a limit in a window.
 * The idempotency key (resource, window, bucket) makes it once per account and window across
 * every verifier.
 */
export async function emitLimitReached(
  pool: Pick<Pool, 'connect'>,
  account: string,
  hit: { resource: Resource; window: Window; limit: number },
  now = Date.now(),
): Promise<void> {
  const length = WINDOW_MS[hit.window]
  const bucket = Math.floor(now / length)
  const target = parseAccountKey(account)
  if (!target) return
  let client: PoolClient | undefined
  try {
    client = await pool.connect()
    await client.query('BEGIN')
    await publishEvent(client, {
      type: 'usage.limit_reached',
      account: target,
      data: {
        resource: hit.resource,
        window: hit.window,
        limit: hit.limit,
        resets_at: new Date((bucket + 1) * length).toISOString(),
      },
      idempotencyKey: `limit:${hit.resource}:${hit.window}:${bucket}`,
    })
    await client.query('COMMIT')
  } catch (err) {
    await client?.query('ROLLBACK').catch(() => undefined)
    logger.warn({ msg: 'usage.limit_reached not recorded', err: String(err) })
  } finally {
    client?.release()
  }
}
