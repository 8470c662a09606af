import type { Pool } from 'pg'

import { countryOf } from '../geo'
import { logger } from '../logger'

/** One row of usage_events: a verification (`verify`) or a gateway-reported outcome (`report`). */
export type UsageEvent = {
  occurredAt: Date
  kind: 'verify' | 'report'
  keyId: number | null
  account?: string | null
  scope?: string | null
  resource?: string | null
  cost?: number | null
  code?: string | null
  ip?: string | null
  endpoint?: string | null
  method?: string | null
  status?: number | null
  latencyMs?: number | null
  region?: string | null
}

type Queryable = Pick<Pool, 'query'>

const MAX_ENDPOINT = 300

/** A path segment that names one record rather than a route: a number, a UUID, a long hex id. */
const ID_SEGMENT =
  /^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,})$/i

/**
 * An endpoint as analytics group it: `METHOD /path` (a gateway reports method and path apart),
 * without its query string, and with record ids replaced by `{id}` — `GET /v1/tracks/123` and
 * `GET /v1/tracks/456` are one endpoint, `GET /v1/tracks/{id}`.
 */
export function routeOf(
  endpoint: string | null | undefined,
  method?: string | null,
): string | null {
  if (!endpoint) return null
  const [path] = endpoint.trim().split(/[?#]/)
  const withMethod =
    method && !path.toUpperCase().startsWith(`${method.toUpperCase()} `)
      ? `${method} ${path}`
      : path
  return withMethod
    .split('/')
    .map((segment) => (ID_SEGMENT.test(segment) ? '{id}' : segment))
    .join('/')
    .slice(0, MAX_ENDPOINT)
}

/**
 * Writes events in one statement (column arrays unnested), whatever their number, with the
 * country of each client address (an in-memory look-up, src/lib/geo.ts) and each endpoint as
 * its route (routeOf).
 */
export async function insertUsageEvents(db: Queryable, events: UsageEvent[]): Promise<void> {
  if (events.length === 0) return
  const column = <T>(pick: (event: UsageEvent) => T) => events.map(pick)
  await db.query(
    `INSERT INTO usage_events
       (occurred_at, kind, key_id, account, scope, resource, cost, code, ip, endpoint, method,
        status, latency_ms, region, country)
     SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::int[], $4::text[], $5::text[],
       $6::text[], $7::int[], $8::text[], $9::text[], $10::text[], $11::text[], $12::int[],
       $13::int[], $14::text[], $15::text[])`,
    [
      column((e) => e.occurredAt.toISOString()),
      column((e) => e.kind),
      column((e) => e.keyId),
      column((e) => e.account ?? null),
      column((e) => e.scope ?? null),
      column((e) => e.resource ?? null),
      column((e) => e.cost ?? null),
      column((e) => e.code ?? null),
      column((e) => e.ip ?? null),
      column((e) => routeOf(e.endpoint, e.method)),
      column((e) => e.method ?? null),
      column((e) => e.status ?? null),
      column((e) => e.latencyMs ?? null),
      column((e) => e.region ?? null),
      column((e) => countryOf(e.ip ?? null)),
    ],
  )
}

/** Moves each key's lastUsedAt to its latest successful verification (never backwards). */
export async function touchLastUsed(db: Queryable, events: UsageEvent[]): Promise<void> {
  const lastUse = new Map<number, Date>()
  for (const event of events) {
    if (event.kind !== 'verify' || event.code !== 'VALID' || event.keyId === null) continue
    const seen = lastUse.get(event.keyId)
    if (!seen || seen < event.occurredAt) lastUse.set(event.keyId, event.occurredAt)
  }
  if (lastUse.size === 0) return
  // Sorted ids: concurrent writers lock rows in the same order and cannot deadlock.
  const ids = [...lastUse.keys()].sort((a, b) => a - b)
  await db.query(
    `UPDATE api_keys SET last_used_at = used.at
       FROM unnest($1::int[], $2::timestamptz[]) AS used(id, at)
      WHERE api_keys.id = used.id AND (api_keys.last_used_at IS NULL OR api_keys.last_used_at < used.at)`,
    [ids, ids.map((id) => (lastUse.get(id) as Date).toISOString())],
  )
}

export type UsageBuffer = {
  record: (event: UsageEvent) => void
  flush: () => Promise<void>
  close: () => Promise<void>
  pending: () => number
}

/**
 * Collects events in memory and writes them in batches: every `intervalMs`, or at once when
 * `batchSize` are waiting. A failed write keeps the events for the next try (up to
 * `maxPending`, beyond which the oldest are dropped with a warning). `close` writes the rest.
 */
export function createUsageBuffer(
  db: Queryable,
  { intervalMs = 250, batchSize = 1000, maxPending = 200_000 } = {},
): UsageBuffer {
  let pending: UsageEvent[] = []
  let flushing: Promise<void> | undefined
  let isClosed = false

  async function writeAll() {
    while (pending.length > 0) {
      const batch = pending.slice(0, batchSize)
      try {
        await insertUsageEvents(db, batch)
      } catch (err) {
        logger.warn({
          msg: 'usage events not written yet, will retry',
          count: pending.length,
          err: String(err),
        })
        return
      }
      // Written: never again, whatever happens to the lastUsedAt update below.
      pending = pending.slice(batch.length)
      await touchLastUsed(db, batch).catch((err: unknown) =>
        logger.warn({ msg: 'lastUsedAt not updated', err: String(err) }),
      )
    }
  }

  const flush = () => {
    flushing ??= writeAll().finally(() => {
      flushing = undefined
    })
    return flushing
  }

  const timer = setInterval(() => void flush(), intervalMs)
  timer.unref()

  return {
    record(event) {
      if (isClosed) return
      pending.push(event)
      if (pending.length > maxPending) {
        const dropped = pending.length - maxPending
        pending = pending.slice(dropped)
        logger.warn({ msg: 'usage buffer full, oldest events dropped', dropped })
      }
      if (pending.length >= batchSize && !flushing) void flush()
    },
    flush: async () => {
      await flushing
      await flush()
    },
    async close() {
      isClosed = true
      clearInterval(timer)
      await flushing
      await flush()
    },
    pending: () => pending.length,
  }
}
