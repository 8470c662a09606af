import { redis } from './redis'

/** Fixed-window counter: counts the hit and tells whether it is within `limit` for the window. */
const FIXED_WINDOW = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
return { count, ttl }
`

export type LimitResult = { isAllowed: boolean; remaining: number; resetMs: number }

/**
 * Limits an action (sign-up, password reset…) per subject. `key` must not contain a secret:
 * use an IP address or a hash.
 */
export async function hitLimit(key: string, limit: number, windowMs: number): Promise<LimitResult> {
  const [count, ttl] = (await redis().eval(FIXED_WINDOW, 1, `tt:al:${key}`, windowMs)) as [
    number,
    number,
  ]
  return { isAllowed: count <= limit, remaining: Math.max(0, limit - count), resetMs: ttl }
}
