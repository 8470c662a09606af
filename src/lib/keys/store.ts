import type { Pool } from 'pg'

import type { Plan } from '@/lib/plans'
import type { LimitValues } from '@/fields/limitsField'

import { accountKey } from '../accounts'
import type { KeyEnvironment } from './format'

/** What a verifier needs to know about a key; cached in-process and in Redis as JSON. */
export type KeyRecord = {
  id: number
  status: 'active' | 'revoked'
  environment: KeyEnvironment
  expiresAt: number | null
  ownerId: number | null
  organizationId: number | null
  /** Rate-limit account: `u<id>` for a user's keys, `o<id>` for an organization's. */
  account: string
  plan: Plan
  scopes: string[]
  ipAllowlist: string[]
  keyLimits: LimitValues
  accountLimits: LimitValues
}

const LIMIT_COLUMNS = {
  apiCallsPerMinute: 'limits_api_calls_per_minute',
  apiCallsPerHour: 'limits_api_calls_per_hour',
  apiCallsPerDay: 'limits_api_calls_per_day',
  audioProcessingPerDay: 'limits_audio_processing_per_day',
  modelTrainingPerMonth: 'limits_model_training_per_month',
} as const

const select = (table: string, prefix: string) =>
  Object.values(LIMIT_COLUMNS)
    .map((column) => `${table}.${column} AS ${prefix}_${column}`)
    .join(', ')

/**
 * A key whose owner asked to delete their account stops verifying during the grace period (as
 * if revoked), and works again when a login cancels the deletion: nothing on the key changes.
 */
const lookup = (where: string) => `
  SELECT k.id,
         CASE WHEN EXISTS (SELECT 1 FROM account_deletions d
                            WHERE d.user_id = k.owner_id AND d.cancelled_at IS NULL)
              THEN 'revoked' ELSE k.status::text END AS status,
         k.environment, k.expires_at, k.owner_id, k.organization_id,
         COALESCE(o.plan::text, u.plan::text, 'free') AS plan,
         ARRAY(SELECT t.text FROM api_keys_texts t
                WHERE t.parent_id = k.id AND t.path = 'scopes' ORDER BY t."order") AS scopes,
         ARRAY(SELECT t.text FROM api_keys_texts t
                WHERE t.parent_id = k.id AND t.path = 'ipAllowlist' ORDER BY t."order") AS ip_allowlist,
         ${select('k', 'key')}, ${select('o', 'account')}
    FROM api_keys k
    LEFT JOIN users u ON u.id = k.owner_id
    LEFT JOIN organizations o ON o.id = k.organization_id
   WHERE ${where}`

type Row = Record<string, unknown>

function limitsOf(row: Row, prefix: string): LimitValues {
  const limits: LimitValues = {}
  for (const [name, column] of Object.entries(LIMIT_COLUMNS)) {
    const value = row[`${prefix}_${column}`]
    if (value !== null && value !== undefined) limits[name as keyof LimitValues] = Number(value)
  }
  return limits
}

const BY_HASH = lookup('k.key_hash = $1')
const BY_ID = lookup('k.id = $1')

/** Looks a key up by its SHA-256: the only Postgres read of a verification (cache miss). */
export async function loadKeyRecord(
  pool: Pick<Pool, 'query'>,
  hash: string,
): Promise<KeyRecord | null> {
  return recordOf((await pool.query(BY_HASH, [hash])).rows[0] as Row | undefined)
}

/** The same record by id, for pages that show a key's limits as the verifier applies them. */
export async function loadKeyRecordById(
  pool: Pick<Pool, 'query'>,
  id: number,
): Promise<KeyRecord | null> {
  return recordOf((await pool.query(BY_ID, [id])).rows[0] as Row | undefined)
}

function recordOf(row: Row | undefined): KeyRecord | null {
  if (!row) return null
  const organizationId = (row.organization_id as number | null) ?? null
  const ownerId = (row.owner_id as number | null) ?? null
  // Its account was deleted (the foreign key was set null): the key went with it.
  if (organizationId === null && ownerId === null) return null
  return {
    id: row.id as number,
    status: row.status as KeyRecord['status'],
    environment: row.environment as KeyEnvironment,
    expiresAt: row.expires_at ? new Date(row.expires_at as string).getTime() : null,
    ownerId,
    organizationId,
    account: accountKey({ owner: ownerId, organization: organizationId }),
    plan: row.plan as Plan,
    scopes: row.scopes as string[],
    ipAllowlist: row.ip_allowlist as string[],
    keyLimits: limitsOf(row, 'key'),
    accountLimits: organizationId ? limitsOf(row, 'account') : {},
  }
}
