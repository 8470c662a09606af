import type { Pool } from 'pg'

import { latencyBinSql } from './sketch'

/**
 * Roll-up granularities, finest first (the order rollUpAll runs them in). Weeks (ISO, from
 * Monday 00:00 UTC) let totals over long ranges merge a few rows instead of one a day.
 */
export const GRANULARITIES = ['minute', 'hour', 'day', 'week'] as const
export type Granularity = (typeof GRANULARITIES)[number]

/** Minute roll-ups are kept (and computed) for this long only; the others much longer. */
export const MINUTE_ROLLUP_DAYS = 2

/** Events may still be committing this long after their recorded_at: roll up behind it. */
export const SETTLE_SECONDS = 5

export const UNIT_MS: Record<Granularity, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
}

/** 1970-01-05, a Monday: weeks are counted from there (the epoch began on a Thursday). */
const FIRST_MONDAY_MS = 4 * 86_400_000

/** The start of the bucket holding `at` (UTC), as date_trunc computes it. */
export function truncate(granularity: Granularity, at: number): number {
  const unit = UNIT_MS[granularity]
  const offset = granularity === 'week' ? FIRST_MONDAY_MS : 0
  return Math.floor((at - offset) / unit) * unit + offset
}

/** Each coarser roll-up is merged from the one below it; minutes and hours from raw events. */
const MERGED_FROM: Partial<Record<Granularity, Granularity>> = { day: 'hour', week: 'day' }

type Queryable = Pick<Pool, 'query'>

/**
 * An events relation's endpoint as `METHOD /path` ('' when none): gateway reports written
 * before insertUsageEvents joined method and path carry them apart.
 */
export const ENDPOINT_SQL = `(CASE WHEN e.endpoint IS NULL THEN ''
  WHEN e.method IS NULL OR e.endpoint LIKE e.method || ' %' THEN e.endpoint
  ELSE e.method || ' ' || e.endpoint END)`

/** What happened: the verification code, or the HTTP status (as text) of a gateway report. */
export const OUTCOME_SQL = `(CASE WHEN e.kind = 'verify' THEN COALESCE(e.code, 'UNKNOWN')
  ELSE COALESCE(e.status::text, 'UNKNOWN') END)`

/** usage_rollups' outcome: the verification code, or the status class of a gateway report. */
export const OUTCOME_CLASS_SQL = `(CASE WHEN e.kind = 'verify' THEN COALESCE(e.code, 'UNKNOWN')
  ELSE COALESCE((e.status / 100)::text || 'xx', 'UNKNOWN') END)`

const bucketSql = (granularity: string, column: string) =>
  `date_trunc('${granularity}', ${column}, 'UTC')`

/**
 * The roll-up tables and how each is computed: `fromEvents` from raw events (minutes and
 * hours), `fromFiner` by merging the rows of the granularity below (hours into days, days into
 * weeks). `where` is a condition on the raw events `e`, or on the finer rows `r`; both produce
 * the table's columns in `columns` order. In the analytics
 * roll-ups key_id 0 is every key of the account together (GROUPING SETS), and in the latency
 * roll-up endpoint '*' every endpoint together.
 */
export const ROLLUP_TABLES = {
  usage_rollups: {
    columns: 'granularity, bucket, key_id, account, kind, outcome, requests, cost, latency_ms_sum',
    conflict: 'granularity, key_id, bucket, kind, outcome',
    update: 'requests, cost, latency_ms_sum, account',
    fromEvents: (g: string, where: string) => `
      SELECT '${g}', ${bucketSql(g, 'e.occurred_at')}, e.key_id, max(COALESCE(e.account, '')),
             e.kind, ${OUTCOME_CLASS_SQL}, count(*), COALESCE(sum(e.cost), 0),
             COALESCE(sum(e.latency_ms), 0)
        FROM usage_events e
       WHERE e.key_id IS NOT NULL AND ${where}
       GROUP BY 2, 3, 5, 6`,
    fromFiner: (g: string, finer: string, where: string) => `
      SELECT '${g}', ${bucketSql(g, 'r.bucket')}, r.key_id, max(r.account), r.kind, r.outcome,
             sum(r.requests), sum(r.cost), sum(r.latency_ms_sum)
        FROM usage_rollups r
       WHERE r.granularity = '${finer}' AND ${where}
       GROUP BY 2, 3, 5, 6`,
  },
  usage_endpoint_rollups: {
    columns: 'granularity, account, key_id, bucket, kind, endpoint, outcome, requests',
    conflict: 'granularity, account, key_id, bucket, kind, endpoint, outcome',
    update: 'requests',
    fromEvents: (g: string, where: string) => `
      SELECT '${g}', account, CASE WHEN GROUPING(key_id) = 1 THEN 0 ELSE key_id END, bucket,
             kind, endpoint, outcome, count(*)
        FROM (SELECT COALESCE(e.account, '') AS account, e.key_id,
                     ${bucketSql(g, 'e.occurred_at')} AS bucket, e.kind,
                     ${ENDPOINT_SQL} AS endpoint, ${OUTCOME_SQL} AS outcome
                FROM usage_events e
               WHERE e.key_id IS NOT NULL AND ${where}) AS e
       GROUP BY GROUPING SETS ((account, key_id, bucket, kind, endpoint, outcome),
                               (account, bucket, kind, endpoint, outcome))`,
    fromFiner: (g: string, finer: string, where: string) => `
      SELECT '${g}', r.account, r.key_id, ${bucketSql(g, 'r.bucket')}, r.kind, r.endpoint,
             r.outcome, sum(r.requests)
        FROM usage_endpoint_rollups r
       WHERE r.granularity = '${finer}' AND ${where}
       GROUP BY 2, 3, 4, 5, 6, 7`,
  },
  usage_latency_rollups: {
    columns: 'granularity, account, key_id, bucket, endpoint, requests, bins, counts',
    conflict: 'granularity, account, key_id, bucket, endpoint',
    update: 'requests, bins, counts',
    fromEvents: (g: string, where: string) => `
      SELECT '${g}', account, key_id, bucket, endpoint, sum(n),
             array_agg(bin::smallint), array_agg(n::int)
        FROM (SELECT account, CASE WHEN GROUPING(key_id) = 1 THEN 0 ELSE key_id END AS key_id,
                     bucket, CASE WHEN GROUPING(endpoint) = 1 THEN '*' ELSE endpoint END AS endpoint,
                     bin, count(*) AS n
                FROM (SELECT COALESCE(e.account, '') AS account, e.key_id,
                             ${bucketSql(g, 'e.occurred_at')} AS bucket, ${ENDPOINT_SQL} AS endpoint,
                             ${latencyBinSql('e.latency_ms')} AS bin
                        FROM usage_events e
                       WHERE e.kind = 'report' AND e.latency_ms IS NOT NULL
                         AND e.key_id IS NOT NULL AND ${where}) AS e
               GROUP BY GROUPING SETS ((account, key_id, bucket, endpoint, bin),
                                       (account, key_id, bucket, bin),
                                       (account, bucket, endpoint, bin),
                                       (account, bucket, bin))) AS per_bin
       GROUP BY account, key_id, bucket, endpoint`,
    fromFiner: (g: string, finer: string, where: string) => `
      SELECT '${g}', account, key_id, bucket, endpoint, sum(n),
             array_agg(bin), array_agg(n::int)
        FROM (SELECT r.account, r.key_id, ${bucketSql(g, 'r.bucket')} AS bucket, r.endpoint,
                     b.bin, sum(b.n) AS n
                FROM usage_latency_rollups r, unnest(r.bins, r.counts) AS b(bin, n)
               WHERE r.granularity = '${finer}' AND ${where}
               GROUP BY 1, 2, 3, 4, 5) AS per_bin
       GROUP BY account, key_id, bucket, endpoint`,
  },
  usage_ip_rollups: {
    columns: 'granularity, account, key_id, bucket, ip, requests',
    conflict: 'granularity, account, bucket, key_id, ip',
    update: 'requests',
    fromEvents: (g: string, where: string) => `
      SELECT '${g}', COALESCE(e.account, ''), e.key_id, ${bucketSql(g, 'e.occurred_at')}, e.ip,
             count(*)
        FROM usage_events e
       WHERE e.kind = 'verify' AND e.ip IS NOT NULL AND e.key_id IS NOT NULL AND ${where}
       GROUP BY 2, 3, 4, 5`,
    fromFiner: (g: string, finer: string, where: string) => `
      SELECT '${g}', r.account, r.key_id, ${bucketSql(g, 'r.bucket')}, r.ip, sum(r.requests)
        FROM usage_ip_rollups r
       WHERE r.granularity = '${finer}' AND ${where}
       GROUP BY 2, 3, 4, 5`,
  },
  usage_country_rollups: {
    columns: 'granularity, account, key_id, bucket, country, requests',
    conflict: 'granularity, account, bucket, key_id, country',
    update: 'requests',
    fromEvents: (g: string, where: string) => `
      SELECT '${g}', COALESCE(e.account, ''), e.key_id, ${bucketSql(g, 'e.occurred_at')},
             COALESCE(e.country, ''), count(*)
        FROM usage_events e
       WHERE e.kind = 'verify' AND e.ip IS NOT NULL AND e.key_id IS NOT NULL AND ${where}
       GROUP BY 2, 3, 4, 5`,
    fromFiner: (g: string, finer: string, where: string) => `
      SELECT '${g}', r.account, r.key_id, ${bucketSql(g, 'r.bucket')}, r.country,
             sum(r.requests)
        FROM usage_country_rollups r
       WHERE r.granularity = '${finer}' AND ${where}
       GROUP BY 2, 3, 4, 5`,
  },
} as const

export type RollupTable = keyof typeof ROLLUP_TABLES

type Range = { from: Date; to: Date }

/**
 * How many buckets one statement recomputes at most: a backlog (the first run, or after a
 * seed) goes through in slices whose aggregation fits in memory.
 */
const SLICE_BUCKETS: Record<Granularity, number> = { minute: 360, hour: 24, day: 31, week: 8 }

/**
 * Touched buckets as time ranges, joined when up to `gap` buckets apart (recomputing a bucket
 * nothing touched changes nothing), then cut into slices of at most `slice` buckets.
 */
export function bucketRanges(buckets: Date[], unitMs: number, slice: number, gap = 6): Range[] {
  const sorted = [...buckets].sort((a, b) => a.getTime() - b.getTime())
  const joined: Range[] = []
  for (const bucket of sorted) {
    const last = joined[joined.length - 1]
    const end = new Date(bucket.getTime() + unitMs)
    if (last && bucket.getTime() - last.to.getTime() <= gap * unitMs) {
      if (end > last.to) last.to = end
    } else joined.push({ from: bucket, to: end })
  }
  return joined.flatMap((range) => {
    const slices: Range[] = []
    for (let from = range.from.getTime(); from < range.to.getTime(); from += slice * unitMs) {
      slices.push({
        from: new Date(from),
        to: new Date(Math.min(range.to.getTime(), from + slice * unitMs)),
      })
    }
    return slices
  })
}

/**
 * Recomputes every bucket of `granularity` touched by events recorded since its watermark, in
 * every roll-up table, and moves the watermark (last, so a failure halfway only means the same
 * buckets are recomputed next time). Idempotent: running twice changes nothing.
 *
 * Minute buckets are computed from the raw events (for the last MINUTE_ROLLUP_DAYS only), the
 * current one included. Hours (from the raw events), days (merged from hours) and weeks (from
 * days) are computed once complete, and again whenever a late event touches them; a merged
 * granularity goes up to the watermark of the one below, so roll the finer ones up first
 * (rollUpAll). Readers take the current hour from minute rows, the current day from hours, so
 * the every-minute run stays small. Returns the number of roll-up rows written.
 */
export async function rollUp(db: Queryable, granularity: Granularity): Promise<number> {
  const finer = MERGED_FROM[granularity]
  const { rows } = await db.query(
    `SELECT (SELECT recorded_until FROM usage_rollup_watermarks WHERE granularity = $1) AS since,
            CASE WHEN $4::text IS NOT NULL
                 THEN (SELECT recorded_until FROM usage_rollup_watermarks WHERE granularity = $4)
                 ELSE clock_timestamp() - make_interval(secs => $2) END AS until,
            now() - make_interval(days => $3) AS minute_floor`,
    [granularity, SETTLE_SECONDS, MINUTE_ROLLUP_DAYS, finer ?? null],
  )
  const since = rows[0].since as Date | null
  const until = rows[0].until as Date | null
  if (!until || (since && until <= since)) return 0
  const unit = UNIT_MS[granularity]
  const isWhole = granularity !== 'minute'
  // Whole buckets end here: later ones wait until they are complete.
  const completeBefore = new Date(truncate(granularity, until.getTime()))

  const { rows: touched } = await db.query(
    `SELECT DISTINCT ${bucketSql(granularity, 'occurred_at')} AS bucket
       FROM usage_events
      WHERE recorded_at > COALESCE($1::timestamptz, '-infinity') AND recorded_at <= $2
        AND key_id IS NOT NULL
        AND ($3::timestamptz IS NULL OR occurred_at >= $3)
        AND ($4::timestamptz IS NULL OR occurred_at < $4)`,
    [
      since?.toISOString() ?? null,
      until.toISOString(),
      granularity === 'minute' ? (rows[0].minute_floor as Date).toISOString() : null,
      isWhole ? completeBefore.toISOString() : null,
    ],
  )
  const buckets = touched.map((row) => row.bucket as Date)
  // The buckets completed since the last run, touched then while still incomplete.
  if (isWhole && since) {
    for (
      let at = truncate(granularity, since.getTime());
      at < completeBefore.getTime();
      at += unit
    ) {
      buckets.push(new Date(at))
    }
  }
  let written = 0
  const slices = bucketRanges(buckets, unit, SLICE_BUCKETS[granularity])
  for (const slice of slices) {
    for (const table of Object.keys(ROLLUP_TABLES) as RollupTable[]) {
      const spec = ROLLUP_TABLES[table]
      const values = [slice.from.toISOString(), slice.to.toISOString()]
      const select = finer
        ? spec.fromFiner(granularity, finer, 'r.bucket >= $1 AND r.bucket < $2')
        : spec.fromEvents(granularity, 'e.occurred_at >= $1 AND e.occurred_at < $2')
      const update = spec.update
        .split(', ')
        .map((column) => `${column} = excluded.${column}`)
        .join(', ')
      const result = await db.query(
        `INSERT INTO ${table} (${spec.columns}) ${select}
         ON CONFLICT (${spec.conflict}) DO UPDATE SET ${update}`,
        values,
      )
      written += result.rowCount ?? 0
    }
  }
  await db.query(
    `INSERT INTO usage_rollup_watermarks (granularity, recorded_until) VALUES ($1, $2)
     ON CONFLICT (granularity) DO UPDATE SET recorded_until = excluded.recorded_until`,
    [granularity, until.toISOString()],
  )
  return written
}

/** Rolls up minutes, hours, days and weeks, finest first. Rows written per granularity. */
export async function rollUpAll(db: Queryable): Promise<Record<Granularity, number>> {
  const written = { minute: 0, hour: 0, day: 0, week: 0 }
  for (const granularity of GRANULARITIES) written[granularity] = await rollUp(db, granularity)
  return written
}

/**
 * Deletes raw events older than `eventDays`, minute roll-ups older than MINUTE_ROLLUP_DAYS and
 * the other roll-ups older than `rollupDays`, in every roll-up table. Returns how many rows of
 * each kind went.
 */
export async function pruneUsage(
  db: Queryable,
  { eventDays, rollupDays }: { eventDays: number; rollupDays: number },
): Promise<{ events: number; rollups: number }> {
  const events = await db.query(
    `DELETE FROM usage_events WHERE occurred_at < now() - make_interval(days => $1)`,
    [eventDays],
  )
  let rollups = 0
  for (const table of Object.keys(ROLLUP_TABLES) as RollupTable[]) {
    const pruned = await db.query(
      `DELETE FROM ${table}
        WHERE (granularity = 'minute' AND bucket < now() - make_interval(days => $2))
           OR (granularity <> 'minute' AND bucket < now() - make_interval(days => $1))`,
      [rollupDays, MINUTE_ROLLUP_DAYS],
    )
    rollups += pruned.rowCount ?? 0
  }
  return { events: events.rowCount ?? 0, rollups }
}
