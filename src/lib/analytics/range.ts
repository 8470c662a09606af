import { MINUTE_ROLLUP_DAYS, type Granularity } from '../usage/rollup'

/** What a chart reads: the accounts (`u12` / `o3`), and optionally only some of their keys. */
export type AnalyticsScope = {
  accounts: string[]
  /** Only these keys (a key filter, or an environment's keys); absent: every key. */
  keyIds?: number[]
}

/** A time range, `from` included, `to` excluded. */
export type AnalyticsRange = { from: Date; to: Date }

export type AnalyticsGranularity = Granularity

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
export type Cuts = Record<AnalyticsGranularity, Date>

/** Where data for a part of a range comes from: a roll-up's rows, or the raw events. */
export type Segment = { source: AnalyticsGranularity | 'raw'; from: Date; to: Date }

const LEVELS: Record<AnalyticsGranularity, AnalyticsGranularity[]> = {
  day: ['day', 'hour', 'minute'],
  hour: ['hour', 'minute'],
  minute: ['minute'],
}

/**
 * How to read an aligned range at a granularity: its complete buckets from that roll-up, then
 * finer roll-ups for the part after its watermark's bucket, then the raw events for the last
 * minute or two, so fresh calls show at once while nothing long is read from the raw events.
 */
export function segmentsFor(
  range: AnalyticsRange,
  granularity: AnalyticsGranularity,
  cuts: Cuts,
): Segment[] {
  const segments: Segment[] = []
  let from = range.from
  for (const level of LEVELS[granularity]) {
    const to = new Date(
      Math.min(range.to.getTime(), Math.max(from.getTime(), cuts[level].getTime())),
    )
    if (to > from) segments.push({ source: level, from, to })
    from = to
  }
  if (range.to > from) segments.push({ source: 'raw', from, to: range.to })
  return segments
}

/** Cuts from the roll-up watermarks (an absent one cuts at 1970: everything is raw). */
export function cutsFrom(watermarks: Partial<Record<AnalyticsGranularity, Date>>): Cuts {
  const trunc = (granularity: AnalyticsGranularity) => {
    const at = watermarks[granularity]?.getTime() ?? 0
    return Math.floor(at / UNIT_MS[granularity]) * UNIT_MS[granularity]
  }
  const day = trunc('day')
  const hour = Math.max(day, trunc('hour'))
  const minute = Math.max(hour, trunc('minute'))
  return { day: new Date(day), hour: new Date(hour), minute: new Date(minute) }
}
