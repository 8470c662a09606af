import type { Queryable } from '../db'
import { countryOf } from '../geo'
import { outcomeGroup, RATE_LIMITED_SQL } from '../usage/outcomes'
import { ENDPOINT_SQL, OUTCOME_CLASS_SQL, OUTCOME_SQL } from '../usage/rollup'
import {
  latencyBinSql,
  mergeSketches,
  sketchPercentiles,
  type Percentiles,
  type Sketch,
} from '../usage/sketch'
import {
  bucketStarts,
  STATUS_CLASSES,
  type AnalyticsGranularity,
  type AnalyticsRange,
  type AnalyticsScope,
  type StatusClass,
} from './range'
import { bucketOf, params, planRange, toNumber, unionSql, type RangePlan, type Source } from './sql'

/** What every chart series says about its range: aligned to whole buckets (UTC), ISO times. */
export type SeriesMeta = {
  from: string
  to: string
  granularity: AnalyticsGranularity
}

/** A top list's length when none is asked for, and the most one may ask for. */
export const DEFAULT_LIMIT = 10
export const MAX_LIMIT = 100

export type ListOptions = { limit?: number; now?: Date }

const limitOf = (options: ListOptions) =>
  Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT) || DEFAULT_LIMIT))

const metaOf = (plan: RangePlan): SeriesMeta => ({
  from: plan.range.from.toISOString(),
  to: plan.range.to.toISOString(),
  granularity: plan.granularity,
})

/** A stored endpoint as shown: null for events that named none. */
const endpointOf = (value: unknown) => (value ? String(value) : null)

// ——— Requests over time ———————————————————————————————————————————————————————————————

export type RequestCounts = {
  /** Verifications of the account's keys: allowed, rate limited, refused (the key itself). */
  verified: number
  allowed: number
  limited: number
  refused: number
  /** Verifications by code (VALID, RATE_LIMITED, INSUFFICIENT_SCOPE …); absent codes left out. */
  byCode: Record<string, number>
  /** Responses the gateway reported, by status class. */
  reported: number
  byStatusClass: Record<StatusClass, number>
}

export type RequestPoint = RequestCounts & { bucket: string }

export type RequestSeries = SeriesMeta & {
  /** One point per bucket of the range, empty ones included. */
  points: RequestPoint[]
  totals: RequestCounts
  /** Verification codes seen in the range, most frequent first. */
  codes: string[]
}

const emptyCounts = (): RequestCounts => ({
  verified: 0,
  allowed: 0,
  limited: 0,
  refused: 0,
  byCode: {},
  reported: 0,
  byStatusClass: { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
})

function addOutcome(counts: RequestCounts, kind: string, outcome: string, requests: number) {
  if (kind === 'verify') {
    counts.verified += requests
    counts[outcomeGroup(outcome)] += requests
    counts.byCode[outcome] = (counts.byCode[outcome] ?? 0) + requests
  } else if ((STATUS_CLASSES as readonly string[]).includes(outcome)) {
    counts.reported += requests
    counts.byStatusClass[outcome as StatusClass] += requests
  }
}

const outcomeSource: Source = {
  from: 'usage_rollups r',
  hasAccountRows: false,
  select: (g) => `${bucketOf(g, 'r.bucket')} AS bucket, r.kind, r.outcome, r.requests`,
  raw: (g, where) => `
    SELECT ${bucketOf(g, 'e.occurred_at')} AS bucket, e.kind, ${OUTCOME_CLASS_SQL} AS outcome,
           count(*) AS requests
      FROM usage_events e WHERE ${where} GROUP BY 1, 2, 3`,
}

/**
 * Requests over time: verifications by outcome (allowed, rate limited, refused, and by code)
 * and gateway-reported responses by status class, one point per bucket.
 */
export async function requestSeries(
  db: Queryable,
  scope: AnalyticsScope,
  range: AnalyticsRange,
  options: { now?: Date } = {},
): Promise<RequestSeries> {
  const plan = await planRange(db, range, options.now)
  const p = params()
  const { rows } = await db.query<{
    bucket: Date
    kind: string
    outcome: string
    requests: string
  }>(
    `SELECT bucket, kind, outcome, sum(requests)::bigint AS requests
       FROM (${unionSql(outcomeSource, plan, scope, p)}) AS rows
      GROUP BY 1, 2, 3`,
    p.values,
  )
  const points = new Map(
    bucketStarts(plan.range, plan.granularity).map((bucket) => [
      bucket.getTime(),
      { bucket: bucket.toISOString(), ...emptyCounts() } as RequestPoint,
    ]),
  )
  const totals = emptyCounts()
  for (const row of rows) {
    const point = points.get(new Date(row.bucket).getTime())
    if (!point) continue
    addOutcome(point, row.kind, row.outcome, toNumber(row.requests))
    addOutcome(totals, row.kind, row.outcome, toNumber(row.requests))
  }
  const codes = Object.entries(totals.byCode)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code]) => code)
  return { ...metaOf(plan), points: [...points.values()], totals, codes }
}

// ——— Latency ——————————————————————————————————————————————————————————————————————————

export type LatencyStats = Percentiles & {
  /** Gateway-reported requests with a latency. */
  requests: number
}

export type LatencyPoint = LatencyStats & { bucket: string }

export type LatencySeries = SeriesMeta & {
  /** One point per bucket; percentiles are null where nothing was reported. */
  points: LatencyPoint[]
  /** The whole range's percentiles (merged bins, not an average of the points). */
  overall: LatencyStats
}

export type EndpointLatency = LatencyStats & { endpoint: string | null }

export type EndpointLatencySeries = SeriesMeta & {
  /** Busiest first. */
  endpoints: EndpointLatency[]
}

/**
 * Latency sketches of the range, per bucket or per endpoint: roll-up rows as they are (their
 * arrays as text, which parses fast), the raw tail's bins summed per group. Merged in TS.
 */
const latencySource = (byEndpoint: boolean): Source => ({
  from: 'usage_latency_rollups r',
  hasAccountRows: true,
  where: byEndpoint ? `r.endpoint <> '*'` : `r.endpoint = '*'`,
  select: (g) =>
    `${byEndpoint ? 'r.endpoint' : bucketOf(g, 'r.bucket')} AS grp,
     array_to_string(r.bins, ',') AS bins, array_to_string(r.counts, ',') AS counts`,
  raw: (g, where) => `
    SELECT grp, string_agg(bin::text, ',') AS bins, string_agg(n::text, ',') AS counts
      FROM (SELECT ${byEndpoint ? ENDPOINT_SQL : bucketOf(g, 'e.occurred_at')} AS grp,
                   ${latencyBinSql('e.latency_ms')} AS bin, count(*) AS n
              FROM usage_events e
             WHERE ${where} AND e.kind = 'report' AND e.latency_ms IS NOT NULL
             GROUP BY 1, 2) AS binned
     GROUP BY grp`,
})

const statsOf = (sketch: Sketch): LatencyStats => ({
  requests: sketch.counts.reduce((sum, count) => sum + count, 0),
  ...sketchPercentiles(sketch),
})

/** The merged sketch of each group (a bucket's time, or an endpoint), keyed by the group. */
async function groupSketches(
  db: Queryable,
  byEndpoint: boolean,
  plan: RangePlan,
  scope: AnalyticsScope,
): Promise<Map<string, { group: unknown; sketch: Sketch }>> {
  const p = params()
  const { rows } = await db.query<{ grp: unknown; bins: string; counts: string }>(
    unionSql(latencySource(byEndpoint), plan, scope, p),
    p.values,
  )
  // Counts per bin of each group, summed in place (bins are small whole numbers).
  const merged = new Map<string, { group: unknown; counts: number[] }>()
  for (const row of rows) {
    const key = row.grp instanceof Date ? row.grp.toISOString() : String(row.grp)
    const entry = merged.get(key) ?? { group: row.grp, counts: [] }
    merged.set(key, entry)
    const bins = row.bins.split(',')
    const counts = row.counts.split(',')
    for (let i = 0; i < bins.length; i++) {
      const bin = Number(bins[i])
      entry.counts[bin] = (entry.counts[bin] ?? 0) + Number(counts[i])
    }
  }
  const sketches = new Map<string, { group: unknown; sketch: Sketch }>()
  for (const [key, { group, counts }] of merged) {
    const sketch: Sketch = { bins: [], counts: [] }
    counts.forEach((count, bin) => {
      if (count) {
        sketch.bins.push(bin)
        sketch.counts.push(count)
      }
    })
    sketches.set(key, { group, sketch })
  }
  return sketches
}

/** Latency p50/p95/p99 over time (per bucket) and over the whole range, from merged sketches. */
export async function latencySeries(
  db: Queryable,
  scope: AnalyticsScope,
  range: AnalyticsRange,
  options: { now?: Date } = {},
): Promise<LatencySeries> {
  const plan = await planRange(db, range, options.now)
  const groups = [...(await groupSketches(db, false, plan, scope)).values()]
  const byBucket = new Map(
    groups.map(({ group, sketch }) => [new Date(group as Date).getTime(), statsOf(sketch)]),
  )
  const empty: LatencyStats = { requests: 0, p50: null, p95: null, p99: null }
  return {
    ...metaOf(plan),
    points: bucketStarts(plan.range, plan.granularity).map((bucket) => ({
      bucket: bucket.toISOString(),
      ...(byBucket.get(bucket.getTime()) ?? empty),
    })),
    overall: statsOf(mergeSketches(groups.map(({ sketch }) => sketch))),
  }
}

/** Latency p50/p95/p99 per endpoint over the range, busiest endpoints first. */
export async function latencyByEndpoint(
  db: Queryable,
  scope: AnalyticsScope,
  range: AnalyticsRange,
  options: ListOptions = {},
): Promise<EndpointLatencySeries> {
  const plan = await planRange(db, range, options.now, 'total')
  const endpoints = [...(await groupSketches(db, true, plan, scope)).values()]
    .map(({ group, sketch }) => ({ endpoint: endpointOf(group), ...statsOf(sketch) }))
    .sort((a, b) => b.requests - a.requests || (a.endpoint ?? '').localeCompare(b.endpoint ?? ''))
  return { ...metaOf(plan), endpoints: endpoints.slice(0, limitOf(options)) }
}

// ——— Endpoints and errors ——————————————————————————————————————————————————————————————

const endpointSource: Source = {
  from: 'usage_endpoint_rollups r',
  hasAccountRows: true,
  select: () => 'r.kind, r.endpoint, r.outcome, r.requests',
  raw: (_g, where) => `
    SELECT e.kind, ${ENDPOINT_SQL} AS endpoint, ${OUTCOME_SQL} AS outcome, count(*) AS requests
      FROM usage_events e WHERE ${where} GROUP BY 1, 2, 3`,
}

export type EndpointStats = {
  endpoint: string | null
  /** Verifications, or gateway reports where the endpoint was never verified. */
  requests: number
  verified: number
  allowed: number
  limited: number
  refused: number
  reported: number
  clientErrors: number
  serverErrors: number
}

export type EndpointSeries = SeriesMeta & {
  /** Busiest first. */
  endpoints: EndpointStats[]
}

/** Top endpoints: requests, refusals and error responses per endpoint, busiest first. */
export async function topEndpoints(
  db: Queryable,
  scope: AnalyticsScope,
  range: AnalyticsRange,
  options: ListOptions = {},
): Promise<EndpointSeries> {
  const plan = await planRange(db, range, options.now, 'total')
  const p = params()
  const { rows } = await db.query<Record<string, string>>(
    `SELECT endpoint,
            GREATEST(sum(requests) FILTER (WHERE kind = 'verify'),
                     sum(requests) FILTER (WHERE kind = 'report'), 0) AS requests,
            COALESCE(sum(requests) FILTER (WHERE kind = 'verify'), 0) AS verified,
            COALESCE(sum(requests) FILTER (WHERE kind = 'verify' AND outcome = 'VALID'), 0) AS allowed,
            COALESCE(sum(requests) FILTER (WHERE kind = 'verify' AND outcome IN ${RATE_LIMITED_SQL}), 0) AS limited,
            COALESCE(sum(requests) FILTER (WHERE kind = 'verify' AND outcome <> 'VALID'
                                            AND outcome NOT IN ${RATE_LIMITED_SQL}), 0) AS refused,
            COALESCE(sum(requests) FILTER (WHERE kind = 'report'), 0) AS reported,
            COALESCE(sum(requests) FILTER (WHERE kind = 'report' AND outcome LIKE '4__'), 0) AS client_errors,
            COALESCE(sum(requests) FILTER (WHERE kind = 'report' AND outcome LIKE '5__'), 0) AS server_errors
       FROM (${unionSql(endpointSource, plan, scope, p)}) AS rows
      GROUP BY endpoint
      ORDER BY 2 DESC, 1
      LIMIT ${limitOf(options)}`,
    p.values,
  )
  return {
    ...metaOf(plan),
    endpoints: rows.map((row) => ({
      endpoint: endpointOf(row.endpoint),
      requests: toNumber(row.requests),
      verified: toNumber(row.verified),
      allowed: toNumber(row.allowed),
      limited: toNumber(row.limited),
      refused: toNumber(row.refused),
      reported: toNumber(row.reported),
      clientErrors: toNumber(row.client_errors),
      serverErrors: toNumber(row.server_errors),
    })),
  }
}

/** 4xx or 5xx responses of one endpoint with one status. */
export type HttpErrorGroup = {
  endpoint: string | null
  status: number
  statusClass: '4xx' | '5xx'
  requests: number
  /** Everything the gateway reported for that endpoint in the range (the group's share's base). */
  endpointRequests: number
}

/** Verifications of one endpoint refused with one code. */
export type RefusalGroup = {
  endpoint: string | null
  code: string
  /** Rate limited (a limit or quota), or refused (the key itself). */
  outcome: 'limited' | 'refused'
  requests: number
  /** Every verification for that endpoint in the range. */
  endpointRequests: number
}

export type ErrorSeries = SeriesMeta & {
  /** Largest first; drill into one with the request log (endpoint + status). */
  http: HttpErrorGroup[]
  /** Largest first; drill into one with the request log (endpoint + code). */
  refusals: RefusalGroup[]
  totals: {
    reported: number
    clientErrors: number
    serverErrors: number
    verified: number
    limited: number
    refused: number
  }
}

/**
 * Errors grouped: 4xx and 5xx responses by endpoint and status, and refused verifications by
 * endpoint and code, each with its endpoint's total, largest groups first (up to `limit` each).
 */
export async function errorGroups(
  db: Queryable,
  scope: AnalyticsScope,
  range: AnalyticsRange,
  options: ListOptions = {},
): Promise<ErrorSeries> {
  const plan = await planRange(db, range, options.now, 'total')
  const p = params()
  const { rows } = await db.query<{
    kind: string
    endpoint: string
    outcome: string
    requests: string
    endpoint_requests: string
    rank: string
  }>(
    `WITH grouped AS (
       SELECT kind, endpoint, outcome, sum(requests) AS requests
         FROM (${unionSql(endpointSource, plan, scope, p)}) AS rows
        GROUP BY 1, 2, 3
     ),
     ranked AS (
       SELECT kind, endpoint, outcome, requests,
              sum(requests) OVER (PARTITION BY kind, endpoint) AS endpoint_requests,
              CASE WHEN (kind = 'report' AND outcome ~ '^[45]\\d\\d$')
                     OR (kind = 'verify' AND outcome <> 'VALID') THEN 1 ELSE 0 END AS is_error
         FROM grouped
     )
     SELECT kind, endpoint, outcome, requests, endpoint_requests,
            row_number() OVER (PARTITION BY kind, is_error ORDER BY requests DESC, endpoint, outcome) AS rank
       FROM ranked`,
    p.values,
  )
  const limit = limitOf(options)
  const totals = {
    reported: 0,
    clientErrors: 0,
    serverErrors: 0,
    verified: 0,
    limited: 0,
    refused: 0,
  }
  const http: HttpErrorGroup[] = []
  const refusals: RefusalGroup[] = []
  for (const row of rows) {
    const requests = toNumber(row.requests)
    const isListed = toNumber(row.rank) <= limit
    if (row.kind === 'report') {
      totals.reported += requests
      const statusClass = /^[45]\d\d$/.test(row.outcome)
        ? (`${row.outcome[0]}xx` as '4xx' | '5xx')
        : null
      if (!statusClass) continue
      totals[statusClass === '4xx' ? 'clientErrors' : 'serverErrors'] += requests
      if (isListed) {
        http.push({
          endpoint: endpointOf(row.endpoint),
          status: Number(row.outcome),
          statusClass,
          requests,
          endpointRequests: toNumber(row.endpoint_requests),
        })
      }
    } else {
      totals.verified += requests
      if (row.outcome === 'VALID') continue
      const outcome = outcomeGroup(row.outcome) === 'limited' ? 'limited' : 'refused'
      totals[outcome] += requests
      if (isListed) {
        refusals.push({
          endpoint: endpointOf(row.endpoint),
          code: row.outcome,
          outcome,
          requests,
          endpointRequests: toNumber(row.endpoint_requests),
        })
      }
    }
  }
  const bySize = (a: { requests: number }, b: { requests: number }) => b.requests - a.requests
  return { ...metaOf(plan), http: http.sort(bySize), refusals: refusals.sort(bySize), totals }
}

// ——— Keys, addresses, countries ———————————————————————————————————————————————————————

export type KeyStats = {
  keyId: number
  /** The key's name, display prefix, environment and status; null once the key is deleted. */
  name: string | null
  display: string | null
  environment: string | null
  status: string | null
  requests: number
  verified: number
  allowed: number
  limited: number
  refused: number
  reported: number
  /** Reported 4xx and 5xx responses. */
  errors: number
}

export type KeySeries = SeriesMeta & { keys: KeyStats[] }

const keySource: Source = {
  from: 'usage_rollups r',
  hasAccountRows: false,
  select: () => 'r.key_id, r.kind, r.outcome, r.requests',
  raw: (_g, where) => `
    SELECT e.key_id, e.kind, ${OUTCOME_CLASS_SQL} AS outcome, count(*) AS requests
      FROM usage_events e WHERE ${where} GROUP BY 1, 2, 3`,
}

/** Top keys of the scope by requests, with their outcomes and errors. */
export async function topKeys(
  db: Queryable,
  scope: AnalyticsScope,
  range: AnalyticsRange,
  options: ListOptions = {},
): Promise<KeySeries> {
  const plan = await planRange(db, range, options.now, 'total')
  const p = params()
  const { rows } = await db.query<Record<string, string | number | null>>(
    `WITH per_key AS (
       SELECT key_id,
              COALESCE(sum(requests) FILTER (WHERE kind = 'verify'), 0) AS verified,
              COALESCE(sum(requests) FILTER (WHERE kind = 'verify' AND outcome = 'VALID'), 0) AS allowed,
              COALESCE(sum(requests) FILTER (WHERE kind = 'verify' AND outcome IN ${RATE_LIMITED_SQL}), 0) AS limited,
              COALESCE(sum(requests) FILTER (WHERE kind = 'verify' AND outcome <> 'VALID'
                                              AND outcome NOT IN ${RATE_LIMITED_SQL}), 0) AS refused,
              COALESCE(sum(requests) FILTER (WHERE kind = 'report'), 0) AS reported,
              COALESCE(sum(requests) FILTER (WHERE kind = 'report' AND outcome IN ('4xx', '5xx')), 0) AS errors
         FROM (${unionSql(keySource, plan, scope, p)}) AS rows
        GROUP BY key_id
     )
     SELECT s.*, GREATEST(s.verified, s.reported) AS requests, k.name, k.display,
            k.environment::text AS environment, k.status::text AS status
       FROM per_key s LEFT JOIN api_keys k ON k.id = s.key_id
      ORDER BY GREATEST(s.verified, s.reported) DESC, s.key_id
      LIMIT ${limitOf(options)}`,
    p.values,
  )
  return {
    ...metaOf(plan),
    keys: rows.map((row) => ({
      keyId: Number(row.key_id),
      name: (row.name as string | null) ?? null,
      display: (row.display as string | null) ?? null,
      environment: (row.environment as string | null) ?? null,
      status: (row.status as string | null) ?? null,
      requests: toNumber(row.requests),
      verified: toNumber(row.verified),
      allowed: toNumber(row.allowed),
      limited: toNumber(row.limited),
      refused: toNumber(row.refused),
      reported: toNumber(row.reported),
      errors: toNumber(row.errors),
    })),
  }
}

export type IpStats = { ip: string; country: string | null; requests: number }

export type IpSeries = SeriesMeta & {
  /** Busiest first. */
  ips: IpStats[]
  /** Verifications with a client address, and how many addresses made them. */
  total: number
  distinct: number
}

const ipSource: Source = {
  from: 'usage_ip_rollups r',
  hasAccountRows: false,
  select: () => 'r.ip, r.requests',
  raw: (_g, where) => `
    SELECT e.ip, count(*) AS requests
      FROM usage_events e WHERE ${where} AND e.kind = 'verify' AND e.ip IS NOT NULL GROUP BY 1`,
}

/** Top client addresses (of verifications), with their countries. */
export async function topIps(
  db: Queryable,
  scope: AnalyticsScope,
  range: AnalyticsRange,
  options: ListOptions = {},
): Promise<IpSeries> {
  const plan = await planRange(db, range, options.now, 'total')
  const p = params()
  const { rows } = await db.query<{
    ip: string
    requests: string
    total: string
    distinct: string
  }>(
    `SELECT ip, requests, sum(requests) OVER () AS total, count(*) OVER () AS distinct
       FROM (SELECT ip, sum(requests) AS requests
               FROM (${unionSql(ipSource, plan, scope, p)}) AS rows GROUP BY ip) AS per_ip
      ORDER BY requests DESC, ip
      LIMIT ${limitOf(options)}`,
    p.values,
  )
  return {
    ...metaOf(plan),
    ips: rows.map((row) => ({
      ip: row.ip,
      country: countryOf(row.ip),
      requests: toNumber(row.requests),
    })),
    total: toNumber(rows[0]?.total),
    distinct: toNumber(rows[0]?.distinct),
  }
}

export type CountryStats = {
  /** ISO 3166-1 alpha-2 (`US`), or null for addresses of no known country. */
  country: string | null
  requests: number
  /** Of every verification with a client address in the range, 0–1. */
  share: number
}

export type CountrySeries = SeriesMeta & {
  /** Busiest first, every country. */
  countries: CountryStats[]
  total: number
}

const countrySource: Source = {
  from: 'usage_country_rollups r',
  hasAccountRows: false,
  select: () => 'r.country, r.requests',
  raw: (_g, where) => `
    SELECT COALESCE(e.country, '') AS country, count(*) AS requests
      FROM usage_events e WHERE ${where} AND e.kind = 'verify' AND e.ip IS NOT NULL GROUP BY 1`,
}

/** Requests by the country of their client address (an offline IP-to-country database). */
export async function countrySeries(
  db: Queryable,
  scope: AnalyticsScope,
  range: AnalyticsRange,
  options: { now?: Date } = {},
): Promise<CountrySeries> {
  const plan = await planRange(db, range, options.now, 'total')
  const p = params()
  const { rows } = await db.query<{ country: string; requests: string }>(
    `SELECT country, sum(requests) AS requests
       FROM (${unionSql(countrySource, plan, scope, p)}) AS rows
      GROUP BY country ORDER BY 2 DESC, 1`,
    p.values,
  )
  const total = rows.reduce((sum, row) => sum + toNumber(row.requests), 0)
  return {
    ...metaOf(plan),
    countries: rows.map((row) => ({
      country: row.country || null,
      requests: toNumber(row.requests),
      share: total > 0 ? toNumber(row.requests) / total : 0,
    })),
    total,
  }
}
