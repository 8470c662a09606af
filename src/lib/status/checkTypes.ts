/**
 * What an automatic check of a status component can be: an HTTP(S) request, a TCP connection, or
 * one of the portal's own parts that /api/health knows (plus the verification server). Plain data
 * shared by the collection, the worker and the tests.
 */
export const CHECK_TYPES = ['http', 'tcp', 'internal'] as const
export type CheckType = (typeof CHECK_TYPES)[number]

export const CHECK_TYPE_LABELS: Record<CheckType, string> = {
  http: 'HTTP(S) request',
  tcp: 'TCP connection',
  internal: 'Part of this portal',
}

export const INTERNAL_TARGETS = ['postgres', 'redis', 'worker', 'verifier', 'mail'] as const
export type InternalTarget = (typeof INTERNAL_TARGETS)[number]

export const INTERNAL_TARGET_LABELS: Record<InternalTarget, string> = {
  postgres: 'Database (Postgres)',
  redis: 'Cache and limits (Redis)',
  worker: 'Background jobs (a worker heartbeat)',
  verifier: 'Key verification server',
  mail: 'Mail transport',
}

export const HTTP_METHODS = ['GET', 'HEAD', 'POST'] as const
export type HttpMethod = (typeof HTTP_METHODS)[number]

export const CHECK_DEFAULTS = {
  intervalSeconds: 60,
  timeoutMs: 10_000,
  expectedStatus: 200,
  failuresToOutage: 3,
  recoveriesToOperational: 2,
} as const

export const CHECK_LIMITS = {
  minIntervalSeconds: 5,
  maxIntervalSeconds: 3600,
  minTimeoutMs: 500,
  maxTimeoutMs: 60_000,
} as const

/** A check as the worker runs it (one row of a component's `checks`). */
export type CheckConfig = {
  id: string
  type: CheckType
  url?: string | null
  method?: HttpMethod | null
  expectedStatus?: number | null
  bodyMatch?: string | null
  host?: string | null
  port?: number | null
  target?: InternalTarget | null
  intervalSeconds?: number | null
  timeoutMs?: number | null
  degradedAboveMs?: number | null
  enabled?: boolean | null
}

/** What a check is, in words (the admin list, logs and draft incidents). */
export function describeCheck(
  check: Pick<CheckConfig, 'type' | 'url' | 'method' | 'host' | 'port' | 'target'>,
): string {
  if (check.type === 'http') return `${check.method ?? 'GET'} ${check.url ?? '?'}`
  if (check.type === 'tcp') return `TCP ${check.host ?? '?'}:${check.port ?? '?'}`
  return INTERNAL_TARGET_LABELS[check.target ?? 'postgres']
}
