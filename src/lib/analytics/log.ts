import type { Queryable } from '../db'
import { ENDPOINT_SQL } from '../usage/rollup'
import { LOG_DEFAULT_DAYS, type AnalyticsScope } from './range'
import { params } from './sql'

export const LOG_DEFAULT_LIMIT = 50
export const LOG_MAX_LIMIT = 100

/** Filters of the request log; every one optional. Keys are chosen through the scope. */
export type LogFilters = {
  /** `METHOD /path` exactly, as the charts name endpoints. */
  endpoint?: string
  /** An HTTP status (`404`) or a status class (`4xx`) of gateway reports. */
  status?: number | `${1 | 2 | 3 | 4 | 5}xx`
  /** A verification code (`RATE_LIMITED`). */
  code?: string
  ip?: string
  /** Only failures: reports with status ≥ 400 and verifications other than VALID. */
  isFailed?: boolean
  /** Default: the last LOG_DEFAULT_DAYS days. */
  from?: Date
  to?: Date
  /** The `nextCursor` of the previous page. */
  cursor?: string | null
  /** At most LOG_MAX_LIMIT; LOG_DEFAULT_LIMIT when absent. */
  limit?: number
}

/** One raw usage event. */
export type LogEvent = {
  /** Unique and stable (a bigint, as a string). */
  id: string
  /** ISO time with microseconds. */
  occurredAt: string
  kind: 'verify' | 'report'
  keyId: number | null
  endpoint: string | null
  method: string | null
  /** HTTP status of a gateway report. */
  status: number | null
  /** Verification code (VALID, RATE_LIMITED …); a report's status class (`2xx`). */
  code: string | null
  latencyMs: number | null
  ip: string | null
  country: string | null
  region: string | null
}

export type RequestLog = {
  from: string
  to: string
  /** Newest first. */
  events: LogEvent[]
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null
}

const AT_FORMAT = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`
const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/

/** The condition of the failed-events partial index (usage_events_failed_idx), word for word. */
const FAILED_SQL = `((e.kind = 'report' AND e.status >= 400) OR (e.kind = 'verify' AND e.code <> 'VALID'))`

const MAX_BIGINT = 9_223_372_036_854_775_807n

export const encodeCursor = (at: string, id: string) =>
  Buffer.from(`${at}|${id}`, 'utf8').toString('base64url')

/** The position a cursor names, or null when it is not one of ours. */
export function decodeCursor(cursor: string): { at: string; id: string } | null {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(cursor)) return null
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
  if (rest.length > 0 || !at || !id) return null
  if (!CURSOR_AT.test(at) || !/^[1-9]\d{0,18}$/.test(id) || BigInt(id) > MAX_BIGINT) return null
  // A real instant (no 30 February), of a year Postgres and the log know.
  const time = new Date(at)
  if (Number.isNaN(time.getTime()) || time.toISOString().slice(0, 19) !== at.slice(0, 19))
    return null
  if (time.getUTCFullYear() < 2000 || time.getUTCFullYear() > 2100) return null
  return { at, id }
}

/**
 * The raw usage events of the scope, newest first, filtered, a page at a time (keyset
 * pagination on occurred_at and id, so a page never repeats or skips an event however many
 * arrive meanwhile). Reads an index: the account's events by time, its failed events, or one
 * address's events. Throws a RangeError for a cursor that is not one of ours.
 */
export async function requestLog(
  db: Queryable,
  scope: AnalyticsScope,
  filters: LogFilters = {},
  now = new Date(),
): Promise<RequestLog> {
  const to = filters.to ?? now
  const from = filters.from ?? new Date(to.getTime() - LOG_DEFAULT_DAYS * 86_400_000)
  const limit = Math.min(
    LOG_MAX_LIMIT,
    Math.max(1, Math.floor(filters.limit ?? LOG_DEFAULT_LIMIT) || 1),
  )
  const empty = { from: from.toISOString(), to: to.toISOString(), events: [], nextCursor: null }
  if (scope.accounts.length === 0 || scope.keyIds?.length === 0) return empty
  const p = params()
  const where = [
    scope.keyIds?.length === 1
      ? `e.key_id = ${p.add(scope.keyIds[0])}::int`
      : scope.keyIds
        ? `e.key_id = ANY(${p.add(scope.keyIds)}::int[])`
        : null,
    `e.occurred_at >= ${p.add(from.toISOString())}::timestamptz`,
    `e.occurred_at < ${p.add(to.toISOString())}::timestamptz`,
  ]
  if (filters.cursor) {
    const cursor = decodeCursor(filters.cursor)
    if (!cursor) throw new RangeError('cursor is not a cursor of this log')
    const at = p.add(cursor.at)
    where.push(
      `e.occurred_at <= ${at}::timestamptz`,
      `(e.occurred_at, e.id) < (${at}::timestamptz, ${p.add(cursor.id)}::bigint)`,
    )
  }
  if (filters.endpoint !== undefined) {
    // Columns, not ENDPOINT_SQL, so the planner knows how rare an endpoint is. Reports written
    // before endpoints carried their method hold it apart.
    const [method, ...path] = filters.endpoint.split(' ')
    where.push(
      `(e.endpoint = ${p.add(filters.endpoint)} OR (e.kind = 'report' AND e.method = ${p.add(method)} AND e.endpoint = ${p.add(path.join(' '))}))`,
    )
  }
  // Error and refusal filters repeat their partial index's condition word for word.
  if (typeof filters.status === 'number') {
    where.push(`e.kind = 'report'`, `e.status = ${p.add(filters.status)}::int`)
    if (filters.status >= 400) where.push('e.status >= 400')
  } else if (filters.status) {
    const low = Number(filters.status[0]) * 100
    where.push(`e.kind = 'report'`, `e.status >= ${low}`, `e.status < ${low + 100}`)
    if (low >= 400) where.push('e.status >= 400')
  }
  if (filters.code !== undefined) {
    where.push(`e.kind = 'verify'`, `e.code = ${p.add(filters.code)}`)
    if (filters.code !== 'VALID') where.push(`e.code <> 'VALID'`)
  }
  if (filters.ip !== undefined) where.push(`e.ip = ${p.add(filters.ip)}`)
  if (filters.isFailed) where.push(FAILED_SQL)
  const conditions = where.filter(Boolean).join(' AND ')

  // One ordered index scan per account (an `account = ANY(…)` scan could not stop early).
  const perAccount = scope.accounts.map(
    (account) => `(SELECT e.id, e.occurred_at, e.kind, e.key_id, ${ENDPOINT_SQL} AS endpoint,
                          e.method, e.status, e.code, e.latency_ms, e.ip, e.country, e.region
                     FROM usage_events e
                    WHERE e.account = ${p.add(account)} AND ${conditions}
                    ORDER BY e.occurred_at DESC, e.id DESC
                    LIMIT ${limit + 1})`,
  )
  const { rows } = await db.query<Record<string, string | number | null>>(
    `SELECT e.id::text AS id, to_char(e.occurred_at AT TIME ZONE 'UTC', ${AT_FORMAT}) AS at,
            e.kind, e.key_id, e.endpoint, e.method, e.status, e.code, e.latency_ms, e.ip,
            e.country, e.region
       FROM (${perAccount.join(' UNION ALL ')}) AS e
      ORDER BY e.occurred_at DESC, e.id DESC
      LIMIT ${limit + 1}`,
    p.values,
  )
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    events: page.map((row) => ({
      id: String(row.id),
      occurredAt: String(row.at),
      kind: row.kind as LogEvent['kind'],
      keyId: row.key_id === null ? null : Number(row.key_id),
      endpoint: (row.endpoint as string | null) || null,
      method: (row.method as string | null) ?? null,
      status: row.status === null ? null : Number(row.status),
      code: (row.code as string | null) ?? null,
      latencyMs: row.latency_ms === null ? null : Number(row.latency_ms),
      ip: (row.ip as string | null) ?? null,
      country: (row.country as string | null) ?? null,
      region: (row.region as string | null) ?? null,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(String(last.at), String(last.id)) : null,
  }
}
