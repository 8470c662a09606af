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

/** Takes one hit back, within the same window: never below zero, never a key without expiry. */
const REFUND = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then redis.call('DECR', KEYS[1]) end
return count
`

/**
 * Gives back a hit counted by `hitLimit` (an attempt that turned out not to count, such as a
 * right password): counting first and refunding after keeps concurrent attempts within `limit`.
 */
export async function refundHit(key: string): Promise<void> {
  await redis().eval(REFUND, 1, `tt:al:${key}`)
}
