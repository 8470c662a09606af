import type { Queryable } from '../db'
import type { Granularity } from '../usage/rollup'
import {
  alignRange,
  cutsFrom,
  granularityFor,
  segmentsFor,
  tile,
  TOTAL_LEVELS,
  type AnalyticsGranularity,
  type AnalyticsRange,
  type AnalyticsScope,
  type Cuts,
  type Segment,
} from './range'

/** Positional parameters collected while a statement is written: `p.add(v)` → `$3`. */
export type Params = { values: unknown[]; add: (value: unknown) => string }

export function params(): Params {
  const values: unknown[] = []
  return {
    values,
    add(value) {
      values.push(value)
      return `$${values.length}`
    },
  }
}

/** The roll-up watermarks as cuts (one small read per series). */
export async function readCuts(db: Queryable): Promise<Cuts> {
  const { rows } = await db.query<{ granularity: Granularity; recorded_until: Date }>(
    'SELECT granularity, recorded_until FROM usage_rollup_watermarks',
  )
  return cutsFrom(Object.fromEntries(rows.map((row) => [row.granularity, row.recorded_until])))
}

/** A range resolved: its granularity, aligned bounds and where each part is read. */
export type RangePlan = {
  granularity: AnalyticsGranularity
  range: AnalyticsRange
  segments: Segment[]
}

/**
 * How to read a range: aligned to whole buckets of its granularity; for a chart (`over time`)
 * in buckets of that granularity, for a total (a top list, …) in the coarsest complete ones.
 */
export async function planRange(
  db: Queryable,
  range: AnalyticsRange,
  now = new Date(),
  shape: 'chart' | 'total' = 'chart',
): Promise<RangePlan> {
  const granularity = granularityFor(range, now)
  const aligned = alignRange(range, granularity)
  const cuts = await readCuts(db)
  return {
    granularity,
    range: aligned,
    segments:
      shape === 'chart'
        ? segmentsFor(aligned, granularity, cuts)
        : tile(aligned.from.getTime(), aligned.to.getTime(), TOTAL_LEVELS, cuts),
  }
}

export type Source = {
  /** The roll-up table as `r` (with anything joined to it, as `r, unnest(…) AS b`). */
  from: string
  /** Its columns, as the raw projection names them (each roll-up SELECT lists these). */
  select: (granularity: AnalyticsGranularity) => string
  /** Extra condition on roll-up rows (`r.endpoint = '*'`), if any. */
  where?: string
  /** Whether the table has account-wide rows (key_id 0) to read when no key is chosen. */
  hasAccountRows: boolean
  /** The same columns from the raw events `e`, for `[from, to)`: a SELECT … FROM usage_events e WHERE … */
  raw: (granularity: AnalyticsGranularity, where: string) => string
}

/**
 * `SELECT … UNION ALL …` over the plan's segments: roll-up rows of each segment's granularity
 * and the raw events of the last one, each limited to the scope's accounts (and keys).
 */
export function unionSql(
  source: Source,
  plan: RangePlan,
  scope: AnalyticsScope,
  p: Params,
): string {
  const accounts = p.add(scope.accounts)
  const keys = scope.keyIds ? p.add(scope.keyIds) : null
  const parts = plan.segments.map((segment) => {
    const from = p.add(segment.from.toISOString())
    const to = p.add(segment.to.toISOString())
    if (segment.source === 'raw') {
      const where = [
        `e.account = ANY(${accounts}::text[])`,
        keys ? `e.key_id = ANY(${keys}::int[])` : 'e.key_id IS NOT NULL',
        `e.occurred_at >= ${from}::timestamptz`,
        `e.occurred_at < ${to}::timestamptz`,
      ].join(' AND ')
      return source.raw(plan.granularity, where)
    }
    const where = [
      `r.granularity = '${segment.source}'`,
      `r.account = ANY(${accounts}::text[])`,
      keys ? `r.key_id = ANY(${keys}::int[])` : source.hasAccountRows ? 'r.key_id = 0' : null,
      `r.bucket >= ${from}::timestamptz`,
      `r.bucket < ${to}::timestamptz`,
      source.where ?? null,
    ]
      .filter(Boolean)
      .join(' AND ')
    return `SELECT ${source.select(plan.granularity)} FROM ${source.from} WHERE ${where}`
  })
  // A plan always has a segment (a range is never empty); this keeps the SQL valid regardless.
  return parts.length > 0
    ? parts.join('\nUNION ALL\n')
    : `SELECT ${source.select(plan.granularity)} FROM ${source.from} WHERE false`
}

export const bucketOf = (granularity: AnalyticsGranularity, column: string) =>
  `date_trunc('${granularity}', ${column}, 'UTC')`

export const toNumber = (value: unknown) => Number(value ?? 0)
