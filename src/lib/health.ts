import type { Payload } from 'payload'

import { HEARTBEAT_STALE_MS } from '@/lib/heartbeat'

import { db as queryableOf, type Queryable } from './db'
import { runningKeyService } from './keys/service'
import { mailTransport } from './mail'
import { redis, redisKind, type RedisStore } from './redis'

export type Check = { ok: boolean; ms: number; detail?: string; error?: string }
export type HealthReport = {
  status: 'ok' | 'fail'
  failing: string[]
  /** Degraded but serving: e.g. key verification on per-instance limits while Redis is down. */
  warnings: string[]
  checks: Record<'postgres' | 'redis' | 'worker' | 'mail', Check>
}

const TIMEOUT_MS = 2000

async function timed(run: () => Promise<string | undefined>): Promise<Check> {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  try {
    const detail = await Promise.race([
      run(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)
      }),
    ])
    return { ok: true, ms: Math.round(performance.now() - started), detail }
  } catch (error) {
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
    }
  } finally {
    clearTimeout(timer)
  }
}

export type HealthProbes = Record<keyof HealthReport['checks'], () => Promise<string | undefined>>

/**
 * The portal's dependencies, one probe each: resolves (with a detail) when the part answers,
 * throws otherwise. /api/health runs them all; the status page's internal checks run one.
 */
export function healthProbes(db: Queryable, store: RedisStore = redis()): HealthProbes {
  return {
    postgres: async () => {
      await db.query('SELECT 1')
      return undefined
    },
    redis: async () => {
      const pong = await store.ping()
      if (pong !== 'PONG') throw new Error(`unexpected reply ${pong}`)
      return redisKind()
    },
    worker: async () => {
      const { rows } = await db.query<{ workers: number }>(
        `SELECT count(*)::int AS workers FROM worker_heartbeats
          WHERE beat_at > now() - make_interval(secs => $1)`,
        [HEARTBEAT_STALE_MS / 1000],
      )
      const workers = Number(rows[0]?.workers ?? 0)
      if (workers === 0) throw new Error('no worker heartbeat in the last 45 s')
      return `${workers} worker(s)`
    },
    mail: async () => {
      const transport = mailTransport()
      await transport.verify()
      return transport.kind
    },
  }
}

/** Checks every dependency of the portal; `status` is 'fail' when any one fails. */
export async function checkHealth(
  payload: Payload,
  deps: { redis: RedisStore } = { redis: redis() },
): Promise<HealthReport> {
  const probes = healthProbes(await queryableOf({ payload }), deps.redis)
  const [postgres, redisCheck, worker, mail] = await Promise.all([
    timed(probes.postgres),
    timed(probes.redis),
    timed(probes.worker),
    timed(probes.mail),
  ])
  const checks = { postgres, redis: redisCheck, worker, mail }
  const failing = Object.entries(checks)
    .filter(([, check]) => !check.ok)
    .map(([name]) => name)
  const warnings: string[] = []
  const verifier = runningKeyService()?.verifier.redisState()
  if (verifier?.state === 'degraded') {
    warnings.push(
      `key verification: Redis unreachable since ${verifier.since?.toISOString()}, rate limits are per instance`,
    )
  }
  return { status: failing.length ? 'fail' : 'ok', failing, warnings, checks }
}

/** How long a health report is reused: probes (and an SMTP handshake) at most this often. */
export const HEALTH_CACHE_MS = 5000

type Cached = { at: number; report: Promise<HealthReport> }
const globalForHealth = globalThis as unknown as { ttHealth?: Cached }

/** The last report if it is recent, else a new one; concurrent callers share one run. */
export function cachedHealth(payload: Payload, now = Date.now()): Promise<HealthReport> {
  const cached = globalForHealth.ttHealth
  if (cached && now - cached.at < HEALTH_CACHE_MS) return cached.report
  const report = checkHealth(payload)
  globalForHealth.ttHealth = { at: now, report }
  return report
}

/** What anyone may see: the verdict and which parts fail, never error texts or timings. */
export const publicHealth = (report: HealthReport) => ({
  status: report.status,
  failing: report.failing,
})
