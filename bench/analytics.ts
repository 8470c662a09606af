/**
 * npm run bench:analytics [-- --events 10000000] — every analytics query (src/lib/analytics) on
 * seeded usage, for the ranges 1h/24h/7d/30d/90d: p50/p95 ms over many runs, next to the same
 * answer computed from the raw events in the same run, and how accurate the latency sketches
 * are over 30 days against an exact percentile_cont. Seeds the usage first unless it is there
 * (printing how long seeding and rolling up took). Uses DATABASE_URL / REDIS_URL when set,
 * otherwise embedded Postgres. Prints numbers; asserts nothing.
 */
import { parseArgs } from 'node:util'

import pg from 'pg'

import {
  analyticsDb,
  ANALYTICS_SERIES,
  ANALYTICS_SERIES_NAMES,
  alignRange,
  granularityFor,
  latencyByEndpoint,
  latencySeries,
  presetRange,
  RANGE_PRESETS,
  requestLog,
  requestSeries,
  type AnalyticsRange,
  type AnalyticsScope,
  type AnalyticsSeriesName,
  type RangePreset,
} from '../src/lib/analytics'
import { shutdown } from '../src/runtime/boot'
import { insertUsageEvents, type UsageEvent } from '../src/lib/usage/events'
import {
  ENDPOINT_SQL,
  OUTCOME_CLASS_SQL,
  OUTCOME_SQL,
  rollUpAll,
  SETTLE_SECONDS,
} from '../src/lib/usage/rollup'
import { seedUsage } from '../src/seed/seedUsage'
import { percentile } from './load'
import { startBench } from './setup'

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '10000000' },
    runs: { type: 'string', default: '40' },
  },
})
const EVENTS = Number(values.events)
const RUNS = Number(values.runs)
const BASELINE_RUNS = 3
const GOAL_MS = 100

/** The bench's database is created when DATABASE_URL names one that does not exist yet. */
async function ensureDatabase(url: string | undefined) {
  if (!url) return
  const probe = new pg.Client({ connectionString: url })
  try {
    await probe.connect()
    await probe.end()
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error
    const admin = new URL(url)
    const name = decodeURIComponent(admin.pathname.slice(1))
    admin.pathname = '/postgres'
    const client = new pg.Client({ connectionString: admin.toString() })
    await client.connect()
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`)
    await client.end()
    console.log(`Created database ${name}.`)
  }
}

await ensureDatabase(process.env.DATABASE_URL)
const payload = await startBench()
const seeded = await seedUsage(payload, { events: EVENTS, log: console.log })
const db = analyticsDb()
const organization: AnalyticsScope = { accounts: [seeded.accounts.organization] }
const busiestKey = seeded.accounts.keys.find(
  (key) => key.account === seeded.accounts.organization,
) as { id: number }
const oneKey: AnalyticsScope = { ...organization, keyIds: [busiestKey.id] }

async function time<T>(run: () => Promise<T>, times: number): Promise<number[]> {
  const ms: number[] = []
  for (let i = 0; i < times; i++) {
    const started = performance.now()
    await run()
    ms.push(performance.now() - started)
  }
  return ms.sort((a, b) => a - b)
}

/** The same question asked of the raw events, as one would without roll-ups. */
function baselineSql(series: AnalyticsSeriesName, range: AnalyticsRange, scope: AnalyticsScope) {
  const g = granularityFor(range)
  const aligned = alignRange(range, g)
  const where = `e.account = ANY($1::text[]) AND e.key_id IS NOT NULL
    ${scope.keyIds ? 'AND e.key_id = ANY($4::int[])' : ''}
    AND e.occurred_at >= $2 AND e.occurred_at < $3`
  const latency = `percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms),
    percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms),
    percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms)`
  const bucket = `date_trunc('${g}', e.occurred_at, 'UTC')`
  const text: Record<AnalyticsSeriesName, string | null> = {
    requests: `SELECT ${bucket}, e.kind, ${OUTCOME_CLASS_SQL}, count(*) FROM usage_events e WHERE ${where} GROUP BY 1, 2, 3`,
    latency: `SELECT ${bucket}, ${latency} FROM usage_events e WHERE ${where} AND e.kind = 'report' GROUP BY 1`,
    'latency-by-endpoint': `SELECT ${ENDPOINT_SQL}, count(*), ${latency} FROM usage_events e WHERE ${where} AND e.kind = 'report' GROUP BY 1 ORDER BY 2 DESC LIMIT 10`,
    errors: `SELECT e.kind, ${ENDPOINT_SQL}, ${OUTCOME_SQL}, count(*) FROM usage_events e WHERE ${where} GROUP BY 1, 2, 3`,
    endpoints: `SELECT e.kind, ${ENDPOINT_SQL}, ${OUTCOME_SQL}, count(*) FROM usage_events e WHERE ${where} GROUP BY 1, 2, 3`,
    keys: `SELECT e.key_id, e.kind, ${OUTCOME_CLASS_SQL}, count(*) FROM usage_events e WHERE ${where} GROUP BY 1, 2, 3`,
    ips: `SELECT e.ip, count(*) FROM usage_events e WHERE ${where} AND e.kind = 'verify' AND e.ip IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 10`,
    countries: `SELECT e.country, count(*) FROM usage_events e WHERE ${where} AND e.kind = 'verify' AND e.ip IS NOT NULL GROUP BY 1`,
    log: null,
  }
  const values: unknown[] = [
    scope.accounts,
    aligned.from.toISOString(),
    aligned.to.toISOString(),
    ...(scope.keyIds ? [scope.keyIds] : []),
  ]
  return text[series] ? { text: text[series] as string, values } : null
}

const pad = (value: string | number, width: number) => String(value).padEnd(width)
const fixed = (value: number) => value.toFixed(1)
let slowest = 0

console.log(
  `\nAnalytics queries on ${seeded.events.toLocaleString('en')} usage events, organization account, ${RUNS} runs each (raw-event baseline: ${BASELINE_RUNS} runs)`,
)
console.log(
  `${pad('series', 22)}${pad('range', 7)}${pad('p50 ms', 9)}${pad('p95 ms', 9)}${pad('raw p50 ms', 12)}${pad('× faster', 10)}`,
)
for (const scopeName of ['account', 'one key'] as const) {
  const scope = scopeName === 'account' ? organization : oneKey
  if (scopeName === 'one key') console.log(`\n— the same, for one key (${busiestKey.id}) —`)
  for (const preset of RANGE_PRESETS) {
    const range = presetRange(preset)
    for (const name of ANALYTICS_SERIES_NAMES) {
      const spec = ANALYTICS_SERIES[name] as {
        load: (...args: unknown[]) => Promise<unknown>
      }
      const input =
        name === 'log'
          ? { range, log: preset === '30d' ? {} : { from: range.from, to: range.to } }
          : { range }
      await time(() => spec.load(db, scope, input), 3)
      const ms = await time(() => spec.load(db, scope, input), RUNS)
      const p95 = percentile(ms, 95)
      slowest = Math.max(slowest, p95)
      const baseline = baselineSql(name, range, scope)
      let rawText = 'n/a'
      let ratio = ''
      if (baseline) {
        const raw = await time(() => db.query(baseline.text, baseline.values), BASELINE_RUNS)
        rawText = fixed(percentile(raw, 50))
        const times = percentile(raw, 50) / percentile(ms, 50)
        ratio = `${times.toFixed(times < 10 ? 1 : 0)}×`
      }
      console.log(
        `${pad(name, 22)}${pad(preset, 7)}${pad(fixed(percentile(ms, 50)), 9)}${pad(fixed(p95) + (p95 > GOAL_MS ? ' !' : ''), 9)}${pad(rawText, 12)}${pad(ratio, 10)}`,
      )
    }
  }
}

// The request log's filters: a rare status, an address, a refusal code, and a page further on.
const logRange = { from: new Date(Date.now() - 30 * 86_400_000), to: new Date() }
const firstPage = await requestLog(db, organization, {})
const someIp = firstPage.events.find((event) => event.ip)?.ip ?? '203.0.113.1'
const logCases: [string, Parameters<typeof requestLog>[2]][] = [
  ['status 503', { ...logRange, status: 503 }],
  ['status class 5xx', { ...logRange, status: '5xx' }],
  ['code RATE_LIMITED', { ...logRange, code: 'RATE_LIMITED' }],
  ['one IP', { ...logRange, ip: someIp }],
  ['endpoint GET /v1/models', { ...logRange, endpoint: 'GET /v1/models' }],
  ['page 2', { ...logRange, cursor: firstPage.nextCursor }],
]
console.log('\nRequest log, organization, last 30 days')
for (const [name, filters] of logCases) {
  const ms = await time(() => requestLog(db, organization, filters), RUNS)
  slowest = Math.max(slowest, percentile(ms, 95))
  console.log(
    `${pad(name, 29)}${pad(fixed(percentile(ms, 50)), 9)}${pad(fixed(percentile(ms, 95)), 9)}`,
  )
}

// Accuracy over 30 days: the merged sketches against percentile_cont over the raw events.
const month = presetRange('30d' as RangePreset)
const aligned = alignRange(month, granularityFor(month))
const sketch = await latencySeries(db, organization, month)
const { rows: exact } = await db.query<Record<string, number>>(
  `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
          percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
          percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms) AS p99, count(*) AS n
     FROM usage_events e
    WHERE e.account = ANY($1::text[]) AND e.key_id IS NOT NULL AND e.kind = 'report'
      AND e.latency_ms IS NOT NULL AND e.occurred_at >= $2 AND e.occurred_at < $3`,
  [organization.accounts, aligned.from.toISOString(), aligned.to.toISOString()],
)
const error = (estimate: number | null, truth: number) =>
  estimate === null ? Infinity : Math.abs(estimate - truth) / truth
let worst = 0
console.log(
  `\nLatency percentiles over 30 days (${Number(exact[0].n).toLocaleString('en')} reports)`,
)
console.log(`${pad('', 26)}${pad('sketch ms', 11)}${pad('exact ms', 11)}error`)
for (const p of ['p50', 'p95', 'p99'] as const) {
  const e = error(sketch.overall[p], Number(exact[0][p]))
  worst = Math.max(worst, e)
  console.log(
    `${pad(`all endpoints ${p}`, 26)}${pad(String(sketch.overall[p]), 11)}${pad(fixed(Number(exact[0][p])), 11)}${(e * 100).toFixed(2)}%`,
  )
}
const perEndpoint = await latencyByEndpoint(db, organization, month, { limit: 100 })
const { rows: exactByEndpoint } = await db.query<Record<string, number | string>>(
  `SELECT ${ENDPOINT_SQL} AS endpoint,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50,
          percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS p95,
          percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_ms) AS p99
     FROM usage_events e
    WHERE e.account = ANY($1::text[]) AND e.key_id IS NOT NULL AND e.kind = 'report'
      AND e.latency_ms IS NOT NULL AND e.occurred_at >= $2 AND e.occurred_at < $3
    GROUP BY 1`,
  [organization.accounts, aligned.from.toISOString(), aligned.to.toISOString()],
)
let worstEndpoint = 0
for (const row of perEndpoint.endpoints) {
  const truth = exactByEndpoint.find((candidate) => candidate.endpoint === row.endpoint)
  if (!truth) continue
  for (const p of ['p50', 'p95', 'p99'] as const) {
    worstEndpoint = Math.max(worstEndpoint, error(row[p], Number(truth[p])))
  }
}
console.log(
  `${pad(`per endpoint (${perEndpoint.endpoints.length}), worst`, 48)}${(worstEndpoint * 100).toFixed(2)}%`,
)

// The every-minute roll-up (usage__rollup) after a minute's worth of new calls.
const perMinute = Math.max(1, Math.round(seeded.events / (90 * 1440)))
const orgKeys = seeded.accounts.keys.filter((key) => key.account === seeded.accounts.organization)
await insertUsageEvents(
  db,
  Array.from({ length: perMinute }, (_, i): UsageEvent => {
    const key = orgKeys[i % orgKeys.length]
    const at = new Date(Date.now() - (i % 60) * 1000)
    return i % 2
      ? {
          occurredAt: at,
          kind: 'report',
          keyId: key.id,
          account: key.account,
          endpoint: '/v1/tracks',
          method: 'GET',
          status: 200,
          latencyMs: 20 + (i % 50),
        }
      : {
          occurredAt: at,
          kind: 'verify',
          keyId: key.id,
          account: key.account,
          code: 'VALID',
          endpoint: 'GET /v1/tracks',
          ip: '8.8.8.8',
        }
  }),
)
await new Promise((resolve) => setTimeout(resolve, (SETTLE_SECONDS + 1) * 1000))
const tail = await time(() => rollUpAll(db), 1)

// The roll-ups count exactly: the 30-day totals against a count of the raw events.
const counted = await requestSeries(db, organization, month)
const { rows: rawCount } = await db.query<{ n: string }>(
  `SELECT count(*) AS n FROM usage_events e
    WHERE e.account = ANY($1::text[]) AND e.key_id IS NOT NULL AND e.kind = 'verify'
      AND e.occurred_at >= $2 AND e.occurred_at < $3`,
  [organization.accounts, aligned.from.toISOString(), aligned.to.toISOString()],
)

console.log(`
Seeding: ${seeded.written ? `${seeded.written.toLocaleString('en')} events in ${(seeded.seedMs / 1000).toFixed(1)} s` : 'already seeded'}; roll-up ${(seeded.rollupMs / 1000).toFixed(1)} s
Every-minute roll-up after ${perMinute} new events: ${fixed(tail[0])} ms
Verifications over 30 days: ${counted.totals.verified.toLocaleString('en')} from roll-ups, ${Number(rawCount[0].n).toLocaleString('en')} raw
Slowest p95: ${fixed(slowest)} ms (goal ≤ ${GOAL_MS} ms: ${slowest <= GOAL_MS ? 'met' : 'NOT met'})
Worst percentile error over 30 days: ${(Math.max(worst, worstEndpoint) * 100).toFixed(2)}% (goal ≤ 2%: ${Math.max(worst, worstEndpoint) <= 0.02 ? 'met' : 'NOT met'})`)
await db.end()
await shutdown(0)
