import type { Pool } from 'pg'

import { limitsFor } from '@/fields/limitsField'

import { logger } from '../logger'
import { effectiveLimits, WINDOW_MS, type Resource, type Window } from '../plans'
import type { RedisStore } from '../redis'
import type { UsageBuffer } from '../usage/events'
import { localKeyCache, metadataKey, readLocal, STALE, writeLocal } from './cache'
import { hashKey, isWellFormedKey } from './format'
import { rangeMatcher } from '../net/ip'
import {
  checkWindows,
  peekWindows,
  windowsOf,
  type LimitDecision,
  type WindowCheck,
} from './limiter'
import { createLocalLimiter } from './localLimiter'
import { loadKeyRecord, type KeyRecord } from './store'

export const VERIFY_CODES = [
  'VALID',
  'NOT_FOUND',
  'REVOKED',
  'EXPIRED',
  'INSUFFICIENT_SCOPE',
  'IP_NOT_ALLOWED',
  'RATE_LIMITED',
  'USAGE_EXCEEDED',
] as const
export type VerifyCode = (typeof VERIFY_CODES)[number]

export const RESOURCES = ['api_calls', 'audio_processing', 'model_training'] as const

export type VerifyInput = {
  key: string
  scope?: string
  resource?: Resource
  cost?: number
  ip?: string
  endpoint?: string
}

export type RateLimitInfo = {
  limit: number
  remaining: number
  /** Seconds until the window resets. */
  reset: number
  /** The window the numbers describe (the refusing one, or the one with least room left). */
  window: string
  resource: Resource
}

export type VerifyResult = {
  valid: boolean
  code: VerifyCode
  keyId?: number
  owner?: number | null
  organization?: number | null
  plan?: string
  environment?: string
  scopes?: string[]
  ratelimit?: RateLimitInfo
}

export type VerifyOptions = {
  /** Count against rate limits and usage (default true). Off for a service caller's own key. */
  isMetered?: boolean
  /**
   * Answer the code this call would get without counting it anywhere: limits are read, not
   * bumped, and nothing is recorded (the docs playground's dry run).
   */
  isDryRun?: boolean
}

export type Verifier = {
  verify: (input: VerifyInput, options?: VerifyOptions) => Promise<VerifyResult>
  /** Cached key metadata (no limits, no usage). */
  lookup: (hash: string) => Promise<KeyRecord | null>
  /** 'degraded' while Redis is unreachable and the in-process limiter stands in. */
  redisState: () => { state: 'ok' | 'degraded'; since?: Date }
}

export type VerifierDeps = {
  pool: Pick<Pool, 'query'>
  redis: RedisStore
  usage?: Pick<UsageBuffer, 'record'>
  now?: () => number
  /** How long a key stays in the in-process cache while Redis is healthy (pub/sub invalidates). */
  localTtlMs?: number
  /** Redis metadata TTL. */
  redisTtlSeconds?: number
  /** A Redis call slower than this counts as Redis being down. */
  redisTimeoutMs?: number
  /** Called the first time (per process) an account hits one of its limits in a window. */
  onLimitReached?: (
    account: string,
    hit: { resource: Resource; window: Window; limit: number },
    at: number,
  ) => void
}

/** While Redis is down invalidations cannot arrive: cached keys are re-read after a second. */
const DEGRADED_LOCAL_TTL_MS = 1000
const NEGATIVE_TTL_MS = 30_000
const SCRIPT_TIMEOUT_MS = 1000

class RedisUnavailable extends Error {}

/**
 * The one key verifier: checksum → in-process cache → Redis → Postgres on a miss →
 * status/expiry/IP/scope → one Redis script for every rate window → a code.
 * With Redis unreachable it answers from Postgres and an in-process limiter (see README).
 */
export function createVerifier(deps: VerifierDeps): Verifier {
  const now = deps.now ?? Date.now
  const localTtlMs = deps.localTtlMs ?? 60_000
  const redisTtlSeconds = deps.redisTtlSeconds ?? 60
  const redisTimeoutMs = deps.redisTimeoutMs ?? 80
  const cache = localKeyCache().local
  const fallback = createLocalLimiter()
  let degradedSince: Date | undefined
  const limitsReached = new Set<string>()

  function markDown(err: unknown) {
    if (degradedSince) return
    degradedSince = new Date()
    // Invalidations cannot arrive now: re-read keys from Postgres (cached one second at most).
    cache.clear()
    logger.warn({
      msg: 'Redis unreachable: verifying from Postgres with per-instance rate limits',
      err: err instanceof Error ? err.message : String(err),
    })
  }

  function markUp() {
    if (!degradedSince) return
    logger.info({
      msg: 'Redis reachable again: shared rate limits restored',
      downSince: degradedSince,
    })
    degradedSince = undefined
    // Invalidations sent while it was down never arrived.
    cache.clear()
    fallback.clear()
  }

  async function withRedis<T>(
    run: (client: RedisStore) => Promise<T>,
    timeoutMs = redisTimeoutMs,
  ): Promise<T> {
    const status = (deps.redis as { status?: string }).status
    if (status !== undefined && status !== 'ready') {
      const error = new RedisUnavailable(`redis connection is ${status}`)
      markDown(error)
      throw error
    }
    let timer: NodeJS.Timeout | undefined
    try {
      const result = await Promise.race([
        run(deps.redis),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new RedisUnavailable(`no answer within ${timeoutMs} ms`)),
            timeoutMs,
          )
        }),
      ])
      markUp()
      return result
    } catch (error) {
      markDown(error)
      throw error instanceof RedisUnavailable ? error : new RedisUnavailable(String(error))
    } finally {
      clearTimeout(timer)
    }
  }

  async function lookup(hash: string): Promise<KeyRecord | null> {
    const at = now()
    const local = readLocal<KeyRecord | null>(hash, at)
    if (local.value !== undefined) return local.value
    let isBlocked = local.isBlocked
    const remember = (record: KeyRecord | null) => {
      if (isBlocked) return record
      const ttl = degradedSince ? DEGRADED_LOCAL_TTL_MS : record ? localTtlMs : NEGATIVE_TTL_MS
      writeLocal(hash, record, ttl, at)
      return record
    }
    if (!degradedSince) {
      const shared = await withRedis((client) => client.get(metadataKey(hash))).catch(
        () => undefined,
      )
      if (shared === STALE) isBlocked = true
      else if (typeof shared === 'string') return remember(JSON.parse(shared) as KeyRecord | null)
    }
    const record = await loadKeyRecord(deps.pool, hash)
    if (!degradedSince && !isBlocked) {
      const ttl = record ? redisTtlSeconds : NEGATIVE_TTL_MS / 1000
      // NX: never over a tombstone written meanwhile.
      void withRedis((client) =>
        client.set(metadataKey(hash), JSON.stringify(record), 'EX', ttl, 'NX'),
      ).catch(() => undefined)
    }
    return remember(record)
  }

  function windowsFor(record: KeyRecord, resource: Resource, cost: number): WindowCheck[] {
    // The account's windows (plan, tightened by enterprise limits) count every key of the
    // account; a key's own stricter limits count that key alone.
    const windows = (of: Resource, charge: number) => [
      ...windowsOf(
        of,
        effectiveLimits(record.plan, of, limitsFor(record.accountLimits, of)),
        charge,
      ),
      ...windowsOf(of, limitsFor(record.keyLimits, of), charge).map((check) => ({
        ...check,
        counter: `k${record.id}`,
      })),
    ]
    // Every call is an API call; other resources also draw on their own quota.
    const calls = windows('api_calls', resource === 'api_calls' ? cost : 1)
    return resource === 'api_calls' ? calls : [...calls, ...windows(resource, cost)]
  }

  async function limit(
    account: string,
    checks: WindowCheck[],
    at: number,
    isDryRun: boolean,
  ): Promise<LimitDecision> {
    if (isDryRun) {
      if (!degradedSince) {
        try {
          return await withRedis((client) => peekWindows(client, account, checks, at))
        } catch {
          // Fall through to the in-process counters.
        }
      }
      return fallback.peek(account, checks, at)
    }
    if (!degradedSince) {
      try {
        // Once sent, the script may have counted: wait for its answer rather than count the
        // call again in process (only a Redis that stopped answering falls back after 1 s).
        return await withRedis(
          (client) => checkWindows(client, account, checks, undefined, at),
          SCRIPT_TIMEOUT_MS,
        )
      } catch {
        // Fall through to the in-process limiter.
      }
    }
    return fallback.check(account, checks, at)
  }

  let lastProbe = 0
  /** While degraded, a ping now and then notices Redis coming back by itself. */
  function probe(at: number) {
    if (!degradedSince || at - lastProbe < 250) return
    lastProbe = at
    void withRedis((client) => client.ping()).catch(() => undefined)
  }

  async function verify(input: VerifyInput, options: VerifyOptions = {}): Promise<VerifyResult> {
    const isMetered = options.isMetered ?? true
    const isDryRun = options.isDryRun ?? false
    const at = now()
    probe(at)
    const resource = input.resource ?? 'api_calls'
    const cost = input.cost ?? 1
    const record = isWellFormedKey(input.key) ? await lookup(hashKey(input.key)) : null

    const finish = (result: VerifyResult): VerifyResult => {
      if (isMetered && !isDryRun) {
        deps.usage?.record({
          occurredAt: new Date(at),
          kind: 'verify',
          keyId: record?.id ?? null,
          account: record?.account ?? null,
          scope: input.scope ?? null,
          resource,
          cost,
          code: result.code,
          ip: input.ip ?? null,
          endpoint: input.endpoint ?? null,
        })
      }
      return result
    }

    if (!record) return finish({ valid: false, code: 'NOT_FOUND' })
    const details = {
      keyId: record.id,
      owner: record.ownerId,
      organization: record.organizationId,
      plan: record.plan,
      environment: record.environment,
      scopes: record.scopes,
    }
    if (record.status === 'revoked')
      return finish({ valid: false, code: 'REVOKED', keyId: record.id })
    if (record.expiresAt !== null && record.expiresAt <= at) {
      return finish({ valid: false, code: 'EXPIRED', keyId: record.id })
    }
    const isAllowedIp = record.ipAllowlist.length > 0 ? rangeMatcher(record.ipAllowlist) : null
    if (isAllowedIp && !(input.ip && isAllowedIp(input.ip))) {
      return finish({ valid: false, code: 'IP_NOT_ALLOWED', ...details })
    }
    if (input.scope && !record.scopes.includes(input.scope)) {
      return finish({ valid: false, code: 'INSUFFICIENT_SCOPE', ...details })
    }
    if (!isMetered) return { valid: true, code: 'VALID', ...details }

    const decision = await limit(record.account, windowsFor(record, resource, cost), at, isDryRun)
    const ratelimit: RateLimitInfo | undefined =
      decision.window && decision.resource
        ? {
            limit: decision.limit as number,
            remaining: decision.remaining as number,
            reset: decision.resetSeconds as number,
            window: decision.window,
            resource: decision.resource,
          }
        : undefined
    if (!decision.isAllowed) {
      if (!isDryRun && !decision.isKeyLimit && decision.resource && decision.window) {
        const bucket = Math.floor(at / WINDOW_MS[decision.window])
        const seenKey = `${record.account}:${decision.resource}:${decision.window}:${bucket}`
        if (!limitsReached.has(seenKey)) {
          if (limitsReached.size > 10_000) limitsReached.clear()
          limitsReached.add(seenKey)
          deps.onLimitReached?.(
            record.account,
            {
              resource: decision.resource,
              window: decision.window,
              limit: decision.limit as number,
            },
            at,
          )
        }
      }
      const code = decision.resource === 'api_calls' ? 'RATE_LIMITED' : 'USAGE_EXCEEDED'
      return finish({ valid: false, code, ...details, ratelimit })
    }
    return finish({ valid: true, code: 'VALID', ...details, ratelimit })
  }

  return {
    verify,
    lookup,
    redisState: () =>
      degradedSince ? { state: 'degraded', since: degradedSince } : { state: 'ok' },
  }
}
