import {
  MINUTE_ROLLUP_DAYS,
  truncate,
  UNIT_MS as ROLLUP_UNIT_MS,
  type Granularity,
} from '../usage/rollup'

/** What a chart reads: the accounts (`u12` / `o3`), and optionally only some of their keys. */
export type AnalyticsScope = {
  accounts: string[]
  /** Only these keys (a key filter, or an environment's keys); absent: every key. */
  keyIds?: number[]
}

/** A time range, `from` included, `to` excluded. */
export type AnalyticsRange = { from: Date; to: Date }

/** The buckets a chart is drawn in (roll-ups also have weeks, for totals). */
export type AnalyticsGranularity = Exclude<Granularity, 'week'>

/** HTTP status classes of gateway reports. */
export const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const
export type StatusClass = (typeof STATUS_CLASSES)[number]

export const RANGE_PRESETS = ['1h', '24h', '7d', '30d', '90d'] as const
export type RangePreset = (typeof RANGE_PRESETS)[number]

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

export const PRESET_MS: Record<RangePreset, number> = {
  '1h': HOUR_MS,
  '24h': 24 * HOUR_MS,
  '7d': 7 * DAY_MS,
  '30d': 30 * DAY_MS,
  '90d': 90 * DAY_MS,
}

/** The longest range a chart or the request log reads. */
export const MAX_RANGE_DAYS = 90

/** The request log's range when none is given. */
export const LOG_DEFAULT_DAYS = 30

export const UNIT_MS: Record<AnalyticsGranularity, number> = {
  minute: 60_000,
  hour: HOUR_MS,
  day: DAY_MS,
}

/** The last `preset` up to `now`. */
export const presetRange = (preset: RangePreset, now = new Date()): AnalyticsRange => ({
  from: new Date(now.getTime() - PRESET_MS[preset]),
  to: now,
})

/**
 * The buckets a range is charted in, from its length: up to 2 hours per minute, up to 3 days
 * per hour, longer per day. Minute roll-ups are kept for 2 days only, so an older short range
 * is charted per hour.
 */
export function granularityFor(range: AnalyticsRange, now = new Date()): AnalyticsGranularity {
  const length = range.to.getTime() - range.from.getTime()
  const minutesKeptSince = now.getTime() - MINUTE_ROLLUP_DAYS * DAY_MS + HOUR_MS
  if (length <= 2 * HOUR_MS && range.from.getTime() >= minutesKeptSince) return 'minute'
  if (length <= 3 * DAY_MS) return 'hour'
  return 'day'
}

/** A range widened to whole buckets (UTC): from down to a bucket start, to up to a bucket end. */
export function alignRange(
  range: AnalyticsRange,
  granularity: AnalyticsGranularity,
): AnalyticsRange {
  const unit = UNIT_MS[granularity]
  return {
    from: new Date(Math.floor(range.from.getTime() / unit) * unit),
    to: new Date(Math.ceil(range.to.getTime() / unit) * unit),
  }
}

/** Every bucket start of an aligned range. */
export function bucketStarts(range: AnalyticsRange, granularity: AnalyticsGranularity): Date[] {
  const unit = UNIT_MS[granularity]
  const starts: Date[] = []
  for (let t = range.from.getTime(); t < range.to.getTime(); t += unit) starts.push(new Date(t))
  return starts
}

/**
 * Where each roll-up stops being complete: rows of granularity g with a bucket before cuts[g]
 * hold every event recorded up to g's watermark. Finer cuts are never earlier than coarser ones.
 */
export type Cuts = Record<Granularity, Date>

/** Where data for a part of a range comes from: a roll-up's rows, or the raw events. */
export type Segment = { source: Granularity | 'raw'; from: Date; to: Date }

/** Roll-ups a chart of each granularity reads, coarsest first. */
const CHART_LEVELS: Record<AnalyticsGranularity, Granularity[]> = {
  day: ['day', 'hour', 'minute'],
  hour: ['hour', 'minute'],
  minute: ['minute'],
}

/** Roll-ups a total over a range reads, coarsest first. */
export const TOTAL_LEVELS: Granularity[] = ['week', 'day', 'hour', 'minute']

/**
 * How to read [from, to) from roll-ups: the whole buckets of the coarsest level that fit in
 * the range and are complete (before its cut), then, for the parts before and after them, the
 * next level down the same way, and the raw events for what no level covers (the last minute
 * or two, and the edges of a range not aligned to minutes). Each instant is read exactly once.
 */
export function tile(from: number, to: number, levels: Granularity[], cuts: Cuts): Segment[] {
  if (from >= to) return []
  const [level, ...finer] = levels
  if (!level) return [{ source: 'raw', from: new Date(from), to: new Date(to) }]
  const unit = ROLLUP_UNIT_MS[level]
  const start = truncate(level, from) === from ? from : truncate(level, from) + unit
  const end = Math.min(truncate(level, to), cuts[level].getTime())
  if (start >= end) return tile(from, to, finer, cuts)
  return [
    ...tile(from, start, finer, cuts),
    { source: level, from: new Date(start), to: new Date(end) },
    ...tile(end, to, finer, cuts),
  ]
}

/**
 * How to read an aligned range for a chart of `granularity`: its complete buckets from that
 * roll-up, then finer roll-ups for the part after its watermark's bucket, then the raw events
 * for the last minute or two, so fresh calls show at once while nothing long is read raw.
 */
export function segmentsFor(
  range: AnalyticsRange,
  granularity: AnalyticsGranularity,
  cuts: Cuts,
): Segment[] {
  return tile(range.from.getTime(), range.to.getTime(), CHART_LEVELS[granularity], cuts)
}

/** Cuts from the roll-up watermarks (an absent one cuts at 1970: nothing of it is read). */
export function cutsFrom(watermarks: Partial<Record<Granularity, Date>>): Cuts {
  const trunc = (granularity: Granularity) =>
    truncate(granularity, watermarks[granularity]?.getTime() ?? 0)
  const week = Math.max(0, trunc('week'))
  const day = Math.max(week, trunc('day'))
  const hour = Math.max(day, trunc('hour'))
  const minute = Math.max(hour, trunc('minute'))
  return {
    week: new Date(week),
    day: new Date(day),
    hour: new Date(hour),
    minute: new Date(minute),
  }
}
