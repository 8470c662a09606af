import type { RedisStore } from '../redis'
import { WINDOW_MS, type Limits, type Resource, type Window } from '../plans'

/**
 * Checks every window that applies and counts the cost only when all of them pass, in one
 * Redis round trip: under any concurrency a limit of N admits exactly N.
 * KEYS: one counter per window. ARGV: cost, then limit and window length (ms) per key.
 * Returns: allowed (1/0), index of the tightest or refusing window, its count and its TTL (ms).
 */
const CHECK_AND_COUNT = `
local cost = tonumber(ARGV[1])
local counts = {}
local tightest, tightestLeft = 1, nil
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[i * 2])
  local count = tonumber(redis.call('GET', key) or '0')
  counts[i] = count
  if count + cost > limit then
    return { 0, i, count, redis.call('PTTL', key) }
  end
  local left = limit - count - cost
  if tightestLeft == nil or left < tightestLeft then tightest, tightestLeft = i, left end
end
for i, key in ipairs(KEYS) do
  local after = redis.call('INCRBY', key, cost)
  if after == cost then redis.call('PEXPIRE', key, tonumber(ARGV[i * 2 + 1])) end
  counts[i] = after
end
return { 1, tightest, counts[tightest], redis.call('PTTL', KEYS[tightest]) }
`

export type LimitDecision = {
  isAllowed: boolean
  /** The window that refused, or the one with the least room left. */
  window?: Window
  limit?: number
  remaining?: number
  /** Seconds until that window resets. */
  resetSeconds?: number
}

/** Fixed windows aligned to their length, so every instance counts into the same key. */
const windowKey = (account: string, resource: Resource, window: Window, now: number) =>
  `tt:rl:${account}:${resource}:${window}:${Math.floor(now / WINDOW_MS[window])}`

export async function checkLimits(
  redis: RedisStore,
  account: string,
  resource: Resource,
  limits: Limits,
  cost = 1,
  now = Date.now(),
): Promise<LimitDecision> {
  const windows = (Object.keys(limits) as Window[]).filter((w) => limits[w] !== undefined)
  if (windows.length === 0) return { isAllowed: true }
  const keys = windows.map((window) => windowKey(account, resource, window, now))
  const args = [cost, ...windows.flatMap((window) => [limits[window] as number, WINDOW_MS[window]])]
  const [allowed, index, count, ttl] = (await redis.eval(
    CHECK_AND_COUNT,
    keys.length,
    ...keys,
    ...args,
  )) as number[]
  const window = windows[index - 1]
  const limit = limits[window] as number
  const windowEnd = (Math.floor(now / WINDOW_MS[window]) + 1) * WINDOW_MS[window]
  return {
    isAllowed: allowed === 1,
    window,
    limit,
    // count is after the increment when allowed, the unchanged count when refused.
    remaining: Math.max(0, limit - count),
    resetSeconds: Math.ceil((ttl > 0 ? ttl : windowEnd - now) / 1000),
  }
}
