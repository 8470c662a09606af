import { params } from '../lib/analytics/sql'
import type { Queryable } from '../lib/db'
import { countryOf } from '../lib/geo'
import type { KeyEnvironment } from '../lib/keys/format'

/**
 * Realistic usage for benchmarks and demos, generated inside Postgres (generate_series, one
 * INSERT … SELECT per day, oldest first so the time indexes stay in order): TuneTrail /v1 calls
 * with a daily rhythm, quieter weekends and slow growth; per-endpoint log-normal latencies; some
 * 4xx and 5xx; rate limiting that bites at peak hours and a few refused keys; client addresses
 * of several countries. Every allowed verification is followed by its gateway report.
 */

export type SeedKey = {
  id: number
  /** `u12` / `o3`. */
  account: string
  environment: KeyEnvironment
  /** Relative traffic of the key. */
  weight: number
}

export type SeedUsageOptions = {
  keys: SeedKey[]
  /** About how many events to write (verifications and reports). */
  events: number
  days?: number
  now?: Date
  /** Called after each day with the events written so far. */
  onProgress?: (written: number, day: number, days: number) => void
}

type EndpointProfile = {
  route: string
  weight: number
  /** Median latency (ms) and the log-normal spread. */
  medianMs: number
  sigma: number
  scope: string
  resource: 'api_calls' | 'audio_processing' | 'model_training'
  okStatus: number
  /** The usual client error, and how often 4xx and 5xx answers come. */
  clientError: number
  clientRate: number
  serverRate: number
}

/** The TuneTrail /v1 surface (src/lib/api/openapi/tunetrail.ts), as callers use it. */
export const SEED_ENDPOINTS: EndpointProfile[] = [
  {
    route: 'GET /v1/tracks',
    weight: 22,
    medianMs: 45,
    sigma: 0.45,
    scope: 'tracks:read',
    resource: 'api_calls',
    okStatus: 200,
    clientError: 400,
    clientRate: 0.01,
    serverRate: 0.002,
  },
  {
    route: 'POST /v1/tracks',
    weight: 3,
    medianMs: 120,
    sigma: 0.5,
    scope: 'tracks:write',
    resource: 'api_calls',
    okStatus: 201,
    clientError: 422,
    clientRate: 0.05,
    serverRate: 0.004,
  },
  {
    route: 'GET /v1/tracks/{id}',
    weight: 25,
    medianMs: 25,
    sigma: 0.4,
    scope: 'tracks:read',
    resource: 'api_calls',
    okStatus: 200,
    clientError: 404,
    clientRate: 0.03,
    serverRate: 0.001,
  },
  {
    route: 'PATCH /v1/tracks/{id}',
    weight: 2,
    medianMs: 80,
    sigma: 0.5,
    scope: 'tracks:write',
    resource: 'api_calls',
    okStatus: 200,
    clientError: 422,
    clientRate: 0.04,
    serverRate: 0.003,
  },
  {
    route: 'DELETE /v1/tracks/{id}',
    weight: 0.5,
    medianMs: 60,
    sigma: 0.4,
    scope: 'tracks:write',
    resource: 'api_calls',
    okStatus: 204,
    clientError: 404,
    clientRate: 0.06,
    serverRate: 0.002,
  },
  {
    route: 'GET /v1/tracks/{id}/similar',
    weight: 12,
    medianMs: 180,
    sigma: 0.55,
    scope: 'recommendations:read',
    resource: 'api_calls',
    okStatus: 200,
    clientError: 404,
    clientRate: 0.02,
    serverRate: 0.005,
  },
  {
    route: 'POST /v1/recommendations',
    weight: 15,
    medianMs: 250,
    sigma: 0.6,
    scope: 'recommendations:read',
    resource: 'api_calls',
    okStatus: 200,
    clientError: 400,
    clientRate: 0.02,
    serverRate: 0.006,
  },
  {
    route: 'POST /v1/audio/jobs',
    weight: 4,
    medianMs: 400,
    sigma: 0.7,
    scope: 'audio:process',
    resource: 'audio_processing',
    okStatus: 202,
    clientError: 422,
    clientRate: 0.04,
    serverRate: 0.015,
  },
  {
    route: 'GET /v1/audio/jobs/{id}',
    weight: 10,
    medianMs: 30,
    sigma: 0.4,
    scope: 'audio:process',
    resource: 'api_calls',
    okStatus: 200,
    clientError: 404,
    clientRate: 0.01,
    serverRate: 0.002,
  },
  {
    route: 'GET /v1/models',
    weight: 3,
    medianMs: 35,
    sigma: 0.35,
    scope: 'models:read',
    resource: 'api_calls',
    okStatus: 200,
    clientError: 400,
    clientRate: 0.005,
    serverRate: 0.001,
  },
  {
    route: 'GET /v1/models/{id}',
    weight: 2,
    medianMs: 28,
    sigma: 0.35,
    scope: 'models:read',
    resource: 'api_calls',
    okStatus: 200,
    clientError: 404,
    clientRate: 0.03,
    serverRate: 0.001,
  },
  {
    route: 'POST /v1/models/training-runs',
    weight: 0.3,
    medianMs: 900,
    sigma: 0.8,
    scope: 'models:train',
    resource: 'model_training',
    okStatus: 201,
    clientError: 422,
    clientRate: 0.08,
    serverRate: 0.02,
  },
  {
    route: 'GET /v1/models/training-runs/{id}',
    weight: 1.2,
    medianMs: 40,
    sigma: 0.4,
    scope: 'models:train',
    resource: 'api_calls',
    okStatus: 200,
    clientError: 404,
    clientRate: 0.01,
    serverRate: 0.002,
  },
]

/** Where client addresses come from, by share. */
const COUNTRY_MIX: [string, number][] = [
  ['US', 30],
  ['DE', 11],
  ['GB', 9],
  ['FR', 6],
  ['JP', 6],
  ['IN', 6],
  ['BR', 5],
  ['CA', 5],
  ['NL', 4],
  ['SG', 3],
  ['AU', 3],
  ['SE', 2],
  ['KR', 2],
  ['ES', 2],
  ['ZA', 1],
  ['MX', 1],
]

/** Share of verifications refused for the key itself, by code (rate limits come on top). */
const REFUSALS: [string, number][] = [
  ['INSUFFICIENT_SCOPE', 0.003],
  ['IP_NOT_ALLOWED', 0.0008],
  ['EXPIRED', 0.0005],
  ['REVOKED', 0.0003],
]

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-1']

/** A small seeded PRNG (mulberry32): the same addresses on every run. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `count` public IPv4 addresses of `country`, found by sampling the database. */
function addressesIn(country: string, count: number, next: () => number): string[] {
  const found: string[] = []
  for (let tries = 0; found.length < count && tries < 400_000; tries++) {
    const ip = [1 + Math.floor(next() * 222), next() * 256, next() * 256, 1 + next() * 253]
      .map(Math.floor)
      .join('.')
    if (countryOf(ip) === country) found.push(ip)
  }
  return found
}

/** A lookup table of `size` slots, each index appearing in proportion to its weight. */
function weightedTable(weights: number[], size = 1000): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  const table: number[] = []
  let cumulative = 0
  weights.forEach((weight, index) => {
    cumulative += weight
    while (table.length < Math.round((cumulative / total) * size)) table.push(index + 1)
  })
  while (table.length < size) table.push(weights.length)
  return table
}

/** Each key's client addresses: production keys run on a dozen servers, others on a few. */
function keyAddresses(keys: SeedKey[]) {
  const next = random(20261130)
  const pick = weightedTable(COUNTRY_MIX.map(([, share]) => share))
  const ips: string[] = []
  const countries: (string | null)[] = []
  const starts: number[] = []
  const counts: number[] = []
  for (const key of keys) {
    const wanted = key.environment === 'production' ? 14 : key.environment === 'staging' ? 5 : 3
    starts.push(ips.length + 1)
    for (let i = 0; i < wanted; i++) {
      const country = COUNTRY_MIX[pick[Math.floor(next() * pick.length)] - 1][0]
      const [ip] = addressesIn(country, 1, next)
      // An office or VPN address now and then: private, of no country.
      const address = ip && i < wanted - 1 ? ip : `10.${key.id % 250}.${i}.${1 + (i % 250)}`
      ips.push(address)
      countries.push(countryOf(address))
    }
    counts.push(wanted)
  }
  return { ips, countries, starts, counts }
}

const DAY_MS = 86_400_000

/** Traffic of each day relative to the mean: quieter weekends, +50% over the period, noise. */
function dayWeights(days: number, first: Date): number[] {
  const next = random(7)
  return Array.from({ length: days }, (_, i) => {
    const weekday = new Date(first.getTime() + i * DAY_MS).getUTCDay()
    const weekend = weekday === 0 || weekday === 6 ? 0.6 : 1
    return weekend * (0.8 + (0.4 * i) / Math.max(1, days - 1)) * (0.9 + 0.2 * next())
  })
}

const PEAK = 0.625 // 15:00 UTC, when America and Europe overlap
const SWING = 0.6 // peak hours see 4× the traffic of the quietest

/**
 * Writes about `events` usage events over the last `days` days (up to `now`) for the keys.
 * Returns how many it wrote.
 */
export async function seedUsageEvents(db: Queryable, options: SeedUsageOptions): Promise<number> {
  const days = options.days ?? 90
  const now = options.now ?? new Date()
  const endpoints = SEED_ENDPOINTS
  const keys = options.keys
  if (keys.length === 0) throw new Error('seedUsageEvents needs at least one key')
  const addresses = keyAddresses(keys)
  // Allowed verifications also make a report: about 1.97 events a request.
  const requests = Math.round(options.events / 1.97)
  const firstDay = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - (days - 1) * DAY_MS)
  const weights = dayWeights(days, firstDay)
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0)
  const todayShare = (now.getTime() - Math.floor(now.getTime() / DAY_MS) * DAY_MS) / DAY_MS
  // Rate limits bite at peak hours (intensity up to 1 + SWING); refusals of the key do not.
  const limited = '0.005 * r.intensity * r.intensity'
  let bound = 0
  const codeCase = `CASE WHEN r.u_code < ${limited} THEN 'RATE_LIMITED'
    WHEN r.u_code < ${limited} + 0.001 THEN 'USAGE_EXCEEDED'
    ${REFUSALS.map(([code, share]) => {
      bound += share
      return `WHEN r.u_code < ${limited} + ${0.001 + bound} THEN '${code}'`
    }).join('\n')}
    ELSE 'VALID' END`

  let written = 0
  for (let day = 0; day < days; day++) {
    const perDay = Math.round((requests * weights[day]) / weightSum)
    if (perDay <= 0) continue
    const p = params()
    const count = p.add(perDay)
    const dayStart = p.add(new Date(firstDay.getTime() + day * DAY_MS).toISOString())
    // Today's events are drawn for the whole day, and those after now left out.
    const daySeconds = p.add((day === days - 1 ? todayShare : 1) * 86400)
    const keyTable = p.add(weightedTable(keys.map((key) => key.weight)))
    const endpointTable = p.add(weightedTable(endpoints.map((endpoint) => endpoint.weight)))
    const keyIds = p.add(keys.map((key) => key.id))
    const keyAccounts = p.add(keys.map((key) => key.account))
    const logMedians = p.add(endpoints.map((endpoint) => Math.log(endpoint.medianMs)))
    const sigmas = p.add(endpoints.map((endpoint) => endpoint.sigma))
    const scopes = p.add(endpoints.map((endpoint) => endpoint.scope))
    const peak = p.add(PEAK)
    const swing = p.add(SWING)
    const clientErrors = p.add(endpoints.map((endpoint) => endpoint.clientError))
    const clientRates = p.add(endpoints.map((endpoint) => endpoint.clientRate))
    const serverRates = p.add(endpoints.map((endpoint) => endpoint.serverRate))
    const okStatuses = p.add(endpoints.map((endpoint) => endpoint.okStatus))
    const ips = p.add(addresses.ips)
    const ipStarts = p.add(addresses.starts)
    const ipCounts = p.add(addresses.counts)
    const resources = p.add(endpoints.map((endpoint) => endpoint.resource))
    const routes = p.add(endpoints.map((endpoint) => endpoint.route))
    const countries = p.add(addresses.countries)
    const regions = p.add(REGIONS)
    const result = await db.query(
      `WITH draws AS (
         SELECT random() AS u_time, random() AS u_key, random() AS u_endpoint, random() AS u_code,
                random() AS u_status, random() AS u_lat1, random() AS u_lat2, random() AS u_ip
           FROM generate_series(1, ${count}::int)
       ),
       timed AS (
         SELECT d.*, x - floor(x) AS day_part
           FROM draws d,
                LATERAL (SELECT d.u_time
                                - (${swing}::float8 / (2 * pi())) * sin(2 * pi() * (d.u_time - ${peak}::float8))
                                AS x) AS shaped
       ),
       requests AS (
         SELECT ${dayStart}::timestamptz + make_interval(secs => t.day_part * 86400) AS at,
                k.i AS k, en.i AS en, t.u_status, t.u_lat1, t.u_lat2,
                1 + ${swing}::float8 * cos(2 * pi() * (t.day_part - ${peak}::float8)) AS intensity,
                t.u_code,
                (${ipStarts}::int[])[k.i] + floor(power(t.u_ip, 2) * (${ipCounts}::int[])[k.i])::int AS ip_i
           FROM timed t,
                LATERAL (SELECT (${keyTable}::int[])[1 + floor(t.u_key * 1000)::int] AS i) AS k,
                LATERAL (SELECT (${endpointTable}::int[])[1 + floor(t.u_endpoint * 1000)::int] AS i) AS en
          WHERE t.day_part * 86400 < ${daySeconds}::float8
       ),
       outcomes AS (
         SELECT r.*,
                ${codeCase} AS code,
                CASE WHEN r.u_status < (${serverRates}::float8[])[r.en]
                       THEN (ARRAY[500, 502, 503, 504])[1 + floor(r.u_status / (${serverRates}::float8[])[r.en] * 4)::int]
                     WHEN r.u_status < (${serverRates}::float8[])[r.en] + (${clientRates}::float8[])[r.en] THEN (${clientErrors}::int[])[r.en]
                     ELSE (${okStatuses}::int[])[r.en] END AS status
           FROM requests r
       ),
       measured AS (
         SELECT o.*,
                GREATEST(1, round(exp((${logMedians}::float8[])[o.en]
                  + (${sigmas}::float8[])[o.en] * sqrt(-2 * ln(1 - o.u_lat1)) * cos(2 * pi() * o.u_lat2))
                  * CASE WHEN o.status >= 500 THEN 2.5 WHEN o.status >= 400 THEN 0.4 ELSE 1 END))::int
                  AS latency
           FROM outcomes o
       )
       INSERT INTO usage_events (occurred_at, kind, key_id, account, scope, resource, cost, code, ip,
                                 endpoint, method, status, latency_ms, region, country)
       SELECT CASE WHEN kinds.kind = 'verify' THEN m.at ELSE m.at + make_interval(secs => m.latency / 1000.0) END,
              kinds.kind, (${keyIds}::int[])[m.k], (${keyAccounts}::text[])[m.k], (${scopes}::text[])[m.en],
              CASE WHEN kinds.kind = 'verify' THEN (${resources}::text[])[m.en] END,
              CASE WHEN kinds.kind = 'verify' THEN 1 END,
              CASE WHEN kinds.kind = 'verify' THEN m.code ELSE (m.status / 100)::text || 'xx' END,
              CASE WHEN kinds.kind = 'verify' THEN (${ips}::text[])[m.ip_i] END,
              (${routes}::text[])[m.en],
              CASE WHEN kinds.kind = 'report' THEN split_part((${routes}::text[])[m.en], ' ', 1) END,
              CASE WHEN kinds.kind = 'report' THEN m.status END,
              CASE WHEN kinds.kind = 'report' THEN m.latency END,
              CASE WHEN kinds.kind = 'report' THEN (${regions}::text[])[1 + m.k % 3] END,
              CASE WHEN kinds.kind = 'verify' THEN (${countries}::text[])[m.ip_i] END
         FROM measured m
        CROSS JOIN LATERAL (VALUES ('verify'), ('report')) AS kinds(kind)
        WHERE kinds.kind = 'verify' OR m.code = 'VALID'
        ORDER BY 1`,
      p.values,
    )
    written += result.rowCount ?? 0
    options.onProgress?.(written, day + 1, days)
  }
  return written
}
