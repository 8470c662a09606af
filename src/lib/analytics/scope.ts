import { accountKey } from '../accounts'
import type { Queryable } from '../db'
import type { KeyEnvironment } from '../keys/format'
import { ANALYTICS_UPGRADE_MESSAGE, HAS_ANALYTICS, PLANS, type Plan } from '../plans'
import type { AnalyticsScope } from './range'

/** Who asks: a signed-in person, or an API key (which reads its own account only). */
export type AnalyticsCaller = { kind: 'person'; userId: number } | { kind: 'key'; keyId: number }

/** An account whose analytics a caller may read. */
export type AnalyticsAccount = {
  /** `u12` / `o3`: what usage rows are keyed by. */
  account: string
  kind: 'personal' | 'organization'
  /** The user's or the organization's id. */
  id: number
  name: string
  plan: Plan
  /** Whether the plan includes analytics (pro, enterprise). */
  hasAnalytics: boolean
}

/** A key of an account, for the key filter. */
export type AccountKey = {
  id: number
  name: string
  display: string | null
  environment: KeyEnvironment
  status: 'active' | 'revoked'
}

/** What a caller asks to read: an account (default: personal, or the key's), a key, an environment. */
export type ScopeRequest = {
  account?: 'personal' | number
  key?: number
  environment?: KeyEnvironment
}

export type ScopeResolution =
  | { ok: true; account: AnalyticsAccount; scope: AnalyticsScope; key: AccountKey | null }
  /** 404 for anything not the caller's (never saying whether it exists); 403 for a plan without analytics. */
  | { ok: false; status: 403 | 404; message: string; field?: string }

type AccountRow = { kind: 'personal' | 'organization'; id: number; name: string; plan: string }

const planOf = (value: string): Plan =>
  (PLANS as readonly string[]).includes(value) ? (value as Plan) : 'free'

function toAccount(row: AccountRow): AnalyticsAccount {
  const plan = planOf(row.plan)
  const id = Number(row.id)
  return {
    account: accountKey(
      row.kind === 'personal'
        ? { owner: id, organization: null }
        : { owner: null, organization: id },
    ),
    kind: row.kind,
    id,
    name: row.name,
    plan,
    hasAnalytics: HAS_ANALYTICS[plan],
  }
}

const PERSONAL = `SELECT 'personal' AS kind, u.id, u.name, COALESCE(u.plan::text, 'free') AS plan
                    FROM users u WHERE u.id = $1`

/**
 * The accounts a caller may read, personal first: a person's own and those of the
 * organizations they own or administer (as for their keys); a key's own account only.
 */
export async function analyticsAccounts(
  db: Queryable,
  caller: AnalyticsCaller,
): Promise<AnalyticsAccount[]> {
  if (caller.kind === 'person') {
    const { rows } = await db.query<AccountRow>(
      `${PERSONAL}
       UNION ALL
       (SELECT 'organization', o.id, o.name, COALESCE(o.plan::text, 'free')
          FROM organizations o
         WHERE EXISTS (SELECT 1 FROM organizations_members m
                        WHERE m._parent_id = o.id AND m.user_id = $1 AND m.role IN ('owner', 'admin'))
         ORDER BY o.name, o.id)`,
      [caller.userId],
    )
    return rows.map(toAccount)
  }
  const { rows } = await db.query<{ owner_id: number | null; organization_id: number | null }>(
    'SELECT owner_id, organization_id FROM api_keys WHERE id = $1',
    [caller.keyId],
  )
  const key = rows[0]
  if (!key) return []
  if (key.organization_id) {
    const { rows: orgs } = await db.query<AccountRow>(
      `SELECT 'organization' AS kind, o.id, o.name, COALESCE(o.plan::text, 'free') AS plan
         FROM organizations o WHERE o.id = $1`,
      [key.organization_id],
    )
    return orgs.map(toAccount)
  }
  if (!key.owner_id) return []
  return (await db.query<AccountRow>(PERSONAL, [key.owner_id])).rows.map(toAccount)
}

/** SQL matching the keys of an account (`k` is api_keys), with its id as the parameter. */
const keysOf = (account: AnalyticsAccount, param: string) =>
  account.kind === 'organization'
    ? `k.organization_id = ${param}`
    : `k.owner_id = ${param} AND k.organization_id IS NULL`

/** The account's keys (revoked ones too: their usage stays), newest first. */
export async function accountKeys(db: Queryable, account: AnalyticsAccount): Promise<AccountKey[]> {
  const { rows } = await db.query<AccountKey>(
    `SELECT k.id, k.name, k.display, k.environment::text AS environment, k.status::text AS status
       FROM api_keys k WHERE ${keysOf(account, '$1')} ORDER BY k.id DESC`,
    [account.id],
  )
  return rows.map((row) => ({ ...row, id: Number(row.id) }))
}

/** Ids of the account's keys of one environment (an environment filter is a key filter). */
export async function keyIdsForEnvironment(
  db: Queryable,
  account: AnalyticsAccount,
  environment: KeyEnvironment,
): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT k.id FROM api_keys k WHERE ${keysOf(account, '$1')} AND k.environment::text = $2
      ORDER BY k.id`,
    [account.id, environment],
  )
  return rows.map((row) => Number(row.id))
}

const MAX_ID = 2_147_483_647

const notFound = (message: string, field?: string): ScopeResolution => ({
  ok: false,
  status: 404,
  message,
  ...(field ? { field } : {}),
})

/**
 * What a caller may read for a request: the account (a person's personal account or an
 * organization they manage; a key's own account only), refused with 404 when it is none of
 * those, with 403 when its plan has no analytics; then the key (404 unless it is the account's)
 * and the environment, as the scope's keys.
 */
export async function resolveAnalyticsScope(
  db: Queryable,
  caller: AnalyticsCaller,
  request: ScopeRequest = {},
): Promise<ScopeResolution> {
  const accounts = await analyticsAccounts(db, caller)
  const account =
    request.account === undefined
      ? accounts[0]
      : request.account === 'personal'
        ? accounts.find((candidate) => candidate.kind === 'personal')
        : accounts.find(
            (candidate) => candidate.kind === 'organization' && candidate.id === request.account,
          )
  if (!account) return notFound('No such account among yours.', 'account')
  if (!account.hasAnalytics) return { ok: false, status: 403, message: ANALYTICS_UPGRADE_MESSAGE }

  let key: AccountKey | null = null
  if (request.key !== undefined) {
    if (!Number.isInteger(request.key) || request.key < 1 || request.key > MAX_ID) {
      return notFound('No such key in this account.', 'key')
    }
    const { rows } = await db.query<AccountKey>(
      `SELECT k.id, k.name, k.display, k.environment::text AS environment, k.status::text AS status
         FROM api_keys k WHERE k.id = $2 AND ${keysOf(account, '$1')}`,
      [account.id, request.key],
    )
    if (!rows[0]) return notFound('No such key in this account.', 'key')
    key = { ...rows[0], id: Number(rows[0].id) }
  }
  let keyIds: number[] | undefined
  if (request.environment) {
    keyIds = key
      ? key.environment === request.environment
        ? [key.id]
        : []
      : await keyIdsForEnvironment(db, account, request.environment)
  } else if (key) keyIds = [key.id]
  return {
    ok: true,
    account,
    key,
    scope: { accounts: [account.account], ...(keyIds ? { keyIds } : {}) },
  }
}
