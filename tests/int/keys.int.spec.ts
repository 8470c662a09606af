import { describe, expect, it } from 'vitest'

import { displayKey, generateKey, hashKey, isWellFormedKey } from '@/lib/keys/format'
import { checkLimits, peekWindows, windowsOf } from '@/lib/keys/limiter'
import { createLocalLimiter } from '@/lib/keys/localLimiter'
import { ALL_SCOPES, grantableScopes, isScope, SCOPES } from '@/lib/keys/scopes'
import { effectiveLimits, RATE_LIMITS } from '@/lib/plans'
import { redis } from '@/lib/redis'

import { unique } from '../helpers/payload'

describe('key format', () => {
  it('prefixes production keys tt_live_ and others tt_test_, with a checksum', () => {
    const live = generateKey('production')
    const test = generateKey('staging')
    expect(live).toMatch(/^tt_live_[0-9A-Za-z]{38}$/)
    expect(test).toMatch(/^tt_test_[0-9A-Za-z]{38}$/)
    expect(isWellFormedKey(live)).toBe(true)
    expect(isWellFormedKey(test)).toBe(true)
    expect(generateKey('production')).not.toBe(live)
  })

  it('rejects a mistyped key by its checksum alone', () => {
    const key = generateKey('development')
    const last = key.at(-1) === 'a' ? 'b' : 'a'
    expect(isWellFormedKey(`${key.slice(0, -1)}${last}`)).toBe(false)
    const swapped = `${key.slice(0, 10)}${key[11]}${key[10]}${key.slice(12)}`
    expect(swapped === key || !isWellFormedKey(swapped)).toBe(true)
    expect(isWellFormedKey('tt_live_short')).toBe(false)
    expect(isWellFormedKey(`sk_live_${key.slice(8)}`)).toBe(false)
  })

  it('stores a hash and shows only the prefix and last four', () => {
    const key = generateKey('production')
    expect(hashKey(key)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashKey(key)).not.toContain(key.slice(8, 20))
    expect(displayKey(key)).toBe(`tt_live_…${key.slice(-4)}`)
  })
})

describe('scopes and plans', () => {
  it('keeps service scopes for staff', () => {
    expect(ALL_SCOPES).toHaveLength(13)
    expect(grantableScopes(false)).not.toContain('keys:verify')
    expect(grantableScopes(true)).toContain('usage:report')
    expect(isScope('models:read')).toBe(true)
    expect(isScope('constructor')).toBe(false)
    expect(Object.values(SCOPES).every((s) => s.description.length > 10)).toBe(true)
  })

  it('follows the spec’s tiers and only ever tightens them', () => {
    expect(RATE_LIMITS.starter.api_calls).toEqual({ minute: 60, hour: 1000, day: 10000 })
    expect(effectiveLimits('pro', 'api_calls', { minute: 5 })).toEqual({
      minute: 5,
      hour: 10000,
      day: 100000,
    })
    expect(effectiveLimits('free', 'api_calls', { minute: 50 })).toEqual({
      minute: 10,
      hour: 100,
      day: 1000,
    })
    expect(effectiveLimits('enterprise', 'api_calls', { minute: 5000 })).toEqual({ minute: 5000 })
  })
})

describe('multi-window limiter', () => {
  it('admits exactly N of many concurrent calls', async () => {
    const account = unique('acct')
    const decisions = await Promise.all(
      Array.from({ length: 60 }, () =>
        checkLimits(redis(), account, 'api_calls', { minute: 25, hour: 100 }),
      ),
    )
    expect(decisions.filter((d) => d.isAllowed)).toHaveLength(25)
    const refused = decisions.find((d) => !d.isAllowed)
    expect(refused).toMatchObject({ window: 'minute', limit: 25, remaining: 0 })
    expect(refused?.resetSeconds).toBeGreaterThan(0)
    expect(refused?.resetSeconds).toBeLessThanOrEqual(60)
  })

  it('counts nothing when any window refuses, and reports the tightest window', async () => {
    const account = unique('acct')
    const limits = { minute: 10, day: 3 }
    for (let i = 0; i < 3; i++) {
      expect((await checkLimits(redis(), account, 'audio_processing', limits)).isAllowed).toBe(true)
    }
    const refused = await checkLimits(redis(), account, 'audio_processing', limits)
    expect(refused).toMatchObject({ isAllowed: false, window: 'day', remaining: 0 })
    // The refused call did not eat into the minute window: a cost-7 call still fits it.
    const other = await checkLimits(redis(), account, 'audio_processing', { minute: 10 }, 7)
    expect(other).toMatchObject({ isAllowed: true, window: 'minute', remaining: 0 })
  })

  it('charges the cost and refuses a call larger than what is left', async () => {
    const account = unique('acct')
    expect(await checkLimits(redis(), account, 'api_calls', { minute: 10 }, 8)).toMatchObject({
      isAllowed: true,
      remaining: 2,
    })
    expect(await checkLimits(redis(), account, 'api_calls', { minute: 10 }, 3)).toMatchObject({
      isAllowed: false,
      remaining: 2,
    })
    expect(await checkLimits(redis(), account, 'model_training', {})).toEqual({ isAllowed: true })
  })
})

describe('dry-run limits', () => {
  it('reads the windows as the script would decide, counting nothing (Redis and in-process)', async () => {
    const account = unique('acct')
    // One instant throughout: a minute rolling over mid-test would reset the counts.
    const at = Date.now()
    const checks = windowsOf('api_calls', { minute: 3, hour: 10 }, 1)
    for (let i = 0; i < 2; i++)
      await checkLimits(redis(), account, 'api_calls', { minute: 3, hour: 10 }, 1, at)
    for (let i = 0; i < 5; i++) {
      expect(await peekWindows(redis(), account, checks, at)).toMatchObject({
        isAllowed: true,
        window: 'minute',
        remaining: 0,
      })
    }
    await checkLimits(redis(), account, 'api_calls', { minute: 3, hour: 10 }, 1, at)
    expect(await peekWindows(redis(), account, checks, at)).toMatchObject({
      isAllowed: false,
      window: 'minute',
      remaining: 0,
    })

    const local = createLocalLimiter()
    expect(local.peek(account, checks, at)).toMatchObject({ isAllowed: true, remaining: 2 })
    expect(local.check(account, checks, at)).toMatchObject({ isAllowed: true, remaining: 2 })
    expect(local.peek(account, checks, at)).toMatchObject({ isAllowed: true, remaining: 1 })
  })
})
