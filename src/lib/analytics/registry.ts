import type { Queryable } from '../db'
import {
  countriesCsv,
  endpointLatencyCsv,
  endpointsCsv,
  errorsCsv,
  ipsCsv,
  keysCsv,
  latencyCsv,
  logCsv,
  requestsCsv,
} from './csv'
import { requestLog, type LogFilters } from './log'
import type { AnalyticsRange, AnalyticsScope } from './range'
import {
  countrySeries,
  errorGroups,
  latencyByEndpoint,
  latencySeries,
  requestSeries,
  topEndpoints,
  topIps,
  topKeys,
} from './series'

/** What a series is asked for, beyond its scope. */
export type SeriesInput = {
  range: AnalyticsRange
  /** Top lists: how many rows (1–100). */
  limit?: number
  /** The request log's filters (its range is `range` when one was given). */
  log?: LogFilters
  now?: Date
}

type SeriesSpec<T> = {
  summary: string
  description: string
  /** A top list (takes `limit`). */
  isList: boolean
  load: (db: Queryable, scope: AnalyticsScope, input: SeriesInput) => Promise<T>
  toCsv: (data: T) => string
}

const spec = <T>(definition: SeriesSpec<T>) => definition

/**
 * Every analytics series, by the name GET /api/analytics/<name> serves it under: the one list
 * the route, its OpenAPI description and the dashboard follow.
 */
export const ANALYTICS_SERIES = {
  requests: spec({
    summary: 'Requests over time by outcome and status class',
    description:
      'One point per bucket: verifications allowed, rate limited and refused (and by code), and gateway-reported responses by status class (1xx–5xx).',
    isList: false,
    load: (db, scope, { range, now }) => requestSeries(db, scope, range, { now }),
    toCsv: requestsCsv,
  }),
  latency: spec({
    summary: 'Latency percentiles over time',
    description:
      'p50/p95/p99 (ms) of gateway-reported requests per bucket and over the whole range, from merged histograms (never averages of averages).',
    isList: false,
    load: (db, scope, { range, now }) => latencySeries(db, scope, range, { now }),
    toCsv: latencyCsv,
  }),
  'latency-by-endpoint': spec({
    summary: 'Latency percentiles per endpoint',
    description: 'p50/p95/p99 (ms) per endpoint over the range, busiest endpoints first.',
    isList: true,
    load: (db, scope, { range, limit, now }) => latencyByEndpoint(db, scope, range, { limit, now }),
    toCsv: endpointLatencyCsv,
  }),
  errors: spec({
    summary: 'Errors grouped by endpoint and status or code',
    description:
      '4xx and 5xx responses by endpoint and status, and refused verifications by endpoint and code, largest first, each with its endpoint’s total. Drill into a group with the log (endpoint and status, or endpoint and code).',
    isList: true,
    load: (db, scope, { range, limit, now }) => errorGroups(db, scope, range, { limit, now }),
    toCsv: errorsCsv,
  }),
  endpoints: spec({
    summary: 'Top endpoints',
    description: 'Requests, refusals and error responses per endpoint, busiest first.',
    isList: true,
    load: (db, scope, { range, limit, now }) => topEndpoints(db, scope, range, { limit, now }),
    toCsv: endpointsCsv,
  }),
  keys: spec({
    summary: 'Top keys',
    description: 'Requests, outcomes and errors per key of the account, busiest first.',
    isList: true,
    load: (db, scope, { range, limit, now }) => topKeys(db, scope, range, { limit, now }),
    toCsv: keysCsv,
  }),
  ips: spec({
    summary: 'Top client addresses',
    description: 'Verifications per client IP address, busiest first, with each address’s country.',
    isList: true,
    load: (db, scope, { range, limit, now }) => topIps(db, scope, range, { limit, now }),
    toCsv: ipsCsv,
  }),
  countries: spec({
    summary: 'Requests by country',
    description:
      'Verifications by the country of their client address (offline IP-to-country database; `null` for unknown or private addresses).',
    isList: false,
    load: (db, scope, { range, now }) => countrySeries(db, scope, range, { now }),
    toCsv: countriesCsv,
  }),
  log: spec({
    summary: 'Request log',
    description:
      'Raw usage events still retained, newest first, filtered by key, endpoint, status, code, IP and time (the last 30 days by default), 50 a page (`limit` up to 100); pass `nextCursor` as `cursor` for the next page.',
    isList: true,
    load: (db, scope, { log, now }) => requestLog(db, scope, log, now),
    toCsv: logCsv,
  }),
}

export type AnalyticsSeriesName = keyof typeof ANALYTICS_SERIES

export const ANALYTICS_SERIES_NAMES = Object.keys(ANALYTICS_SERIES) as AnalyticsSeriesName[]

export const isAnalyticsSeries = (name: string): name is AnalyticsSeriesName =>
  Object.hasOwn(ANALYTICS_SERIES, name)

/** The data a series answers, by its name. */
export type AnalyticsSeriesData<Name extends AnalyticsSeriesName> = Awaited<
  ReturnType<(typeof ANALYTICS_SERIES)[Name]['load']>
>
