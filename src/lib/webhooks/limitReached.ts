import type { Pool, PoolClient } from 'pg'

import { parseAccountKey } from '../accounts'
import { logger } from '../logger'
import { WINDOW_MS, type Resource, type Window } from '../plans'
import { enqueueOn } from '../queue'
import { newId } from './publish'

/**
 * Publishes `usage.limit_reached` for an account the first time it hits a limit in a window.
 * One transaction writes the event and its fan-out job together; the idempotency scope
 * (account, resource, window, bucket) makes it once per window across every verifier.
 */
export async function emitLimitReached(
  pool: Pick<Pool, 'connect'>,
  account: string,
  hit: { resource: Resource; window: Window; limit: number },
  now = Date.now(),
): Promise<void> {
  const length = WINDOW_MS[hit.window]
  const bucket = Math.floor(now / length)
  const { owner, organization } = parseAccountKey(account) ?? { owner: null, organization: null }
  const data = {
    resource: hit.resource,
    window: hit.window,
    limit: hit.limit,
    resets_at: new Date((bucket + 1) * length).toISOString(),
  }
  let client: PoolClient | undefined
  try {
    client = await pool.connect()
    await client.query('BEGIN')
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO webhook_events (event_id, type, owner_id, organization_id, data,
                                   idempotency_scope, is_test, updated_at, created_at)
       VALUES ($1, 'usage.limit_reached', $2, $3, $4::jsonb, $5, false, now(), now())
       ON CONFLICT (idempotency_scope) DO NOTHING
       RETURNING id`,
      [
        newId('evt'),
        owner,
        organization,
        JSON.stringify(data),
        `limit:${account}:${hit.resource}:${hit.window}:${bucket}`,
      ],
    )
    await enqueueOn(
      client,
      'webhook__fanout',
      rows.map((row) => ({ eventId: row.id })),
    )
    await client.query('COMMIT')
  } catch (err) {
    await client?.query('ROLLBACK').catch(() => undefined)
    logger.warn({ msg: 'usage.limit_reached not recorded', err: String(err) })
  } finally {
    client?.release()
  }
}
