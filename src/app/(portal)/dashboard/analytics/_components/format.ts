import type { AnalyticsGranularity } from '@/lib/analytics/range'
import { count } from '@/lib/usage/labels'

const BUCKET_FORMAT: Record<AnalyticsGranularity, Intl.DateTimeFormat> = {
  minute: new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone: 'UTC', hour12: false }),
  hour: new Intl.DateTimeFormat('en', {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    hour12: false,
    timeZone: 'UTC',
  }),
  day: new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' }),
}

/** A bucket's start as the charts and tables label it (UTC). */
export const bucketLabel = (iso: string, granularity: AnalyticsGranularity) =>
  BUCKET_FORMAT[granularity].format(new Date(iso))

export const UNIT_LABELS: Record<AnalyticsGranularity, string> = {
  minute: 'per minute',
  hour: 'per hour',
  day: 'per day',
}

export const ms = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${value.toLocaleString('en')} ms`

export const share = (part: number, whole: number) =>
  whole > 0 ? `${((part / whole) * 100).toLocaleString('en', { maximumFractionDigits: 1 })}%` : '—'

export { count }

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' })

/** "United States (US)", or "Unknown" for addresses of no known country. */
export function countryName(code: string | null) {
  if (!code) return 'Unknown or private'
  try {
    return `${REGION_NAMES.of(code) ?? code} (${code})`
  } catch {
    return code
  }
}
