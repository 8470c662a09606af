import { WINDOW_MS } from '../plans'
import { evaluateWindows, windowKey, type LimitDecision, type WindowCheck } from './limiter'

/**
 * The fallback while Redis is unreachable: the same windows counted in this process only.
 * With several verifier instances each admits up to the limit, so the limit is per instance
 * until Redis returns (the documented policy in the README).
 */
export function createLocalLimiter() {
  const counters = new Map<string, { count: number; expiresAt: number }>()

  function sweep(now: number) {
    if (counters.size < 10_000) return
    for (const [key, counter] of counters) if (counter.expiresAt <= now) counters.delete(key)
  }

  function read(account: string, checks: WindowCheck[], now: number) {
    const keys = checks.map((check) =>
      windowKey(check.counter ?? account, check.resource, check.window, now),
    )
    const live = keys.map((key) => {
      const counter = counters.get(key)
      return counter && counter.expiresAt > now ? counter : undefined
    })
    const counts = live.map((counter) => counter?.count ?? 0)
    // No counter yet: 0, and decide() falls back to the window's end.
    const ttls = live.map((counter) => (counter ? counter.expiresAt - now : 0))
    return { keys, counts, decision: evaluateWindows(checks, counts, ttls, now) }
  }

  return {
    check(account: string, checks: WindowCheck[], now = Date.now()): LimitDecision {
      sweep(now)
      const { keys, counts, decision } = read(account, checks, now)
      if (!decision.isAllowed) return decision
      checks.forEach((check, i) => {
        const windowMs = WINDOW_MS[check.window]
        const expiresAt = (Math.floor(now / windowMs) + 1) * windowMs
        counters.set(keys[i], { count: counts[i] + check.cost, expiresAt })
      })
      return decision
    },
    /** The decision `check` would make, counting nothing. */
    peek: (account: string, checks: WindowCheck[], now = Date.now()): LimitDecision =>
      read(account, checks, now).decision,
    clear: () => counters.clear(),
  }
}
