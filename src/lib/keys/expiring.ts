import type { PoolClient } from 'pg'

import { accountOf } from '../accounts'
import { publishEvent } from '../events/publish'

type WithClient = <T>(work: (client: PoolClient) => Promise<T>) => Promise<T>

/** How long before its expiry a key's account hears of it. */
export const EXPIRY_NOTICE_MS = 7 * 86_400_000

/**
 * Publishes `api_key.expiring` for every active key that expires within 7 days — once per key
 * and expiry (an idempotency key), however often this runs. Returns how many it published.
 */
export async function publishExpiringKeys(
  withClient: WithClient,
  now = new Date(),
): Promise<number> {
  const keys = await withClient(async (client) => {
    const { rows } = await client.query<{
      id: number
      name: string
      display: string | null
      owner_id: number | null
      organization_id: number | null
      expires_at: Date
    }>(
      `SELECT id, name, display, owner_id, organization_id, expires_at FROM api_keys
        WHERE status = 'active' AND expires_at > $1 AND expires_at <= $1 + make_interval(secs => $2)
          AND (owner_id IS NOT NULL OR organization_id IS NOT NULL)`,
      [now, EXPIRY_NOTICE_MS / 1000],
    )
    return rows
  })
  let published = 0
  for (const key of keys) {
    const expiresAt = new Date(key.expires_at).toISOString()
    const isNew = await withClient(async (client) => {
      await client.query('BEGIN')
      try {
        const event = await publishEvent(client, {
          type: 'api_key.expiring',
          account: accountOf({ owner: key.owner_id, organization: key.organization_id }),
          data: {
            key_id: key.id,
            name: key.name,
            display: key.display ?? '',
            expires_at: expiresAt,
          },
          idempotencyKey: `expiring:${key.id}:${expiresAt}`,
        })
        await client.query('COMMIT')
        return !event.isDuplicate
      } catch (err) {
        await client.query('ROLLBACK')
        throw err
      }
    })
    if (isNew) published++
  }
  return published
}
