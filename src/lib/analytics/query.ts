import { analyticsQuerySchema, LOG_PARAMS } from '@/schemas/analytics'

import { decodeCursor, type LogFilters } from './log'
import { MAX_RANGE_DAYS, presetRange, type AnalyticsRange } from './range'
import { ANALYTICS_SERIES, type AnalyticsSeriesName, type SeriesInput } from './registry'
import type { ScopeRequest } from './scope'

const DAY_MS = 86_400_000

/** A chart's range when none is asked for. */
export const DEFAULT_PRESET = '24h'

export type ParsedAnalyticsQuery =
  | {
      ok: true
      scope: ScopeRequest
      input: SeriesInput
      format: 'json' | 'csv'
      /** The range asked for (before alignment), for the CSV's name. */
      range: AnalyticsRange
    }
  | { ok: false; field: string; message: string }

const refuse = (field: string, message: string): ParsedAnalyticsQuery => ({
  ok: false,
  field,
  message,
})

/**
 * The query string of GET /api/analytics/<series> (or of the analytics page) checked and
 * resolved: a 400's field and message, or what to read. `range` (default 24h) or `from`+`to`
 * (at most 90 days, from before to); the log's filters on the log only, `limit` on lists only.
 */
export function parseAnalyticsQuery(
  params: URLSearchParams,
  series: AnalyticsSeriesName,
  now = new Date(),
): ParsedAnalyticsQuery {
  const raw = Object.fromEntries(params.entries())
  const parsed = analyticsQuerySchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue.path.map(String).join('.') || 'query'
    return refuse(field, issue.message)
  }
  const query = parsed.data
  const isLog = series === 'log'
  if (!isLog) {
    const logOnly = LOG_PARAMS.find((name) => raw[name] !== undefined)
    if (logOnly) return refuse(logOnly, `${logOnly} filters the log only.`)
  }
  if (query.limit !== undefined && !ANALYTICS_SERIES[series].isList) {
    return refuse('limit', `limit applies to top lists and the log, not to ${series}.`)
  }
  if (query.range && (query.from || query.to)) {
    return refuse('range', 'Give either range or from and to, not both.')
  }
  if (query.from && !query.to) return refuse('to', 'to is required with from.')
  if (query.to && !query.from) return refuse('from', 'from is required with to.')
  let range: AnalyticsRange
  let isGiven = true
  if (query.from && query.to) {
    if (query.from >= query.to) return refuse('from', 'from must be before to.')
    if (query.to.getTime() - query.from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
      return refuse('from', `A range is at most ${MAX_RANGE_DAYS} days.`)
    }
    range = { from: query.from, to: query.to }
  } else {
    isGiven = query.range !== undefined
    range = presetRange(query.range ?? DEFAULT_PRESET, now)
  }
  if (query.cursor !== undefined && !decodeCursor(query.cursor)) {
    return refuse('cursor', 'cursor is not a cursor of this log.')
  }
  const log: LogFilters = {
    endpoint: query.endpoint,
    status: query.status,
    code: query.code,
    ip: query.ip,
    isFailed: query.failed,
    cursor: query.cursor,
    limit: query.limit,
    // The log reads its last 30 days unless a range is given.
    ...(isGiven ? { from: range.from, to: range.to } : {}),
  }
  return {
    ok: true,
    scope: { account: query.account, key: query.key, environment: query.environment },
    input: { range, limit: query.limit, now, ...(isLog ? { log } : {}) },
    format: query.format,
    range,
  }
}
