import type { Payload } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { GET as analyticsRoute } from '@/app/api/analytics/[series]/route'
import {
  analyticsResponse,
  ANALYTICS_SERIES,
  ANALYTICS_SERIES_NAMES,
  closeAnalyticsDb,
  countrySeries,
  csvCell,
  decodeCursor,
  errorGroups,
  latencyByEndpoint,
  latencySeries,
  presetRange,
  requestLog,
  requestSeries,
  resolveAnalyticsScope,
  segmentsFor,
  cutsFrom,
  tile,
  TOTAL_LEVELS,
  topEndpoints,
  topIps,
  topKeys,
  type AnalyticsHttpCaller,
  type AnalyticsScope,
} from '@/lib/analytics'
import { openApiDocument } from '@/lib/api/openapi'
import { countryOf } from '@/lib/geo'
import { payloadSecret } from '@/lib/defaults'
import { KEY_AUTH_HEADER, signKeyClaims } from '@/lib/keys/keyAuth'
import { insertUsageEvents, routeOf, type UsageEvent } from '@/lib/usage/events'
import { pruneUsage, ROLLUP_TABLES, rollUpAll } from '@/lib/usage/rollup'
import { binValue, latencyBin, mergeSketches, sketchPercentile } from '@/lib/usage/sketch'
import type { ApiKey, User } from '@/payload-types'
import config from '@payload-config'

import { asUser, makeUser, testPayload, unique } from '../helpers/payload'
import { runScript } from '../helpers/runScript'

let payload: Payload
let db: pg.Pool

const HOUR = 3_600_000

async function issue(user: User, data: Partial<ApiKey> = {}): Promise<ApiKey> {
  return payload.create({
    collection: 'api-keys',
    data: {
      name: unique('key'),
      environment: 'production',
      scopes: ['usage:read'],
      ...data,
    } as never,
    depth: 0,
    overrideAccess: false,
    user: asUser(user),
  })
}

/**
 * Rolls everything up now: the events of the last minute are marked as recorded a minute ago
 * (past the roll-up's settling delay) and the watermarks start over, as after a migration.
 */
async function rollUpNow() {
  await db.query(
    `UPDATE usage_events SET recorded_at = recorded_at - interval '1 minute'
      WHERE recorded_at > now() - interval '1 minute'`,
  )
  await db.query('DELETE FROM usage_rollup_watermarks')
  return rollUpAll(db)
}

/** Every roll-up row of an account, for comparing two roll-ups. */
async function rollupRows(account: string) {
  const rows: Record<string, unknown[]> = {}
  for (const table of Object.keys(ROLLUP_TABLES)) {
    const { rows: found } = await db.query(`SELECT * FROM ${table} WHERE account = $1`, [account])
    rows[table] = found.map((row) =>
      // Histogram bins come in no set order: compare them as a map.
      row.bins
        ? {
            ...row,
            bins: undefined,
            counts: undefined,
            sketch: Object.fromEntries(
              (row.bins as number[]).map((bin, i) => [bin, (row.counts as number[])[i]]),
            ),
          }
        : row,
    )
    rows[table].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
  }
  return rows
}

type Fixture = {
  pro: User
  free: User
  stranger: User
  member: User
  k1: ApiKey
  k2: ApiKey
  orgKey: ApiKey
  orgKeyWithoutScope: ApiKey
  organization: number
  account: string
  base: Date
}
let fx: Fixture

/** The known usage of the pro member's personal account, yesterday at noon. */
function knownEvents(k1: number, k2: number, account: string, base: Date): UsageEvent[] {
  const at = (seconds: number) => new Date(base.getTime() + seconds * 1000)
  const verify = (keyId: number, code: string, endpoint: string, ip: string, s: number) => ({
    occurredAt: at(s),
    kind: 'verify' as const,
    keyId,
    account,
    code,
    endpoint,
    ip,
    cost: 1,
    resource: 'api_calls',
  })
  const report = (keyId: number, path: string, status: number, latencyMs: number, s: number) => ({
    occurredAt: at(s),
    kind: 'report' as const,
    keyId,
    account,
    endpoint: path,
    method: 'GET',
    status,
    code: `${Math.floor(status / 100)}xx`,
    latencyMs,
  })
  return [
    ...[1, 2, 3, 4].map((s) => verify(k1, 'VALID', 'GET /v1/tracks', '8.8.8.8', s)),
    verify(k1, 'RATE_LIMITED', 'GET /v1/tracks', '8.8.8.8', 5),
    verify(k1, 'INSUFFICIENT_SCOPE', 'POST /v1/tracks', '81.2.69.160', 6),
    report(k1, '/v1/tracks', 200, 10, 7),
    report(k1, '/v1/tracks', 200, 20, 8),
    report(k1, '/v1/tracks', 200, 30, 9),
    report(k1, '/v1/tracks', 404, 5, 10),
    report(k1, '/v1/tracks', 503, 900, 11),
    verify(k2, 'VALID', 'GET /v1/models', '10.0.0.1', 12),
    verify(k2, 'VALID', 'GET /v1/models', '10.0.0.1', 13),
    report(k2, '/v1/models', 200, 40, 14),
    report(k2, '/v1/models', 200, 50, 15),
  ]
}

beforeAll(async () => {
  payload = await testPayload()
  db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 })
  const pro = await makeUser(['member'], { plan: 'pro' })
  const free = await makeUser(['member'], { plan: 'free' })
  const stranger = await makeUser(['member'], { plan: 'pro' })
  const member = await makeUser(['member'], { plan: 'pro' })
  const org = await payload.create({
    collection: 'organizations',
    data: {
      name: unique('Analytics Org'),
      slug: unique('aorg').toLowerCase(),
      plan: 'enterprise',
      members: [
        { user: pro.id, role: 'owner' },
        { user: member.id, role: 'member' },
      ],
    },
    overrideAccess: true,
  })
  const k1 = await issue(pro, { environment: 'production' })
  const k2 = await issue(pro, { environment: 'development', scopes: ['tracks:read'] })
  const orgKey = await issue(pro, { organization: org.id })
  const orgKeyWithoutScope = await issue(pro, { organization: org.id, scopes: ['tracks:read'] })
  const account = `u${pro.id}`
  // Yesterday at noon (UTC): a whole day, rolled up at every granularity.
  const base = new Date(Math.floor(Date.now() / (24 * HOUR)) * 24 * HOUR - 12 * HOUR)
  await insertUsageEvents(db, knownEvents(k1.id, k2.id, account, base))
  // Another account's usage, at the same time and on the same endpoints: never to be seen.
  await insertUsageEvents(
    db,
    knownEvents(orgKey.id, orgKey.id, `o${org.id}`, base).map((event) => ({
      ...event,
      ip: event.ip ? '5.9.0.1' : event.ip,
    })),
  )
  fx = {
    pro,
    free,
    stranger,
    member,
    k1,
    k2,
    orgKey,
    orgKeyWithoutScope,
    organization: org.id,
    account,
    base,
  }
})

afterAll(async () => {
  await closeAnalyticsDb()
  await db.end()
})

const person = (user: User): AnalyticsHttpCaller => ({ kind: 'person', userId: user.id })
const keyCaller = (key: ApiKey): AnalyticsHttpCaller => ({
  kind: 'key',
  keyId: key.id,
  scopes: key.scopes as string[],
})

async function call(caller: AnalyticsHttpCaller, path: string) {
  const response = await analyticsResponse(
    new URL(`http://portal.test/api/analytics/${path}`),
    caller,
    db,
  )
  const isJson = response.headers.get('content-type')?.includes('json')
  return { response, body: isJson ? await response.json() : await response.text() }
}

describe('sketches, routes and countries', () => {
  it('reads any latency back from its bin within 1%', () => {
    for (const ms of [
      0, 1, 2, 3, 7, 10, 49, 50, 51, 99, 100, 101, 250, 999, 1000, 12_345, 3_600_000,
    ]) {
      const value = binValue(latencyBin(ms))
      expect(Math.abs(value - ms)).toBeLessThanOrEqual(ms * 0.01)
    }
  })

  it('estimates percentiles of merged sketches like percentile_cont, within 2%', () => {
    // Log-normal latencies (median 120 ms), from a fixed generator.
    let seed = 7
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    const values = Array.from({ length: 5000 }, () =>
      Math.max(
        1,
        Math.round(
          Math.exp(
            Math.log(120) + 0.8 * Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next()),
          ),
        ),
      ),
    )
    const sketchOf = (part: number[]) => {
      const counts = new Map<number, number>()
      for (const ms of part) counts.set(latencyBin(ms), (counts.get(latencyBin(ms)) ?? 0) + 1)
      return { bins: [...counts.keys()], counts: [...counts.values()] }
    }
    const merged = mergeSketches([sketchOf(values.slice(0, 1700)), sketchOf(values.slice(1700))])
    const sorted = [...values].sort((a, b) => a - b)
    for (const p of [0.5, 0.95, 0.99]) {
      const position = p * (sorted.length - 1)
      const low = sorted[Math.floor(position)]
      const exact = low + (position - Math.floor(position)) * (sorted[Math.ceil(position)] - low)
      const estimate = sketchPercentile(merged, p) as number
      expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.02)
    }
  })

  it('groups endpoints by route and joins a report’s method and path', () => {
    expect(routeOf('GET /v1/tracks/123')).toBe('GET /v1/tracks/{id}')
    expect(routeOf('/v1/tracks/9f1c2d3e-1111-2222-3333-444455556666/similar', 'GET')).toBe(
      'GET /v1/tracks/{id}/similar',
    )
    expect(routeOf('/v1/models?cursor=abc', 'POST')).toBe('POST /v1/models')
    expect(routeOf('GET /v1/models', 'GET')).toBe('GET /v1/models')
    expect(routeOf(null, 'GET')).toBeNull()
  })

  it('finds the country of public addresses, and none for private or malformed ones', () => {
    expect(countryOf('8.8.8.8')).toBe('US')
    expect(countryOf('81.2.69.160')).toBe('GB')
    expect(countryOf('::ffff:5.9.0.1')).toBe('DE')
    for (const nowhere of [
      '10.0.0.1',
      '192.168.1.20',
      '127.0.0.1',
      '::1',
      'fe80::1',
      'nope',
      '',
      null,
    ]) {
      expect(countryOf(nowhere)).toBeNull()
    }
  })

  it('stores the country and the route with each event', async () => {
    const { rows } = await db.query(
      `SELECT DISTINCT endpoint, country FROM usage_events WHERE key_id = $1 AND kind = 'verify' ORDER BY 1, 2`,
      [fx.k1.id],
    )
    expect(rows).toEqual([
      { endpoint: 'GET /v1/tracks', country: 'US' },
      { endpoint: 'POST /v1/tracks', country: 'GB' },
    ])
    const { rows: reports } = await db.query(
      `SELECT DISTINCT endpoint, method FROM usage_events WHERE key_id = $1 AND kind = 'report'`,
      [fx.k1.id],
    )
    expect(reports).toEqual([{ endpoint: 'GET /v1/tracks', method: 'GET' }])
  })

  it('makes CSV cells safe for spreadsheets', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`)
    expect(csvCell('GET /v1/tracks, all')).toBe('"GET /v1/tracks, all"')
    expect(csvCell(-5)).toBe('-5')
    expect(csvCell(null)).toBe('')
  })

  it('reads each part of a range once: roll-ups up to their watermark, raw events after', () => {
    const day = Date.UTC(2026, 10, 20)
    const cuts = cutsFrom({
      day: new Date(day + 10 * HOUR),
      hour: new Date(day + 10 * HOUR + 5 * 60_000),
      minute: new Date(day + 10 * HOUR + 7 * 60_000 + 30_000),
    })
    const range = { from: new Date(day - 3 * 86_400_000), to: new Date(day + 86_400_000) }
    expect(segmentsFor(range, 'day', cuts)).toEqual([
      { source: 'day', from: range.from, to: new Date(day) },
      { source: 'hour', from: new Date(day), to: new Date(day + 10 * HOUR) },
      {
        source: 'minute',
        from: new Date(day + 10 * HOUR),
        to: new Date(day + 10 * HOUR + 7 * 60_000),
      },
      { source: 'raw', from: new Date(day + 10 * HOUR + 7 * 60_000), to: range.to },
    ])
    // Without any roll-up yet, everything is raw.
    expect(segmentsFor(range, 'day', cutsFrom({}))).toEqual([{ source: 'raw', ...range }])
  })

  it('reads a total over a long range in whole weeks, and its edges in finer buckets', () => {
    const monday = Date.UTC(2026, 10, 23) // Monday 23 November 2026
    const at = (days: number, hours = 0) => monday + days * 86_400_000 + hours * HOUR
    const cuts = cutsFrom({
      week: new Date(at(0, 1)),
      day: new Date(at(2, 1)),
      hour: new Date(at(2, 5)),
      minute: new Date(at(2, 5) + 90_000),
    })
    // From a Thursday three weeks back to the middle of Wednesday.
    const segments = tile(at(-18), at(2, 12), TOTAL_LEVELS, cuts)
    expect(segments.map(({ source, from, to }) => [source, from.getTime(), to.getTime()])).toEqual([
      ['day', at(-18), at(-14)],
      ['week', at(-14), at(0)],
      ['day', at(0), at(2)],
      ['hour', at(2), at(2, 5)],
      ['minute', at(2, 5), at(2, 5) + 60_000],
      ['raw', at(2, 5) + 60_000, at(2, 12)],
    ])
  })
})

describe('roll-ups', () => {
  it('are idempotent: running again, or from scratch, changes nothing', async () => {
    await rollUpNow()
    const first = await rollupRows(fx.account)
    expect(first.usage_endpoint_rollups.length).toBeGreaterThan(0)
    expect(await rollUpAll(db)).toEqual({ minute: 0, hour: 0, day: 0, week: 0 })
    expect(await rollupRows(fx.account)).toEqual(first)
    await rollUpNow()
    expect(await rollupRows(fx.account)).toEqual(first)
  })

  it('make days from hours, account-wide rows from key rows, and every endpoint from each', async () => {
    await rollUpNow()
    const { rows } = await db.query(
      `SELECT granularity, key_id, sum(requests)::int AS requests FROM usage_endpoint_rollups
        WHERE account = $1 AND kind = 'verify' GROUP BY 1, 2 ORDER BY 1, 2`,
      [fx.account],
    )
    for (const granularity of ['minute', 'hour', 'day']) {
      const of = rows.filter((row) => row.granularity === granularity)
      expect(of).toEqual([
        { granularity, key_id: 0, requests: 8 },
        { granularity, key_id: fx.k1.id, requests: 6 },
        { granularity, key_id: fx.k2.id, requests: 2 },
      ])
    }
    const { rows: latency } = await db.query(
      `SELECT granularity, endpoint, requests::int FROM usage_latency_rollups
        WHERE account = $1 AND key_id = 0 ORDER BY 1, 2`,
      [fx.account],
    )
    expect(latency.filter((row) => row.granularity === 'day')).toEqual([
      { granularity: 'day', endpoint: '*', requests: 7 },
      { granularity: 'day', endpoint: 'GET /v1/models', requests: 2 },
      { granularity: 'day', endpoint: 'GET /v1/tracks', requests: 5 },
    ])
  })

  it('are pruned by age: minutes after two days, the others after the retention', async () => {
    const account = `u${fx.stranger.id}`
    const insert = (granularity: string, daysAgo: number) =>
      db.query(
        `INSERT INTO usage_ip_rollups (granularity, account, key_id, bucket, ip, requests)
         VALUES ($1, $2, 1, date_trunc('minute', now()) - make_interval(days => $3), '203.0.113.5', 1)`,
        [granularity, account, daysAgo],
      )
    await insert('minute', 1)
    await insert('minute', 3)
    await insert('day', 100)
    await insert('day', 500)
    await pruneUsage(db, { eventDays: 30, rollupDays: 400 })
    const { rows } = await db.query(
      `SELECT granularity, round(extract(epoch FROM now() - bucket) / 86400)::int AS days
         FROM usage_ip_rollups WHERE account = $1 ORDER BY 1, 2`,
      [account],
    )
    expect(rows).toEqual([
      { granularity: 'day', days: 100 },
      { granularity: 'minute', days: 1 },
    ])
  })
})

describe('series', () => {
  const scope = (): AnalyticsScope => ({ accounts: [fx.account] })
  const range = () => presetRange('7d')

  it('count requests by outcome and status class', async () => {
    const series = await requestSeries(db, scope(), range())
    expect(series.granularity).toBe('day')
    expect(series.points.length).toBe(8)
    expect(series.totals).toEqual({
      verified: 8,
      allowed: 6,
      limited: 1,
      refused: 1,
      byCode: { VALID: 6, RATE_LIMITED: 1, INSUFFICIENT_SCOPE: 1 },
      reported: 7,
      byStatusClass: { '1xx': 0, '2xx': 5, '3xx': 0, '4xx': 1, '5xx': 1 },
    })
    expect(series.codes).toEqual(['VALID', 'INSUFFICIENT_SCOPE', 'RATE_LIMITED'])
    const busy = series.points.filter((point) => point.verified > 0)
    expect(busy).toHaveLength(1)
    expect(new Date(busy[0].bucket).getTime()).toBe(fx.base.getTime() - 12 * HOUR)
  })

  it('give latency percentiles over time, overall and per endpoint', async () => {
    const series = await latencySeries(db, scope(), range())
    expect(series.overall.requests).toBe(7)
    // percentile_cont over 5, 10, 20, 30, 40, 50, 900: p50 30, p95 645, p99 849.
    expect(series.overall.p50).toBeCloseTo(30, -0.5)
    expect(Math.abs((series.overall.p95 as number) - 645) / 645).toBeLessThan(0.02)
    expect(series.points.filter((point) => point.requests > 0)).toHaveLength(1)
    const byEndpoint = await latencyByEndpoint(db, scope(), range())
    expect(byEndpoint.endpoints.map(({ endpoint, requests }) => ({ endpoint, requests }))).toEqual([
      { endpoint: 'GET /v1/tracks', requests: 5 },
      { endpoint: 'GET /v1/models', requests: 2 },
    ])
    expect(byEndpoint.endpoints[1].p50).toBeCloseTo(45, -0.5)
  })

  it('group errors by endpoint and status, and refusals by endpoint and code', async () => {
    const errors = await errorGroups(db, scope(), range())
    expect(errors.http).toEqual([
      {
        endpoint: 'GET /v1/tracks',
        status: 404,
        statusClass: '4xx',
        requests: 1,
        endpointRequests: 5,
      },
      {
        endpoint: 'GET /v1/tracks',
        status: 503,
        statusClass: '5xx',
        requests: 1,
        endpointRequests: 5,
      },
    ])
    expect(errors.refusals).toEqual([
      {
        endpoint: 'GET /v1/tracks',
        code: 'RATE_LIMITED',
        outcome: 'limited',
        requests: 1,
        endpointRequests: 5,
      },
      {
        endpoint: 'POST /v1/tracks',
        code: 'INSUFFICIENT_SCOPE',
        outcome: 'refused',
        requests: 1,
        endpointRequests: 1,
      },
    ])
    expect(errors.totals).toEqual({
      reported: 7,
      clientErrors: 1,
      serverErrors: 1,
      verified: 8,
      limited: 1,
      refused: 1,
    })
  })

  it('rank endpoints, keys, addresses and countries', async () => {
    expect((await topEndpoints(db, scope(), range())).endpoints).toEqual([
      {
        endpoint: 'GET /v1/tracks',
        requests: 5,
        verified: 5,
        allowed: 4,
        limited: 1,
        refused: 0,
        reported: 5,
        clientErrors: 1,
        serverErrors: 1,
      },
      {
        endpoint: 'GET /v1/models',
        requests: 2,
        verified: 2,
        allowed: 2,
        limited: 0,
        refused: 0,
        reported: 2,
        clientErrors: 0,
        serverErrors: 0,
      },
      {
        endpoint: 'POST /v1/tracks',
        requests: 1,
        verified: 1,
        allowed: 0,
        limited: 0,
        refused: 1,
        reported: 0,
        clientErrors: 0,
        serverErrors: 0,
      },
    ])
    const keys = (await topKeys(db, scope(), range())).keys
    expect(
      keys.map(({ keyId, name, requests, errors, environment }) => ({
        keyId,
        name,
        requests,
        errors,
        environment,
      })),
    ).toEqual([
      { keyId: fx.k1.id, name: fx.k1.name, requests: 6, errors: 2, environment: 'production' },
      { keyId: fx.k2.id, name: fx.k2.name, requests: 2, errors: 0, environment: 'development' },
    ])
    const ips = await topIps(db, scope(), range())
    expect(ips.ips).toEqual([
      { ip: '8.8.8.8', country: 'US', requests: 5 },
      { ip: '10.0.0.1', country: null, requests: 2 },
      { ip: '81.2.69.160', country: 'GB', requests: 1 },
    ])
    expect([ips.total, ips.distinct]).toEqual([8, 3])
    const countries = await countrySeries(db, scope(), range())
    expect(countries.countries).toEqual([
      { country: 'US', requests: 5, share: 5 / 8 },
      { country: null, requests: 2, share: 2 / 8 },
      { country: 'GB', requests: 1, share: 1 / 8 },
    ])
  })

  it('answer the same from roll-ups as from the raw events, and show fresh calls at once', async () => {
    await db.query('DELETE FROM usage_rollup_watermarks')
    const input = { range: range(), log: {}, now: new Date() }
    const raw: Record<string, unknown> = {}
    for (const name of ANALYTICS_SERIES_NAMES) {
      raw[name] = await ANALYTICS_SERIES[name].load(db, scope(), input as never)
    }
    await rollUpNow()
    for (const name of ANALYTICS_SERIES_NAMES) {
      expect(await ANALYTICS_SERIES[name].load(db, scope(), input as never), name).toEqual(
        raw[name],
      )
    }
  })

  it('show a call made now before any roll-up, counted once before and after', async () => {
    const user = await makeUser(['member'], { plan: 'pro' })
    const key = await issue(user)
    const fresh = { accounts: [`u${user.id}`] }
    await rollUpNow()
    await insertUsageEvents(db, [
      {
        occurredAt: new Date(),
        kind: 'verify',
        keyId: key.id,
        account: `u${user.id}`,
        code: 'VALID',
        endpoint: 'GET /v1/models',
        ip: '10.0.0.1',
      },
    ])
    const minute = await requestSeries(db, fresh, presetRange('1h'))
    expect(minute.granularity).toBe('minute')
    expect(minute.totals.allowed).toBe(1)
    for (const preset of ['24h', '7d', '90d'] as const) {
      expect((await requestSeries(db, fresh, presetRange(preset))).totals.allowed, preset).toBe(1)
    }
    await rollUpNow()
    for (const preset of ['1h', '24h', '7d', '90d'] as const) {
      expect((await requestSeries(db, fresh, presetRange(preset))).totals.allowed, preset).toBe(1)
    }
    expect((await topIps(db, fresh, presetRange('90d'))).ips).toEqual([
      { ip: '10.0.0.1', country: null, requests: 1 },
    ])
  })

  it('match percentile_cont over the raw events within 2% on generated data, and their own raw answers', async () => {
    const user = await makeUser(['member'], { plan: 'pro' })
    const key = await issue(user)
    const account = `u${user.id}`
    let seed = 11
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    const endpoints = ['/v1/tracks', '/v1/recommendations', '/v1/audio/jobs']
    const medians = [40, 250, 600]
    // Over the last three weeks: totals read whole weeks, days, hours and minutes.
    const start = Date.now() - 21 * 24 * HOUR
    const events: UsageEvent[] = Array.from({ length: 20_000 }, (_, i) => {
      const e = i % 3
      const z = Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next())
      return {
        occurredAt: new Date(start + next() * (21 * 24 * HOUR - 60_000)),
        kind: 'report',
        keyId: key.id,
        account,
        endpoint: endpoints[e],
        method: 'POST',
        status: 200,
        latencyMs: Math.max(1, Math.round(Math.exp(Math.log(medians[e]) + 0.7 * z))),
      }
    })
    for (let i = 0; i < events.length; i += 5000)
      await insertUsageEvents(db, events.slice(i, i + 5000))
    const accountScope = { accounts: [account] }
    const month = presetRange('30d')
    // Every series answers the same from the raw events alone as from the roll-ups.
    await db.query('DELETE FROM usage_rollup_watermarks')
    const input = { range: month, log: {}, now: new Date() }
    const raw: Record<string, unknown> = {}
    for (const name of ANALYTICS_SERIES_NAMES) {
      raw[name] = await ANALYTICS_SERIES[name].load(db, accountScope, input as never)
    }
    const written = await rollUpNow()
    expect(written.week).toBeGreaterThan(0)
    for (const name of ANALYTICS_SERIES_NAMES) {
      expect(await ANALYTICS_SERIES[name].load(db, accountScope, input as never), name).toEqual(
        raw[name],
      )
    }
    const series = await latencySeries(db, accountScope, month)
    const from = series.from
    const to = series.to
    const { rows: exact } = await db.query(
      `SELECT endpoint, percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms) AS p99
         FROM usage_events WHERE account = $1 AND occurred_at >= $2 AND occurred_at < $3
        GROUP BY ROLLUP (endpoint)`,
      [account, from, to],
    )
    const close = (estimate: number | null, truth: number) =>
      expect(Math.abs((estimate as number) - truth) / truth).toBeLessThan(0.02)
    const overall = exact.find((row) => row.endpoint === null)
    for (const p of ['p50', 'p95', 'p99'] as const) close(series.overall[p], overall[p])
    const byEndpoint = await latencyByEndpoint(db, accountScope, month)
    expect(byEndpoint.endpoints).toHaveLength(3)
    for (const row of byEndpoint.endpoints) {
      const truth = exact.find((candidate) => candidate.endpoint === row.endpoint)
      for (const p of ['p50', 'p95', 'p99'] as const) close(row[p], truth[p])
    }
  })
})

describe('request log', () => {
  it('pages newest first with a cursor, never repeating or skipping an event', async () => {
    const scope = { accounts: [fx.account] }
    const seen: string[] = []
    let cursor: string | null = null
    for (let page = 0; page < 10; page++) {
      const log = await requestLog(db, scope, { limit: 4, cursor })
      seen.push(...log.events.map((event) => event.id))
      expect(log.events.length).toBeLessThanOrEqual(4)
      cursor = log.nextCursor
      if (!cursor) break
    }
    expect(seen).toHaveLength(15)
    expect(new Set(seen).size).toBe(15)
    const all = await requestLog(db, scope, { limit: 100 })
    expect(all.events.map((event) => event.id)).toEqual(seen)
    const times = all.events.map((event) => event.occurredAt)
    expect([...times].sort().reverse()).toEqual(times)
    expect(all.nextCursor).toBeNull()
  })

  it('filters by endpoint, status, class, code, address, failures and key', async () => {
    const scope = { accounts: [fx.account] }
    const ids = async (filters: Parameters<typeof requestLog>[2], keyIds?: number[]) =>
      (await requestLog(db, { ...scope, ...(keyIds ? { keyIds } : {}) }, filters)).events
    expect((await ids({ status: 503 })).map((event) => [event.status, event.latencyMs])).toEqual([
      [503, 900],
    ])
    expect((await ids({ status: '4xx' })).map((event) => event.status)).toEqual([404])
    expect((await ids({ code: 'RATE_LIMITED' })).map((event) => event.code)).toEqual([
      'RATE_LIMITED',
    ])
    expect(await ids({ ip: '81.2.69.160' })).toHaveLength(1)
    expect(await ids({ endpoint: 'GET /v1/models' })).toHaveLength(4)
    expect(await ids({ endpoint: 'GET /v1/tracks', status: 200 })).toHaveLength(3)
    expect(
      (await ids({ isFailed: true })).map((event) => event.status ?? event.code).sort(),
    ).toEqual([404, 503, 'INSUFFICIENT_SCOPE', 'RATE_LIMITED'].sort())
    expect(await ids({}, [fx.k2.id])).toHaveLength(4)
    expect(
      await ids({
        from: new Date(fx.base.getTime() + 12_000),
        to: new Date(fx.base.getTime() + 14_000),
      }),
    ).toHaveLength(2)
    const [event] = await ids({ ip: '81.2.69.160' })
    expect(event).toMatchObject({
      kind: 'verify',
      keyId: fx.k1.id,
      endpoint: 'POST /v1/tracks',
      country: 'GB',
    })
  })

  it('refuses a cursor that is not one of its own', async () => {
    expect(decodeCursor('bm90LWEtY3Vyc29y')).toBeNull()
    await expect(requestLog(db, { accounts: [fx.account] }, { cursor: '%%%' })).rejects.toThrow(
      RangeError,
    )
  })
})

describe('GET /api/analytics/<series>', () => {
  it('answers every series as JSON and as CSV', async () => {
    for (const name of ANALYTICS_SERIES_NAMES) {
      const json = await call(person(fx.pro), `${name}?range=7d`)
      expect(json.response.status, name).toBe(200)
      expect(json.body).toMatchObject({
        series: name,
        account: { kind: 'personal', id: fx.pro.id, plan: 'pro' },
        key: null,
      })
      const csv = await call(person(fx.pro), `${name}?range=7d&format=csv`)
      expect(csv.response.status, name).toBe(200)
      expect(csv.response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      expect(csv.response.headers.get('content-disposition')).toMatch(
        new RegExp(
          `^attachment; filename="tunetrail-${name}-${fx.account}-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`,
        ),
      )
      expect(String(csv.body).split('\r\n').length).toBeGreaterThan(2)
    }
    const requests = await call(person(fx.pro), 'requests?range=7d&format=csv')
    const [header, ...lines] = String(requests.body).trim().split('\r\n')
    expect(header).toBe(
      'bucket,verified,allowed,rate_limited,refused,code_VALID,code_INSUFFICIENT_SCOPE,code_RATE_LIMITED,reported,1xx,2xx,3xx,4xx,5xx',
    )
    expect(lines.find((line) => !line.includes(',0,0,0,0,0,')) ?? '').toMatch(
      /,8,6,1,1,6,1,1,7,0,5,0,1,1$/,
    )
    const ips = await call(person(fx.pro), 'ips?range=7d&format=csv')
    expect(ips.body).toBe(
      'ip,country,requests\r\n8.8.8.8,US,5\r\n10.0.0.1,,2\r\n81.2.69.160,GB,1\r\n',
    )
  })

  it('filters by key and environment', async () => {
    const byKey = await call(person(fx.pro), `keys?range=7d&key=${fx.k2.id}`)
    expect(byKey.body.key).toBe(fx.k2.id)
    expect(byKey.body.keys.map((key: { keyId: number }) => key.keyId)).toEqual([fx.k2.id])
    const development = await call(person(fx.pro), 'endpoints?range=7d&environment=development')
    expect(development.body.endpoints.map((row: { endpoint: string }) => row.endpoint)).toEqual([
      'GET /v1/models',
    ])
    const staging = await call(person(fx.pro), 'requests?range=7d&environment=staging')
    expect(staging.body.totals.verified).toBe(0)
    const log = await call(person(fx.pro), `log?key=${fx.k1.id}&status=503`)
    expect(log.body.events).toHaveLength(1)
  })

  it("never shows another account's data, to a person or to a key", async () => {
    // Another person, another account's organization or key: not found, whatever exists.
    for (const path of [
      `requests?account=${fx.organization}`,
      `log?account=${fx.organization}`,
      `requests?key=${fx.k1.id}`,
      `log?key=${fx.orgKey.id}`,
    ]) {
      const { response, body } = await call(person(fx.stranger), path)
      expect(response.status, path).toBe(404)
      expect(JSON.stringify(body)).not.toContain('v1/tracks')
    }
    // Their own account is empty.
    const own = await call(person(fx.stranger), 'ips')
    expect(own.body.ips).toEqual([])
    // A member who does not manage the organization cannot read it.
    expect(
      (await call(person(fx.member), `requests?account=${fx.organization}`)).response.status,
    ).toBe(404)
    // A personal key reads its own account only; an organization's key its organization only.
    const personalKey = keyCaller(fx.k1)
    expect((await call(personalKey, `requests?account=${fx.organization}`)).response.status).toBe(
      404,
    )
    expect((await call(personalKey, 'requests?range=7d')).body.totals.verified).toBe(8)
    const orgKey = keyCaller(fx.orgKey)
    expect((await call(orgKey, 'requests?account=personal')).response.status).toBe(404)
    expect((await call(orgKey, `requests?key=${fx.k1.id}`)).response.status).toBe(404)
    const orgIps = await call(orgKey, 'ips?range=7d')
    expect(orgIps.body.account).toMatchObject({ kind: 'organization', id: fx.organization })
    expect(orgIps.body.ips).toEqual([{ ip: '5.9.0.1', country: 'DE', requests: 8 }])
  })

  it('refuses a key without usage:read, and a plan without analytics with a way to upgrade', async () => {
    const refused = await call(keyCaller(fx.orgKeyWithoutScope), 'requests')
    expect(refused.response.status).toBe(403)
    expect(refused.body.errors[0].code).toBe('INSUFFICIENT_SCOPE')
    const free = await call(person(fx.free), 'requests')
    expect(free.response.status).toBe(403)
    expect(free.body.errors[0]).toMatchObject({ code: 'UPGRADE_REQUIRED' })
    expect(free.body.errors[0].message).toMatch(/pro and enterprise/)
    const resolved = await resolveAnalyticsScope(db, { kind: 'person', userId: fx.free.id })
    expect(resolved).toMatchObject({ ok: false, status: 403 })
  })

  it('answers 400 naming the parameter at fault', async () => {
    const cases: [string, string][] = [
      ['requests?range=2d', 'range'],
      ['requests?from=yesterday&to=2026-11-30', 'from'],
      ['requests?from=2026-11-30&to=2026-11-01', 'from'],
      ['requests?from=2026-01-01&to=2026-06-01', 'from'],
      ['requests?from=2026-11-01', 'to'],
      ['requests?range=24h&from=2026-11-01&to=2026-11-02', 'range'],
      ['requests?key=abc', 'key'],
      ['requests?key=99999999999', 'key'],
      ['requests?account=-1', 'account'],
      ['requests?environment=prod', 'environment'],
      ['requests?format=xml', 'format'],
      ['requests?status=503', 'status'],
      ['requests?limit=5', 'limit'],
      ['endpoints?limit=0', 'limit'],
      ['endpoints?limit=101', 'limit'],
      ['log?status=600', 'status'],
      ['log?code=NOPE', 'code'],
      ['log?ip=1.2.3', 'ip'],
      ['log?failed=yes', 'failed'],
      ['log?cursor=not-a-cursor', 'cursor'],
      // Dates Postgres cannot take (there is no year 0; 9999-12-31T23:59:59Z reaches 10000).
      ['requests?from=0000-01-01&to=0000-02-01', 'from'],
      ['requests?from=9999-12-01&to=9999-12-31T23:59:59Z', 'from'],
      // Cursors naming an id past bigint's range, or 30 February.
      [
        `log?cursor=${Buffer.from('2026-11-30T10:00:00.000000Z|9999999999999999999').toString('base64url')}`,
        'cursor',
      ],
      [
        `log?cursor=${Buffer.from('2026-02-30T10:00:00.000000Z|5').toString('base64url')}`,
        'cursor',
      ],
    ]
    for (const [path, field] of cases) {
      const { response, body } = await call(person(fx.pro), path)
      expect(response.status, path).toBe(400)
      expect(body.errors[0].field, path).toBe(field)
    }
    expect((await call(person(fx.pro), 'nope')).response.status).toBe(404)
  })

  it('authenticates people by session and keys by the proxy’s signed claims', async () => {
    const get = (path: string, headers: Record<string, string> = {}) =>
      analyticsRoute(new Request(`http://portal.test/api/analytics/${path}`, { headers }))
    expect((await get('requests')).status).toBe(401)
    const { token } = await payload.login({
      collection: 'users',
      data: { email: fx.pro.email, password: 'correct-horse-battery' },
    })
    const bySession = await get('ips?range=7d', { authorization: `JWT ${token}` })
    expect(bySession.status).toBe(200)
    expect((await bySession.json()).ips[0]).toEqual({ ip: '8.8.8.8', country: 'US', requests: 5 })
    const claims = (key: ApiKey, organizationId: number | null) =>
      signKeyClaims(
        {
          keyId: key.id,
          userId: organizationId ? null : fx.pro.id,
          organizationId,
          scopes: key.scopes as string[],
          issuedAt: Date.now(),
        },
        payloadSecret(),
      )
    const byOrgKey = await get('ips?range=7d', {
      [KEY_AUTH_HEADER]: claims(fx.orgKey, fx.organization),
    })
    expect(byOrgKey.status).toBe(200)
    expect((await byOrgKey.json()).ips).toEqual([{ ip: '5.9.0.1', country: 'DE', requests: 8 }])
    const withoutScope = await get('ips', {
      [KEY_AUTH_HEADER]: claims(fx.orgKeyWithoutScope, fx.organization),
    })
    expect(withoutScope.status).toBe(403)
    const forged = await get('ips', { [KEY_AUTH_HEADER]: `${claims(fx.orgKey, fx.organization)}x` })
    expect(forged.status).toBe(401)
  })

  it('is documented in the OpenAPI document, every series', async () => {
    const doc = openApiDocument(await config, 'http://localhost:3000') as {
      paths: Record<
        string,
        Record<
          string,
          { parameters: { name: string; schema: { enum?: string[] } }[]; security: unknown[] }
        >
      >
    }
    const operation = doc.paths['/api/analytics/{series}'].get
    const series = operation.parameters.find((parameter) => parameter.name === 'series')
    expect(series?.schema.enum).toEqual(ANALYTICS_SERIES_NAMES)
    expect(operation.security).toContainEqual({ apiKey: ['usage:read'] })
  })
})

describe('npm run seed:usage', () => {
  it('refuses a database that looks like production, or one it was not given', async () => {
    const production = await runScript('scripts/seed-usage.ts', { NODE_ENV: 'production' })
    expect(production.code).toBe(1)
    expect(production.stderr).toMatch(/looks like production .* Pass --yes/)
    const remote = await runScript('scripts/seed-usage.ts', {
      DATABASE_URL: 'postgres://postgres@db.example.com:5432/tunetrail',
    })
    expect(remote.code).toBe(1)
    expect(remote.stderr).toContain('Refusing to seed db.example.com')
    const none = await runScript('scripts/seed-usage.ts', { DATABASE_URL: '' })
    expect(none.code).toBe(1)
    expect(none.stderr).toContain('set DATABASE_URL')
  })
})
