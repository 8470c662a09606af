import { createHash } from 'node:crypto'

import type { RedisStore } from '../redis'
import { WINDOW_MS, type Limits, type Resource, type Window } from '../plans'

/**
 * Checks every window that applies and counts only when all of them pass, in one Redis round
 * trip: under any concurrency a limit of N admits exactly N. The same script bumps the
 * account's live usage counter (a hash of outcome → count for the day).
 * KEYS: one counter per window, then the usage hash.
 * ARGV: usage field when allowed, usage field when refused, usage TTL (ms), then
 *       limit, window length (ms) and cost for each window.
 * Returns: allowed (1/0), index of the refusing or tightest window, its count and its TTL (ms).
 */
const CHECK_AND_COUNT = `
local n = #KEYS - 1
local usage = KEYS[#KEYS]
local tightest, tightestLeft = 0, nil
for i = 1, n do
  local limit = tonumber(ARGV[i * 3 + 1])
  local cost = tonumber(ARGV[i * 3 + 3])
  local count = tonumber(redis.call('GET', KEYS[i]) or '0')
  if count + cost > limit then
    if redis.call('HINCRBY', usage, ARGV[2], 1) == 1 then redis.call('PEXPIRE', usage, tonumber(ARGV[3])) end
    return { 0, i, count, redis.call('PTTL', KEYS[i]) }
  end
  local left = limit - count - cost
  if tightestLeft == nil or left < tightestLeft then tightest, tightestLeft = i, left end
end
local counts = {}
for i = 1, n do
  local cost = tonumber(ARGV[i * 3 + 3])
  local after = redis.call('INCRBY', KEYS[i], cost)
  if after == cost then redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[i * 3 + 2])) end
  counts[i] = after
end
if redis.call('HINCRBY', usage, ARGV[1], 1) == 1 then redis.call('PEXPIRE', usage, tonumber(ARGV[3])) end
if tightest == 0 then return { 1, 0, 0, 0 } end
return { 1, tightest, counts[tightest], redis.call('PTTL', KEYS[tightest]) }
`

const SCRIPT_SHA = createHash('sha1').update(CHECK_AND_COUNT).digest('hex')
const noEvalSha = new WeakSet<object>()

/** EVALSHA (the script is sent once per Redis, not on every call), EVAL when Redis lacks it. */
async function runScript(redis: RedisStore, keys: string[], args: (string | number)[]) {
  if (!noEvalSha.has(redis)) {
    try {
      return await redis.evalsha(SCRIPT_SHA, keys.length, ...keys, ...args)
    } catch (error) {
      const message = String(error)
      // Only a Redis without the script, or without EVALSHA at all, gets the EVAL: any other
      // failure may come after the script ran, and running it again would count twice.
      if (/unknown command|not supported|is not a function/i.test(message)) noEvalSha.add(redis)
      else if (!message.includes('NOSCRIPT')) throw error
    }
  }
  return redis.eval(CHECK_AND_COUNT, keys.length, ...keys, ...args)
}

/** One window to check: `cost` is what this call adds to it. */
export type WindowCheck = {
  resource: Resource
  window: Window
  limit: number
  cost: number
  /** Whose counter: the account's (default) or one key's own (`k<id>`, for its stricter limits). */
  counter?: string
}

export type LimitDecision = {
  isAllowed: boolean
  /** The window that refused, or the one with the least room left. */
  resource?: Resource
  window?: Window
  limit?: number
  remaining?: number
  /** Seconds until that window resets. */
  resetSeconds?: number
  /** That window is a key's own limit, not the account's. */
  isKeyLimit?: boolean
}

const bucketOf = (window: Window, now: number) => Math.floor(now / WINDOW_MS[window])

/** Fixed windows aligned to their length, so every instance counts into the same key. */
export const windowKey = (account: string, resource: Resource, window: Window, now: number) =>
  `tt:rl:${account}:${resource}:${window}:${bucketOf(window, now)}`

/** Live per-day usage of an account, by outcome. */
export const usageKey = (account: string, now: number) =>
  `tt:use:${account}:${new Date(now).toISOString().slice(0, 10)}`

const USAGE_TTL_MS = 2 * 86_400_000

/** Turns the script's answer into a decision (shared with the in-process fallback). */
export function decide(
  checks: WindowCheck[],
  isAllowed: boolean,
  index: number,
  count: number,
  ttlMs: number,
  now: number,
): LimitDecision {
  if (index === 0) return { isAllowed }
  const check = checks[index - 1]
  const windowEnd = (bucketOf(check.window, now) + 1) * WINDOW_MS[check.window]
  return {
    isAllowed,
    resource: check.resource,
    window: check.window,
    limit: check.limit,
    // count is after the increment when allowed, the unchanged count when refused.
    remaining: Math.max(0, check.limit - count),
    isKeyLimit: check.counter !== undefined,
    resetSeconds: Math.max(1, Math.ceil((ttlMs > 0 ? ttlMs : windowEnd - now) / 1000)),
  }
}

/** Checks and counts `checks` for an account in one round trip. */
export async function checkWindows(
  redis: RedisStore,
  account: string,
  checks: WindowCheck[],
  outcome: { allowed: string; refused: string } = { allowed: 'VALID', refused: 'RATE_LIMITED' },
  now = Date.now(),
): Promise<LimitDecision> {
  const keys = [
    ...checks.map((check) =>
      windowKey(check.counter ?? account, check.resource, check.window, now),
    ),
    usageKey(account, now),
  ]
  const args = [
    outcome.allowed,
    outcome.refused,
    USAGE_TTL_MS,
    ...checks.flatMap((check) => [check.limit, WINDOW_MS[check.window], check.cost]),
  ]
  const [allowed, index, count, ttl] = (await runScript(redis, keys, args)) as number[]
  return decide(checks, allowed === 1, index, count, ttl, now)
}

/**
 * What `checkWindows` would decide, without counting anything (the docs playground's dry run):
 * the same windows read in one round trip, the same first-refusing / tightest-window rule.
 */
export async function peekWindows(
  redis: RedisStore,
  account: string,
  checks: WindowCheck[],
  now = Date.now(),
): Promise<LimitDecision> {
  const keys = checks.map((check) =>
    windowKey(check.counter ?? account, check.resource, check.window, now),
  )
  if (keys.length === 0) return { isAllowed: true }
  const pipeline = redis.multi()
  for (const key of keys) pipeline.get(key).pttl(key)
  const replies = ((await pipeline.exec()) ?? []).map(([error, value]) => {
    if (error) throw error
    return value
  })
  const counts = keys.map((_, i) => Number(replies[i * 2] ?? 0))
  const ttls = keys.map((_, i) => Number(replies[i * 2 + 1]))
  return evaluateWindows(checks, counts, ttls, now)
}

/** The script's rule over counts already read (a dry run: nothing is added). */
export function evaluateWindows(
  checks: WindowCheck[],
  counts: number[],
  ttls: number[],
  now: number,
): LimitDecision {
  let tightest = 0
  let tightestLeft = Infinity
  for (let i = 0; i < checks.length; i++) {
    if (counts[i] + checks[i].cost > checks[i].limit) {
      return decide(checks, false, i + 1, counts[i], ttls[i], now)
    }
    const left = checks[i].limit - counts[i] - checks[i].cost
    if (left < tightestLeft) [tightest, tightestLeft] = [i + 1, left]
  }
  if (tightest === 0) return { isAllowed: true }
  const i = tightest - 1
  return decide(checks, true, tightest, counts[i] + checks[i].cost, ttls[i], now)
}

/** Windows of a limits table, all charged `cost`. */
export const windowsOf = (resource: Resource, limits: Limits, cost: number): WindowCheck[] =>
  (Object.keys(limits) as Window[])
    .filter((window) => limits[window] !== undefined)
    .map((window) => ({ resource, window, limit: limits[window] as number, cost }))

/** Checks one resource's limits for an account (every window charged `cost`). */
export async function checkLimits(
  redis: RedisStore,
  account: string,
  resource: Resource,
  limits: Limits,
  cost = 1,
  now = Date.now(),
): Promise<LimitDecision> {
  const checks = windowsOf(resource, limits, cost)
  if (checks.length === 0) return { isAllowed: true }
  return checkWindows(redis, account, checks, undefined, now)
}
