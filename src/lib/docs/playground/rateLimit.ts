/**
 * The rate-limit headers of an answer (src/lib/keys/keyAuth.ts writes them) in plain words:
 * the IETF draft's RateLimit-Policy and RateLimit (structured fields: q quota, w window in
 * seconds, r remaining, t seconds to reset), the customary X-RateLimit-*, and Retry-After.
 */
export type HeaderExplanation = { name: string; value: string; meaning: string }

type Item = { name: string; params: Record<string, string> }

/** `"api_calls-minute";q=60;w=60, "other";q=1` → items with their parameters. */
export function parseStructuredList(value: string): Item[] {
  return [...value.matchAll(/"([^"]*)"((?:\s*;\s*[a-z]+=[^;,]*)*)/g)].map(([, name, rest]) => ({
    name,
    params: Object.fromEntries(
      [...rest.matchAll(/;\s*([a-z]+)=([^;,]*)/g)].map(([, key, raw]) => [key, raw.trim()]),
    ),
  }))
}

const plural = (count: number | string, noun: string) =>
  `${count} ${noun}${Number(count) === 1 ? '' : 's'}`

const WINDOW_NAMES: Record<string, string> = {
  '1': 'second',
  '60': 'minute',
  '3600': 'hour',
  '86400': 'day',
}

const per = (seconds: string) =>
  WINDOW_NAMES[seconds] ? `per ${WINDOW_NAMES[seconds]}` : `per ${plural(seconds, 'second')}`

/** `HH:MM:SS UTC` of a Unix time in seconds. */
const utcTime = (seconds: number) => `${new Date(seconds * 1000).toISOString().slice(11, 19)} UTC`

export const RATE_LIMIT_HEADERS = [
  'RateLimit-Policy',
  'RateLimit',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  'Retry-After',
] as const

/** Every rate-limit header present, with what it says; `get` reads a header (case-insensitive). */
export function explainRateLimit(
  get: (name: string) => string | null | undefined,
  nowMs = Date.now(),
): HeaderExplanation[] {
  const rows: HeaderExplanation[] = []
  const add = (name: string, meaning: (value: string) => string) => {
    const value = get(name)
    if (value !== null && value !== undefined && value !== '')
      rows.push({ name, value, meaning: meaning(value) })
  }
  add('RateLimit-Policy', (value) =>
    parseStructuredList(value)
      .map(
        ({ name, params }) =>
          `Policy “${name}”: at most ${plural(params.q ?? '?', 'request')} ${per(params.w ?? '?')} (q is the quota, w the window in seconds).`,
      )
      .join(' '),
  )
  add('RateLimit', (value) =>
    parseStructuredList(value)
      .map(
        ({ name, params }) =>
          `${plural(params.r ?? '?', 'request')} left under “${name}”; the window resets in ${plural(params.t ?? '?', 'second')} (r is what remains, t the seconds until the reset).`,
      )
      .join(' '),
  )
  add('X-RateLimit-Limit', (value) => `The limit: ${plural(value, 'request')} per window.`)
  add('X-RateLimit-Remaining', (value) => `${plural(value, 'request')} left in this window.`)
  add('X-RateLimit-Reset', (value) => {
    const at = Number(value)
    if (!Number.isFinite(at)) return 'When the window resets.'
    const inSeconds = Math.max(0, Math.round(at - nowMs / 1000))
    return `The window resets at ${utcTime(at)} (Unix time, in seconds: in about ${plural(inSeconds, 'second')}).`
  })
  add(
    'Retry-After',
    (value) => `Refused for now: wait ${plural(value, 'second')} before trying again.`,
  )
  return rows
}

/** One sentence for the answer: "59 of 60 requests left; the window resets in 42 seconds." */
export function rateLimitSummary(get: (name: string) => string | null | undefined): string | null {
  const limit = get('X-RateLimit-Limit')
  const remaining = get('X-RateLimit-Remaining')
  const [current] = parseStructuredList(get('RateLimit') ?? '')
  if (!limit || !remaining) return null
  const reset = current?.params.t
  return `${remaining} of ${plural(limit, 'request')} left${reset ? `; the window resets in ${plural(reset, 'second')}` : ''}.`
}
