/**
 * The delivery schedule after each failed attempt (Svix's): immediately, 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 10 h; then the delivery has failed for good.
 */
export const RETRY_SCHEDULE_SECONDS = [0, 5, 300, 1800, 7200, 18000, 36000, 36000] as const
export const MAX_ATTEMPTS = RETRY_SCHEDULE_SECONDS.length

/**
 * Seconds to wait before attempt `attempt + 1` (attempt counts from 1), with ±20% jitter so
 * retries of many deliveries do not arrive together; a receiver's Retry-After wins when longer.
 * Null when no attempt is left.
 */
export function retryDelaySeconds(
  attempt: number,
  {
    retryAfterSeconds,
    random = Math.random,
  }: { retryAfterSeconds?: number; random?: () => number } = {},
): number | null {
  if (attempt >= MAX_ATTEMPTS) return null
  const base = RETRY_SCHEDULE_SECONDS[attempt]
  const jittered = Math.round(base * (0.8 + 0.4 * random()))
  return Math.max(jittered, retryAfterSeconds ?? 0)
}

/** Retry-After as seconds (delta or HTTP date), capped at a day; undefined when absent/invalid. */
export function parseRetryAfter(
  value: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (!value) return undefined
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - now) / 1000
  if (!Number.isFinite(seconds) || seconds < 0) return undefined
  return Math.min(Math.ceil(seconds), 86_400)
}
