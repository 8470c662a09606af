import type { LimitValues } from '@/fields/limitsField'
import { parseAccountKey } from '@/lib/accounts'
import type { Queryable } from '@/lib/db'
import type { Plan } from '@/lib/plans'

/** An account as billing sees it: a person's own, or an organization they own or administer. */
export type BillingAccount = {
  key: string
  kind: 'user' | 'organization'
  id: number
  name: string
  plan: Plan
  /** Contract limits set by staff (organizations; empty for a person). */
  limits: LimitValues
}

const LIMITS_SQL = `jsonb_strip_nulls(jsonb_build_object(
  'apiCallsPerMinute', o.limits_api_calls_per_minute,
  'apiCallsPerHour', o.limits_api_calls_per_hour,
  'apiCallsPerDay', o.limits_api_calls_per_day,
  'audioProcessingPerDay', o.limits_audio_processing_per_day,
  'modelTrainingPerMonth', o.limits_model_training_per_month))`

/**
 * The accounts whose billing `userId` may see and change: their own, then each organization
 * where they are an owner or an admin. Plain members see nothing of an organization's billing.
 */
export async function billingAccountsOf(db: Queryable, userId: number): Promise<BillingAccount[]> {
  const { rows } = await db.query<{
    kind: 'user' | 'organization'
    id: number
    name: string
    plan: Plan | null
    limits: LimitValues | null
  }>(
    `SELECT 'user' AS kind, u.id, u.name, u.plan::text AS plan, NULL::jsonb AS limits
       FROM users u WHERE u.id = $1
     UNION ALL
     SELECT * FROM (
       SELECT DISTINCT 'organization' AS kind, o.id, o.name, o.plan::text AS plan, ${LIMITS_SQL} AS limits
         FROM organizations o JOIN organizations_members m ON m._parent_id = o.id
        WHERE m.user_id = $1 AND m.role IN ('owner', 'admin')
        ORDER BY o.name) AS orgs`,
    [userId],
  )
  return rows.map((row) => ({
    key: `${row.kind === 'user' ? 'u' : 'o'}${row.id}`,
    kind: row.kind,
    id: row.id,
    name: row.name,
    plan: row.plan ?? 'free',
    limits: row.limits ?? {},
  }))
}

/** One account `userId` may manage, by its key (`u12` / `o3`); null for anything else. */
export async function billingAccountFor(
  db: Queryable,
  userId: number,
  key: string | undefined,
): Promise<BillingAccount | null> {
  const wanted = key ?? `u${userId}`
  if (!parseAccountKey(wanted)) return null
  return (await billingAccountsOf(db, userId)).find((account) => account.key === wanted) ?? null
}

/** The plan an account is on right now (locked for the caller's transaction when asked). */
export async function lockAccountPlan(db: Queryable, key: string): Promise<Plan | null> {
  const account = parseAccountKey(key)
  if (!account) return null
  const { rows } = account.owner
    ? await db.query<{ plan: Plan | null }>(
        'SELECT plan::text AS plan FROM users WHERE id = $1 FOR UPDATE',
        [account.owner],
      )
    : await db.query<{ plan: Plan | null }>(
        'SELECT plan::text AS plan FROM organizations WHERE id = $1 FOR UPDATE',
        [account.organization],
      )
  return rows[0] ? (rows[0].plan ?? 'free') : null
}

/** Sets an account's plan (the limiter reads it once the account's keys leave the caches). */
export async function setAccountPlan(db: Queryable, key: string, plan: Plan): Promise<void> {
  const account = parseAccountKey(key)
  if (!account) throw new Error(`not an account key: ${key}`)
  const [table, id] = account.owner
    ? ['users', account.owner]
    : ['organizations', account.organization]
  await db.query(
    `UPDATE ${table} SET plan = $2::enum_${table}_plan, updated_at = now() WHERE id = $1`,
    [id, plan],
  )
}

/** Hashes of the account's keys, to drop from every cache after a change of plan or limits. */
export async function accountKeyHashes(db: Queryable, key: string): Promise<string[]> {
  const account = parseAccountKey(key)
  if (!account) return []
  const { rows } = await db.query<{ key_hash: string | null }>(
    account.owner
      ? 'SELECT key_hash FROM api_keys WHERE owner_id = $1 AND organization_id IS NULL'
      : 'SELECT key_hash FROM api_keys WHERE organization_id = $1',
    [account.owner ?? account.organization],
  )
  return rows.map((row) => row.key_hash).filter((hash): hash is string => Boolean(hash))
}

/** The account's active keys, oldest first (what a downgrade may have to revoke). */
export async function activeKeysOf(
  db: Queryable,
  key: string,
): Promise<{ id: number; name: string; display: string | null; last_used_at: Date | null }[]> {
  const account = parseAccountKey(key)
  if (!account) return []
  const { rows } = await db.query<{
    id: number
    name: string
    display: string | null
    last_used_at: Date | null
  }>(
    `SELECT id, name, display, last_used_at FROM api_keys
      WHERE ${account.owner ? 'owner_id = $1 AND organization_id IS NULL' : 'organization_id = $1'}
        AND status = 'active' AND (expires_at IS NULL OR expires_at > now())
      ORDER BY id`,
    [account.owner ?? account.organization],
  )
  return rows
}
