import type { Resource } from '@/lib/plans'
import type { UsageGranularity } from '@/schemas/apiKeys'

export const RANGES: Record<UsageGranularity, { label: string; range: string; unit: string }> = {
  minute: { label: 'Minute', range: 'last 60 minutes', unit: 'per minute' },
  hour: { label: 'Hour', range: 'last 48 hours', unit: 'per hour' },
  day: { label: 'Day', range: 'last 30 days', unit: 'per day' },
}

export const RESOURCE_LABELS: Record<Resource, string> = {
  api_calls: 'API calls',
  audio_processing: 'Audio processing',
  model_training: 'Model training',
}

export const OUTCOME_LABELS: Record<string, string> = {
  VALID: 'Allowed',
  RATE_LIMITED: 'Rate limited',
  USAGE_EXCEEDED: 'Quota exceeded',
  NOT_FOUND: 'Unknown key',
  REVOKED: 'Revoked',
  EXPIRED: 'Expired',
  INSUFFICIENT_SCOPE: 'Missing scope',
  IP_NOT_ALLOWED: 'IP not allowed',
}

export const count = (value: number) => value.toLocaleString('en')
export const percent = (value: number) =>
  `${(value * 100).toLocaleString('en', { maximumFractionDigits: 1 })}%`
export const milliseconds = (value: number | null) => (value === null ? '—' : `${count(value)} ms`)
