import type { RequestLog } from './log'
import type {
  CountrySeries,
  EndpointLatencySeries,
  EndpointSeries,
  ErrorSeries,
  IpSeries,
  KeySeries,
  LatencySeries,
  RequestSeries,
} from './series'
import { STATUS_CLASSES } from './range'

type Cell = string | number | null | undefined

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would run as a formula (= + - @, tab, carriage return) gets a leading quote mark.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** A CSV document: a header row and data rows, CRLF line ends. */
export function csvTable(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

export function requestsCsv(series: RequestSeries): string {
  return csvTable(
    [
      'bucket',
      'verified',
      'allowed',
      'rate_limited',
      'refused',
      ...series.codes.map((code) => `code_${code}`),
      'reported',
      ...STATUS_CLASSES,
    ],
    series.points.map((point) => [
      point.bucket,
      point.verified,
      point.allowed,
      point.limited,
      point.refused,
      ...series.codes.map((code) => point.byCode[code] ?? 0),
      point.reported,
      ...STATUS_CLASSES.map((statusClass) => point.byStatusClass[statusClass]),
    ]),
  )
}

export function latencyCsv(series: LatencySeries): string {
  return csvTable(
    ['bucket', 'requests', 'p50_ms', 'p95_ms', 'p99_ms'],
    series.points.map((point) => [point.bucket, point.requests, point.p50, point.p95, point.p99]),
  )
}

export function endpointLatencyCsv(series: EndpointLatencySeries): string {
  return csvTable(
    ['endpoint', 'requests', 'p50_ms', 'p95_ms', 'p99_ms'],
    series.endpoints.map((row) => [row.endpoint, row.requests, row.p50, row.p95, row.p99]),
  )
}

export function endpointsCsv(series: EndpointSeries): string {
  return csvTable(
    [
      'endpoint',
      'requests',
      'verified',
      'allowed',
      'rate_limited',
      'refused',
      'reported',
      'client_errors',
      'server_errors',
    ],
    series.endpoints.map((row) => [
      row.endpoint,
      row.requests,
      row.verified,
      row.allowed,
      row.limited,
      row.refused,
      row.reported,
      row.clientErrors,
      row.serverErrors,
    ]),
  )
}

export function errorsCsv(series: ErrorSeries): string {
  return csvTable(
    ['type', 'endpoint', 'status_or_code', 'group', 'requests', 'endpoint_requests'],
    [
      ...series.http.map((row) => [
        'http',
        row.endpoint,
        row.status,
        row.statusClass,
        row.requests,
        row.endpointRequests,
      ]),
      ...series.refusals.map((row) => [
        'verification',
        row.endpoint,
        row.code,
        row.outcome === 'limited' ? 'rate_limited' : 'refused',
        row.requests,
        row.endpointRequests,
      ]),
    ],
  )
}

export function keysCsv(series: KeySeries): string {
  return csvTable(
    [
      'key_id',
      'name',
      'display',
      'environment',
      'status',
      'requests',
      'verified',
      'allowed',
      'rate_limited',
      'refused',
      'reported',
      'errors',
    ],
    series.keys.map((row) => [
      row.keyId,
      row.name,
      row.display,
      row.environment,
      row.status,
      row.requests,
      row.verified,
      row.allowed,
      row.limited,
      row.refused,
      row.reported,
      row.errors,
    ]),
  )
}

export function ipsCsv(series: IpSeries): string {
  return csvTable(
    ['ip', 'country', 'requests'],
    series.ips.map((row) => [row.ip, row.country, row.requests]),
  )
}

export function countriesCsv(series: CountrySeries): string {
  return csvTable(
    ['country', 'requests', 'share'],
    series.countries.map((row) => [
      row.country ?? 'unknown',
      row.requests,
      Number(row.share.toFixed(6)),
    ]),
  )
}

export function logCsv(log: RequestLog): string {
  return csvTable(
    [
      'id',
      'occurred_at',
      'kind',
      'key_id',
      'endpoint',
      'method',
      'status',
      'code',
      'latency_ms',
      'ip',
      'country',
      'region',
    ],
    log.events.map((event) => [
      event.id,
      event.occurredAt,
      event.kind,
      event.keyId,
      event.endpoint,
      event.method,
      event.status,
      event.code,
      event.latencyMs,
      event.ip,
      event.country,
      event.region,
    ]),
  )
}
