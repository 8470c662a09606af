import 'server-only'

import type { PaginatedDocs, Where } from 'payload'
import { cache } from 'react'

import { canManage } from '@/access/organizationAccess'
import type { Plan } from '@/lib/plans'
import { limitsFor } from '@/fields/limitsField'
import type { KeyEnvironment } from '@/lib/keys/format'
import { windowKey } from '@/lib/keys/limiter'
import { keyService } from '@/lib/keys/service'
import { loadKeyRecordById } from '@/lib/keys/store'
import { logger } from '@/lib/logger'
import { effectiveLimits, WINDOW_MS, type Resource, type Window } from '@/lib/plans'
import { redis } from '@/lib/redis'
import { relationId } from '@/lib/relationId'
import { RATE_LIMITED_SQL } from '@/lib/usage/outcomes'
import type { ApiKey, User } from '@/payload-types'
import type { KeySort, KeyState, UsageGranularity } from '@/schemas/apiKeys'

import { myOrganizations, type OrganizationView } from './organizations'
import { organizationsAwaitingTwoFactor } from './twoFactorRequirement'
import { payloadClient } from './session'

export const KEYS_PER_PAGE = 20

export { requestNow } from './now'

/** Active, revoked, or expired (active but past its `expiresAt`). */
export function keyState(key: Pick<ApiKey, 'status' | 'expiresAt'>, now = Date.now()): KeyState {
  if (key.status === 'revoked') return 'revoked'
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return 'expired'
  return 'active'
}

/** Organizations whose keys the user may manage (owner or admin). Cached per request. */
export const managedOrganizations = cache(async (user: User): Promise<OrganizationView[]> => {
  const organizations = await myOrganizations(user)
  // An organization whose 2FA requirement the person does not meet keeps its keys from them.
  const awaiting = new Set((await organizationsAwaitingTwoFactor(user)).map((org) => org.id))
  return organizations.filter((org) => canManage(org.myRole) && !awaiting.has(org.id))
})

export type KeyListFilters = {
  environment?: KeyEnvironment
  status?: KeyState
  /** `personal` for the user's own keys, an organization id for that organization's. */
  organization?: 'personal' | number
  page?: number
  sort?: KeySort
  /** Part of the name or of the displayed key (`tt_live_abc…`). */
  search?: string
}

function stateWhere(state: KeyState, now: string): Where {
  if (state === 'revoked') return { status: { equals: 'revoked' } }
  if (state === 'expired') {
    return { and: [{ status: { equals: 'active' } }, { expiresAt: { less_than_equal: now } }] }
  }
  return {
    and: [
      { status: { equals: 'active' } },
      { or: [{ expiresAt: { exists: false } }, { expiresAt: { greater_than: now } }] },
    ],
  }
}

/**
 * The user's own keys and the keys of the organizations they own or administer, in the given
 * order (newest first by default), 20 a page. Access rules apply as well (overrideAccess: false), so nothing else can show up.
 */
export async function listKeys(
  user: User,
  { environment, status, organization, page = 1, sort = '-createdAt', search }: KeyListFilters = {},
): Promise<PaginatedDocs<ApiKey>> {
  const payload = await payloadClient()
  const organizationIds = (await managedOrganizations(user)).map((org) => org.id)
  const personal: Where = { owner: { equals: user.id } }
  let account: Where
  if (organization === 'personal') account = personal
  else if (organization !== undefined) {
    // An organization the user does not manage matches nothing, rather than erroring.
    account = {
      organization: { equals: organizationIds.includes(organization) ? organization : 0 },
    }
  } else if (organizationIds.length > 0) {
    account = { or: [personal, { organization: { in: organizationIds } }] }
  } else account = personal

  const and: Where[] = [account]
  if (environment) and.push({ environment: { equals: environment } })
  if (status) and.push(stateWhere(status, new Date().toISOString()))
  if (search) and.push({ or: [{ name: { like: search } }, { display: { like: search } }] })

  return payload.find({
    collection: 'api-keys',
    where: { and },
    // The id breaks ties, so a page never repeats or skips a key.
    sort: [sort, sort.startsWith('-') ? '-id' : 'id'],
    limit: KEYS_PER_PAGE,
    page,
    depth: 1,
    populate: { organizations: { name: true, slug: true } },
    overrideAccess: false,
    user,
  })
}

/**
 * One key with its relations (depth 1), or null when it does not exist or is not the user's.
 * Cached per request: a key page's layout and tab read it once.
 */
export const getKey = cache(async (user: User, id: string | number): Promise<ApiKey | null> => {
  if (!/^\d{1,12}$/.test(String(id))) return null
  const payload = await payloadClient()
  const key = await payload.findByID({
    collection: 'api-keys',
    id: Number(id),
    depth: 1,
    disableErrors: true,
    overrideAccess: false,
    user,
  })
  return key ?? null
})

/** The keys that replaced these (a rotation's successors), by the id of the key they replace. */
export async function keySuccessors(user: User, ids: number[]): Promise<Map<number, ApiKey>> {
  if (ids.length === 0) return new Map()
  const payload = await payloadClient()
  const { docs } = await payload.find({
    collection: 'api-keys',
    where: { rotatedFrom: { in: ids } },
    depth: 0,
    limit: ids.length,
    pagination: false,
    overrideAccess: false,
    user,
  })
  return new Map(docs.map((doc) => [Number(relationId(doc.rotatedFrom)), doc]))
}

const clampDays = (days: number) => Math.min(90, Math.max(1, Math.floor(days) || 1))

const query = async <T>(text: string, values: unknown[]): Promise<T[]> => {
  const { rows } = await keyService().pool.query(text, values)
  return rows as T[]
}

export type EndpointUsage = {
  endpoint: string
  /** Requests seen: verifications, or gateway reports when the endpoint was never verified. */
  requests: number
  /** Verifications refused by a limit or quota. */
  rateLimited: number
  /** Verifications refused for the key itself (unknown, revoked, expired, scope, address). */
  refused: number
  /** Gateway-reported responses with status 400 or above. */
  errors: number
  /** Mean reported latency, when the gateway reported any. */
  avgLatencyMs: number | null
  lastSeen: Date
}

/**
 * Endpoints a key was used on in the last `days` days, busiest first. Verifications carry
 * `METHOD /path`; gateway reports carry method and path apart and are joined on the same form.
 */
export async function topEndpoints(keyId: number, days = 7, limit = 10): Promise<EndpointUsage[]> {
  const rows = await query<{
    endpoint: string
    requests: string
    rate_limited: string
    refused: string
    errors: string
    avg_latency_ms: string | null
    last_seen: Date
  }>(
    `WITH verified AS (
       SELECT endpoint, count(*) AS requests,
              count(*) FILTER (WHERE code IN ${RATE_LIMITED_SQL}) AS rate_limited,
              count(*) FILTER (WHERE code <> 'VALID' AND code NOT IN ${RATE_LIMITED_SQL}) AS refused,
              max(occurred_at) AS last_seen
         FROM usage_events
        WHERE key_id = $1 AND kind = 'verify' AND endpoint IS NOT NULL
          AND occurred_at > now() - make_interval(days => $2)
        GROUP BY endpoint
     ),
     reported AS (
       SELECT CASE WHEN method IS NULL OR endpoint LIKE method || ' %' THEN endpoint
                   ELSE method || ' ' || endpoint END AS endpoint,
              count(*) AS requests, count(*) FILTER (WHERE status >= 400) AS errors,
              avg(latency_ms) AS avg_latency_ms, max(occurred_at) AS last_seen
         FROM usage_events
        WHERE key_id = $1 AND kind = 'report' AND endpoint IS NOT NULL
          AND occurred_at > now() - make_interval(days => $2)
        GROUP BY 1
     )
     SELECT COALESCE(v.endpoint, r.endpoint) AS endpoint,
            GREATEST(COALESCE(v.requests, 0), COALESCE(r.requests, 0)) AS requests,
            COALESCE(v.rate_limited, 0) AS rate_limited,
            COALESCE(v.refused, 0) AS refused, COALESCE(r.errors, 0) AS errors,
            r.avg_latency_ms, GREATEST(v.last_seen, r.last_seen) AS last_seen
       FROM verified v FULL JOIN reported r ON r.endpoint = v.endpoint
      ORDER BY 2 DESC, 1
      LIMIT $3`,
    [keyId, clampDays(days), Math.min(100, Math.max(1, limit))],
  )
  return rows.map((row) => ({
    endpoint: row.endpoint,
    requests: Number(row.requests),
    rateLimited: Number(row.rate_limited),
    refused: Number(row.refused),
    errors: Number(row.errors),
    avgLatencyMs: row.avg_latency_ms === null ? null : Math.round(Number(row.avg_latency_ms)),
    lastSeen: new Date(row.last_seen),
  }))
}

export type IpUsage = { ip: string; requests: number; lastSeen: Date }

export type KeyUsageSummary = {
  days: number
  endpoints: EndpointUsage[]
  ips: IpUsage[]
  isUnused: boolean
}

/** What used a key lately: its endpoints and client IPs (with counts and last seen). */
export async function keyUsageSummary(keyId: number, days = 7): Promise<KeyUsageSummary> {
  const [endpoints, ips] = await Promise.all([
    topEndpoints(keyId, days, 10),
    query<{ ip: string; requests: string; last_seen: Date }>(
      `SELECT ip, count(*) AS requests, max(occurred_at) AS last_seen
         FROM usage_events
        WHERE key_id = $1 AND kind = 'verify' AND ip IS NOT NULL
          AND occurred_at > now() - make_interval(days => $2)
        GROUP BY ip
        ORDER BY 2 DESC, 1
        LIMIT 10`,
      [keyId, clampDays(days)],
    ),
  ])
  return {
    days: clampDays(days),
    endpoints,
    ips: ips.map((row) => ({
      ip: row.ip,
      requests: Number(row.requests),
      lastSeen: new Date(row.last_seen),
    })),
    isUnused: endpoints.length === 0 && ips.length === 0,
  }
}

export type UsagePoint = { bucket: Date; total: number; byOutcome: Record<string, number> }

export type UsageSeries = {
  granularity: UsageGranularity
  kind: 'verify' | 'report'
  /** Outcomes present in the range, most frequent first. */
  outcomes: string[]
  points: UsagePoint[]
  total: number
}

/** How many buckets each granularity shows: the last hour, two days, or month. */
export const SERIES_BUCKETS: Record<UsageGranularity, number> = { minute: 60, hour: 48, day: 30 }

/**
 * Requests over time by outcome (verification code, or 2xx/4xx/5xx for reports), one point per
 * bucket including empty ones. Buckets before the roll-up watermark's bucket come from
 * usage_rollups; the rest straight from usage_events, so a verification shows within seconds.
 */
export async function usageSeries(
  keyId: number,
  granularity: UsageGranularity,
  kind: 'verify' | 'report' = 'verify',
): Promise<UsageSeries> {
  const rows = await query<{ bucket: Date; outcome: string | null; requests: string }>(
    `WITH bounds AS (
       SELECT date_trunc($2::text, now()) - ($3::int - 1) * ('1 ' || $2::text)::interval AS since,
              date_trunc($2::text, now()) AS last_bucket,
              ('1 ' || $2::text)::interval AS step,
              COALESCE((SELECT date_trunc($2::text, w.recorded_until)
                          FROM usage_rollup_watermarks w WHERE w.granularity = $2::text),
                       '-infinity'::timestamptz) AS cutoff
     ),
     counts AS (
       SELECT r.bucket, r.outcome, r.requests::bigint AS requests
         FROM usage_rollups r, bounds b
        WHERE r.granularity = $2::text AND r.key_id = $1 AND r.kind = $4::text
          AND r.bucket >= b.since AND r.bucket < b.cutoff
       UNION ALL
       SELECT date_trunc($2::text, e.occurred_at) AS bucket,
              CASE WHEN e.kind = 'verify' THEN COALESCE(e.code, 'UNKNOWN')
                   ELSE (e.status / 100)::text || 'xx' END AS outcome,
              count(*) AS requests
         FROM usage_events e, bounds b
        WHERE e.key_id = $1 AND e.kind = $4::text
          AND e.occurred_at >= GREATEST(b.since, b.cutoff)
        GROUP BY 1, 2
     )
     SELECT s.bucket, c.outcome, COALESCE(sum(c.requests), 0)::bigint AS requests
       FROM bounds b
      CROSS JOIN LATERAL generate_series(b.since, b.last_bucket, b.step) AS s(bucket)
       LEFT JOIN counts c ON c.bucket = s.bucket
      GROUP BY s.bucket, c.outcome
      ORDER BY s.bucket`,
    [keyId, granularity, SERIES_BUCKETS[granularity], kind],
  )
  const points = new Map<number, UsagePoint>()
  const totals = new Map<string, number>()
  for (const row of rows) {
    const bucket = new Date(row.bucket)
    const point = points.get(bucket.getTime()) ?? { bucket, total: 0, byOutcome: {} }
    points.set(bucket.getTime(), point)
    if (row.outcome === null) continue
    const requests = Number(row.requests)
    point.byOutcome[row.outcome] = (point.byOutcome[row.outcome] ?? 0) + requests
    point.total += requests
    totals.set(row.outcome, (totals.get(row.outcome) ?? 0) + requests)
  }
  const outcomes = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([outcome]) => outcome)
  return {
    granularity,
    kind,
    outcomes,
    points: [...points.values()],
    total: [...totals.values()].reduce((sum, value) => sum + value, 0),
  }
}

export type ErrorRate = {
  days: number
  /** Gateway-reported responses, and how many were 4xx and 5xx. */
  reported: number
  clientErrors: number
  serverErrors: number
  /** (4xx + 5xx) / reported, or null without reports. */
  errorRate: number | null
  /** Verifications, how many a limit refused and how many were refused for the key itself. */
  verifications: number
  rateLimited: number
  refused: number
  /** (rate limited + refused) / verifications, or null without verifications. */
  refusalRate: number | null
}

/** Error rate of the gateway-reported responses and refusal rate of verifications. */
export async function errorRate(keyId: number, days = 7): Promise<ErrorRate> {
  const [row] = await query<Record<string, string>>(
    `SELECT count(*) FILTER (WHERE kind = 'report') AS reported,
            count(*) FILTER (WHERE kind = 'report' AND status BETWEEN 400 AND 499) AS client_errors,
            count(*) FILTER (WHERE kind = 'report' AND status >= 500) AS server_errors,
            count(*) FILTER (WHERE kind = 'verify') AS verifications,
            count(*) FILTER (WHERE kind = 'verify' AND code IN ${RATE_LIMITED_SQL}) AS rate_limited,
            count(*) FILTER (WHERE kind = 'verify' AND code IS DISTINCT FROM 'VALID'
                               AND code NOT IN ${RATE_LIMITED_SQL}) AS refused
       FROM usage_events
      WHERE key_id = $1 AND occurred_at > now() - make_interval(days => $2)`,
    [keyId, clampDays(days)],
  )
  const reported = Number(row?.reported ?? 0)
  const clientErrors = Number(row?.client_errors ?? 0)
  const serverErrors = Number(row?.server_errors ?? 0)
  const verifications = Number(row?.verifications ?? 0)
  const refused = Number(row?.refused ?? 0)
  const rateLimited = Number(row?.rate_limited ?? 0)
  return {
    days: clampDays(days),
    reported,
    clientErrors,
    serverErrors,
    errorRate: reported > 0 ? (clientErrors + serverErrors) / reported : null,
    verifications,
    rateLimited,
    refused,
    refusalRate: verifications > 0 ? (rateLimited + refused) / verifications : null,
  }
}

export type LatencyPercentiles = {
  days: number
  samples: number
  p50: number | null
  p95: number | null
  p99: number | null
}

/** Latency percentiles (ms) of the gateway-reported requests of the last `days` days. */
export async function latencyPercentiles(keyId: number, days = 7): Promise<LatencyPercentiles> {
  const [row] = await query<{
    samples: number
    p50: number | null
    p95: number | null
    p99: number | null
  }>(
    `SELECT count(latency_ms)::int AS samples,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms) AS p99
       FROM usage_events
      WHERE key_id = $1 AND kind = 'report' AND latency_ms IS NOT NULL
        AND occurred_at > now() - make_interval(days => $2)`,
    [keyId, clampDays(days)],
  )
  const round = (value: number | null | undefined) =>
    value === null || value === undefined ? null : Math.round(Number(value))
  return {
    days: clampDays(days),
    samples: Number(row?.samples ?? 0),
    p50: round(row?.p50),
    p95: round(row?.p95),
    p99: round(row?.p99),
  }
}

const RESOURCES: Resource[] = ['api_calls', 'audio_processing', 'model_training']
const WINDOWS: Window[] = ['minute', 'hour', 'day', 'month']

export type LimitWindow = {
  resource: Resource
  window: Window
  limit: number
  /** A limit of this key alone (counted per key), not the account's. */
  isKeyLimit?: boolean
}

/**
 * The limits that apply to a key, as the verifier computes them: the plan's, tightened by the
 * organization's contract limits and the key's own. An absent window is unlimited.
 */
export async function keyLimitWindows(
  key: Pick<ApiKey, 'id' | 'owner' | 'organization' | 'limits'>,
): Promise<{ account: string; plan: Plan; windows: LimitWindow[] } | null> {
  const account = await loadKeyRecordById(keyService().pool, key.id)
  if (!account) return null
  const windows: LimitWindow[] = []
  for (const resource of RESOURCES) {
    const limits = effectiveLimits(
      account.plan,
      resource,
      limitsFor(account.accountLimits, resource),
    )
    const own = limitsFor(key.limits, resource)
    for (const window of WINDOWS) {
      const limit = limits[window]
      if (limit !== undefined) windows.push({ resource, window, limit })
      if (own[window] !== undefined) {
        windows.push({ resource, window, limit: own[window] as number, isKeyLimit: true })
      }
    }
  }
  return { account: account.account, plan: account.plan, windows }
}

export type LiveLimit = LimitWindow & {
  /** The window's count so far, shared by every key of the account; null when Redis is down. */
  used: number | null
  resetsAt: Date
}

const REDIS_TIMEOUT_MS = 750

/**
 * Each limit window of the key's account with its current count, read from the same Redis
 * counters the verifier increments. Never throws for Redis: counts are then unknown (null).
 */
export async function liveLimits(
  key: Pick<ApiKey, 'id' | 'owner' | 'organization' | 'limits'>,
  now = Date.now(),
): Promise<LiveLimit[]> {
  const limits = await keyLimitWindows(key)
  if (!limits || limits.windows.length === 0) return []
  const keys = limits.windows.map((w) =>
    windowKey(w.isKeyLimit ? `k${key.id}` : limits.account, w.resource, w.window, now),
  )
  let counts: (string | null)[] | null = null
  try {
    const read = redis().mget(...keys)
    read.catch(() => undefined)
    counts = await Promise.race([
      read,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), REDIS_TIMEOUT_MS)),
    ])
    if (counts === null) logger.warn({ msg: 'live limits: Redis did not answer in time' })
  } catch (err) {
    logger.warn({ msg: 'live limits: Redis read failed', err: String(err) })
  }
  return limits.windows.map((window, i) => {
    const length = WINDOW_MS[window.window]
    const value = counts?.[i]
    return {
      ...window,
      used: counts === null ? null : Number(value ?? 0),
      resetsAt: new Date((Math.floor(now / length) + 1) * length),
    }
  })
}
