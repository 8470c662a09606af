import { RANGE_PRESETS, type RangePreset } from '@/lib/analytics/range'
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
  if (range === 'custom' && !(from && LOCAL.test(from) && to && LOCAL.test(to) && from < to)) {
    ignored.push('from/to')
    range = '24h'
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
  return {
    range,
    ...(range === 'custom' ? { from, to } : {}),
    key,
    environment,
    log: {
      endpoint: one(raw, 'endpoint') || undefined,
      status: status && /^([1-5]\d\d|[1-5]xx)$/.test(status) ? status : undefined,
      code: code && /^[A-Z_]{2,40}$/.test(code) ? code : undefined,
      ip: one(raw, 'ip') || undefined,
      cursor: one(raw, 'cursor') || undefined,
    },
    ignored,
  }
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
