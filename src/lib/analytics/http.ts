import { errorJson } from '../api/errors'
import type { Queryable } from '../db'
import { logger } from '../logger'
import { analyticsDb, isStatementTimeout } from './db'
import { parseAnalyticsQuery } from './query'
import {
  ANALYTICS_SERIES,
  ANALYTICS_SERIES_NAMES,
  isAnalyticsSeries,
  type AnalyticsSeriesName,
} from './registry'
import { resolveAnalyticsScope, type AnalyticsCaller } from './scope'

/** A caller as the route knows it: a key also brings its scopes. */
export type AnalyticsHttpCaller =
  { kind: 'person'; userId: number } | { kind: 'key'; keyId: number; scopes: string[] }

const NO_STORE = { 'Cache-Control': 'private, no-store' }

/** `tunetrail-requests-o3-2026-11-01-2026-11-30.csv`. */
const csvName = (series: string, account: string, from: string, to: string) =>
  `tunetrail-${series}-${account}-${from.slice(0, 10)}-${to.slice(0, 10)}.csv`

/**
 * The answer of GET /api/analytics/<series> for an authenticated caller: 403 for a key without
 * usage:read, 404 for an unknown series, 400 naming the parameter at fault, 404 for an account
 * or key not the caller's, 403 for a plan without analytics, else the series as JSON
 * (`{ series, account, key, environment, …data }`) or CSV (`format=csv`, as an attachment).
 */
export async function analyticsResponse(
  url: URL,
  caller: AnalyticsHttpCaller,
  db: Queryable = analyticsDb(),
  now = new Date(),
): Promise<Response> {
  if (caller.kind === 'key' && !caller.scopes.includes('usage:read')) {
    return errorJson(403, 'This API key does not hold the usage:read scope that analytics need.', {
      code: 'INSUFFICIENT_SCOPE',
    })
  }
  const name = decodeURIComponent(url.pathname.split('/').pop() ?? '')
  if (!isAnalyticsSeries(name)) {
    return errorJson(
      404,
      `No such analytics series: use one of ${ANALYTICS_SERIES_NAMES.join(', ')}.`,
    )
  }
  const series: AnalyticsSeriesName = name
  const query = parseAnalyticsQuery(url.searchParams, series, now)
  if (!query.ok) return errorJson(400, query.message, { field: query.field })

  const who: AnalyticsCaller = caller.kind === 'key' ? { kind: 'key', keyId: caller.keyId } : caller
  const resolved = await resolveAnalyticsScope(db, who, query.scope)
  if (!resolved.ok) {
    return errorJson(resolved.status, resolved.message, {
      ...(resolved.field ? { field: resolved.field } : {}),
      ...(resolved.status === 403 ? { code: 'UPGRADE_REQUIRED' } : {}),
    })
  }
  const spec = ANALYTICS_SERIES[series] as {
    load: (...args: unknown[]) => Promise<{ from: string; to: string; nextCursor?: string | null }>
    toCsv: (data: unknown) => string
  }
  let data: Awaited<ReturnType<typeof spec.load>>
  try {
    data = await spec.load(db, resolved.scope, query.input)
  } catch (error) {
    if (!isStatementTimeout(error)) throw error
    logger.warn({ msg: 'analytics query timed out', series, account: resolved.account.account })
    return errorJson(503, 'This took too long to compute: try a shorter range or fewer filters.', {
      headers: { 'Retry-After': '10' },
    })
  }
  if (query.format === 'csv') {
    return new Response(spec.toCsv(data), {
      headers: {
        ...NO_STORE,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${csvName(series, resolved.account.account, data.from, data.to)}"`,
        ...(data.nextCursor ? { 'X-Next-Cursor': data.nextCursor } : {}),
      },
    })
  }
  const { account } = resolved
  return Response.json(
    {
      series,
      account: { kind: account.kind, id: account.id, name: account.name, plan: account.plan },
      key: resolved.key?.id ?? null,
      environment: query.scope.environment ?? null,
      ...data,
    },
    { headers: NO_STORE },
  )
}
