import type { Payload } from 'payload'
import { sql } from '@payloadcms/db-postgres'

import { HEARTBEAT_STALE_MS } from '@/lib/heartbeat'

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

type Row = Record<string, unknown>
const rowsOf = (result: unknown): Row[] => (result as { rows: Row[] }).rows

/** Checks every dependency of the portal; `status` is 'fail' when any one fails. */
export async function checkHealth(
  payload: Payload,
  deps: { redis: RedisStore } = { redis: redis() },
): Promise<HealthReport> {
  const db = (payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<unknown> } })
    .drizzle
  const [postgres, redisCheck, worker, mail] = await Promise.all([
    timed(async () => {
      await db.execute(sql`SELECT 1`)
      return undefined
    }),
    timed(async () => {
      const pong = await deps.redis.ping()
      if (pong !== 'PONG') throw new Error(`unexpected reply ${pong}`)
      return redisKind()
    }),
    timed(async () => {
      const [row] = rowsOf(
        await db.execute(
          sql`SELECT count(*)::int AS workers, extract(epoch FROM now() - max(beat_at)) * 1000 AS age_ms
                FROM worker_heartbeats WHERE beat_at > now() - make_interval(secs => ${HEARTBEAT_STALE_MS / 1000})`,
        ),
      )
      if (!row || Number(row.workers) === 0) throw new Error('no worker heartbeat in the last 45 s')
      return `${row.workers} worker(s)`
    }),
    timed(async () => {
      const transport = mailTransport()
      await transport.verify()
      return transport.kind
    }),
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
