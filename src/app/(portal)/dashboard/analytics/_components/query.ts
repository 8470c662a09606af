import { decodeCursor } from '@/lib/analytics/log'
import { MAX_RANGE_DAYS, RANGE_PRESETS, type RangePreset } from '@/lib/analytics/range'
import { KEY_ENVIRONMENTS, type KeyEnvironment } from '@/lib/keys/format'

/** The analytics page's address, read leniently: what is not understood falls back to a default. */
export type PageQuery = {
  range: RangePreset | 'custom'
  /** `YYYY-MM-DDTHH:mm` in UTC (the custom range's inputs). */
  from?: string
  to?: string
  key?: number
  environment?: KeyEnvironment
  log: {
    endpoint?: string
    status?: string
    code?: string
    ip?: string
    cursor?: string
  }
  /** Values that were not understood, by field, to tell the reader. */
  ignored: string[]
}

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/

type Raw = Record<string, string | string[] | undefined>

const one = (raw: Raw, name: string) => {
  const value = raw[name]
  const text = Array.isArray(value) ? value[0] : value
  return text && text.length <= 300 ? text.trim() : undefined
}

export function parsePageQuery(raw: Raw): PageQuery {
  const ignored: string[] = []
  const rangeText = one(raw, 'range')
  let range: PageQuery['range'] = '24h'
  if (rangeText === 'custom' || (RANGE_PRESETS as readonly string[]).includes(rangeText ?? '')) {
    range = rangeText as PageQuery['range']
  } else if (rangeText) ignored.push('range')

  const from = one(raw, 'from')
  const to = one(raw, 'to')
  if (range === 'custom' && !isCustomRange(from, to)) {
    ignored.push('from/to (a real start before the end, at most 90 days apart, 2000–2100)')
    range = '24h'
  } else if (range !== 'custom' && (from || to)) {
    ignored.push('from/to (choose “Custom range” to use them)')
  }
  const keyText = one(raw, 'key')
  const key = keyText && /^\d{1,10}$/.test(keyText) ? Number(keyText) : undefined
  if (keyText && key === undefined) ignored.push('key')
  const environmentText = one(raw, 'environment')
  const environment = (KEY_ENVIRONMENTS as readonly string[]).includes(environmentText ?? '')
    ? (environmentText as KeyEnvironment)
    : undefined
  if (environmentText && !environment) ignored.push('environment')

  const status = one(raw, 'status')
  const code = one(raw, 'code')
  const isStatus = Boolean(status && /^([1-5]\d\d|[1-5]xx)$/.test(status))
  const isCode = Boolean(code && /^[A-Z_]{2,40}$/.test(code))
  const cursor = one(raw, 'cursor')
  const isCursor = Boolean(cursor && decodeCursor(cursor))
  if (status && !isStatus) ignored.push('status')
  if (code && !isCode) ignored.push('code')
  if (cursor && !isCursor) ignored.push('page of the log')
  return {
    range,
    ...(range === 'custom' ? { from, to } : {}),
    key,
    environment,
    log: {
      endpoint: one(raw, 'endpoint') || undefined,
      status: isStatus ? status : undefined,
      code: isCode ? code : undefined,
      ip: one(raw, 'ip') || undefined,
      cursor: isCursor ? cursor : undefined,
    },
    ignored,
  }
}

/** A UTC `YYYY-MM-DDTHH:mm` read as a date, or null when it is no real time of 2000–2100. */
export function utcMinute(value: string | undefined): Date | null {
  if (!value || !LOCAL.test(value)) return null
  const date = new Date(`${value}:00Z`)
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 16) !== value) return null
  const year = date.getUTCFullYear()
  return year >= 2000 && year <= 2100 ? date : null
}

/** Both ends real, the start first, at most MAX_RANGE_DAYS apart (what the API accepts too). */
function isCustomRange(from: string | undefined, to: string | undefined): boolean {
  const start = utcMinute(from)
  const end = utcMinute(to)
  return Boolean(
    start && end && start < end && end.getTime() - start.getTime() <= MAX_RANGE_DAYS * 86_400_000,
  )
}

/** The query string of a page address (or of the API's, with `account`), without empties. */
export function queryString(values: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') search.set(name, String(value))
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}

/** The query's chart filters (range, key, environment) as address values. */
export const chartParams = (query: PageQuery) => ({
  range: query.range,
  from: query.from,
  to: query.to,
  key: query.key,
  environment: query.environment,
})
