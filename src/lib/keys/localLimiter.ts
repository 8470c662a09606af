import { WINDOW_MS } from '../plans'
import { decide, windowKey, type LimitDecision, type WindowCheck } from './limiter'

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

  return {
    check(account: string, checks: WindowCheck[], now = Date.now()): LimitDecision {
      sweep(now)
      const keys = checks.map((check) =>
        windowKey(check.counter ?? account, check.resource, check.window, now),
      )
      const current = keys.map((key) => {
        const counter = counters.get(key)
        return counter && counter.expiresAt > now ? counter.count : 0
      })
      let tightest = 0
      let tightestLeft = Infinity
      for (let i = 0; i < checks.length; i++) {
        if (current[i] + checks[i].cost > checks[i].limit) {
          const ttl = (counters.get(keys[i])?.expiresAt ?? now) - now
          return decide(checks, false, i + 1, current[i], ttl, now)
        }
        const left = checks[i].limit - current[i] - checks[i].cost
        if (left < tightestLeft) [tightest, tightestLeft] = [i + 1, left]
      }
      checks.forEach((check, i) => {
        const windowMs = WINDOW_MS[check.window]
        const expiresAt = (Math.floor(now / windowMs) + 1) * windowMs
        counters.set(keys[i], { count: current[i] + check.cost, expiresAt })
      })
      if (tightest === 0) return { isAllowed: true }
      const ttl = (counters.get(keys[tightest - 1])?.expiresAt ?? now) - now
      return decide(
        checks,
        true,
        tightest,
        current[tightest - 1] + checks[tightest - 1].cost,
        ttl,
        now,
      )
    },
    clear: () => counters.clear(),
  }
}
