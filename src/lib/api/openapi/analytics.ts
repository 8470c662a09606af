import { ANALYTICS_SERIES, ANALYTICS_SERIES_NAMES } from '../../analytics/registry'
import { RANGE_PRESETS, STATUS_CLASSES } from '../../analytics/range'
import { KEY_ENVIRONMENTS } from '../../keys/shape'
import { VERIFY_CODES } from '../../keys/verifier'
import { errorResponses, type Json, type Operation } from './shared'

/** GET /api/analytics/{series}: its parameters and, per series, what it answers. */

const int: Json = { type: 'integer', minimum: 0 }
const ms: Json = { type: ['number', 'null'], description: 'Milliseconds; null without reports.' }
const text = (description?: string): Json => ({
  type: ['string', 'null'],
  ...(description ? { description } : {}),
})
const object = (properties: Record<string, Json>): Json => ({
  type: 'object',
  required: Object.keys(properties),
  properties,
})
const list = (items: Json): Json => ({ type: 'array', items })

const counts = {
  verified: int,
  allowed: int,
  limited: int,
  refused: int,
  byCode: { type: 'object', additionalProperties: int, description: 'Verifications by code.' },
  reported: int,
  byStatusClass: object(Object.fromEntries(STATUS_CLASSES.map((name) => [name, int]))),
}
const latency = { requests: int, p50: ms, p95: ms, p99: ms }

const SERIES_SCHEMAS: Record<string, Json> = {
  requests: {
    points: list(object({ bucket: { type: 'string', format: 'date-time' }, ...counts })),
    totals: object(counts),
    codes: list({ type: 'string' }),
  },
  latency: {
    points: list(object({ bucket: { type: 'string', format: 'date-time' }, ...latency })),
    overall: object(latency),
  },
  'latency-by-endpoint': { endpoints: list(object({ endpoint: text(), ...latency })) },
  errors: {
    http: list(
      object({
        endpoint: text(),
        status: { type: 'integer' },
        statusClass: { enum: ['4xx', '5xx'] },
        requests: int,
        endpointRequests: int,
      }),
    ),
    refusals: list(
      object({
        endpoint: text(),
        code: { type: 'string' },
        outcome: { enum: ['limited', 'refused'] },
        requests: int,
        endpointRequests: int,
      }),
    ),
    totals: object({
      reported: int,
      clientErrors: int,
      serverErrors: int,
      verified: int,
      limited: int,
      refused: int,
    }),
  },
  endpoints: {
    endpoints: list(
      object({
        endpoint: text(),
        requests: int,
        verified: int,
        allowed: int,
        limited: int,
        refused: int,
        reported: int,
        clientErrors: int,
        serverErrors: int,
      }),
    ),
  },
  keys: {
    keys: list(
      object({
        keyId: { type: 'integer' },
        name: text('Null once the key is deleted.'),
        display: text(),
        environment: text(),
        status: text(),
        requests: int,
        verified: int,
        allowed: int,
        limited: int,
        refused: int,
        reported: int,
        errors: int,
      }),
    ),
  },
  ips: {
    ips: list(
      object({ ip: { type: 'string' }, country: text('ISO 3166-1 alpha-2.'), requests: int }),
    ),
    total: int,
    distinct: int,
  },
  countries: {
    countries: list(
      object({
        country: text('ISO 3166-1 alpha-2; null for unknown or private addresses.'),
        requests: int,
        share: { type: 'number', minimum: 0, maximum: 1 },
      }),
    ),
    total: int,
  },
  log: {
    events: list(
      object({
        id: { type: 'string' },
        occurredAt: { type: 'string', format: 'date-time' },
        kind: { enum: ['verify', 'report'] },
        keyId: { type: ['integer', 'null'] },
        endpoint: text(),
        method: text(),
        status: { type: ['integer', 'null'] },
        code: text(),
        latencyMs: { type: ['integer', 'null'] },
        ip: text(),
        country: text(),
        region: text(),
      }),
    ),
    nextCursor: text('Pass as cursor for the next page; null on the last.'),
  },
}

function seriesSchema(name: string): Json {
  const isChart = name !== 'log'
  return {
    title: name,
    description: ANALYTICS_SERIES[name as keyof typeof ANALYTICS_SERIES].summary,
    type: 'object',
    properties: {
      series: { const: name },
      account: object({
        kind: { enum: ['personal', 'organization'] },
        id: { type: 'integer' },
        name: { type: 'string' },
        plan: { type: 'string' },
      }),
      key: { type: ['integer', 'null'] },
      environment: text(),
      from: { type: 'string', format: 'date-time' },
      to: { type: 'string', format: 'date-time' },
      ...(isChart ? { granularity: { enum: ['minute', 'hour', 'day'] } } : {}),
      ...SERIES_SCHEMAS[name],
    },
  }
}

const query = (name: string, schema: Json, description: string) => ({
  name,
  in: 'query',
  schema,
  description,
})

export const analyticsOperation: Operation = {
  summary: 'Analytics of an account: one series, as JSON or CSV',
  description: [
    'For pro and enterprise accounts (others get 403 UPGRADE_REQUIRED). A person reads their own account or an organization they own or administer; an API key needs `usage:read` and reads its own account only. Another account, or a key not of the account, answers 404.',
    'Charts are bucketed by minute (ranges up to 2 hours), hour (up to 3 days) or day, in UTC, widened to whole buckets; they read roll-ups and the last minute or two of raw events, so fresh calls show at once. Percentiles come from merged histograms (within 1% of exact).',
    `Series: ${ANALYTICS_SERIES_NAMES.map((name) => `\`${name}\` — ${ANALYTICS_SERIES[name].description}`).join(' ')}`,
  ].join('\n\n'),
  parameters: [
    {
      name: 'series',
      in: 'path',
      required: true,
      schema: { type: 'string', enum: ANALYTICS_SERIES_NAMES },
    },
    query(
      'account',
      { type: 'string', pattern: '^(personal|[1-9][0-9]{0,9})$' },
      '`personal` (the default for a person; a key reads its own account) or an organization id.',
    ),
    query(
      'range',
      { type: 'string', enum: [...RANGE_PRESETS] },
      'The last 1h … 90d (default 24h).',
    ),
    query('from', { type: 'string' }, 'ISO 8601 date or date-time; with `to`, instead of `range`.'),
    query('to', { type: 'string' }, 'At most 90 days after `from`.'),
    query('key', { type: 'integer', minimum: 1 }, 'Only this key of the account.'),
    query(
      'environment',
      { type: 'string', enum: [...KEY_ENVIRONMENTS] },
      "Only the account's keys of this environment.",
    ),
    query('format', { type: 'string', enum: ['json', 'csv'] }, '`csv` answers text/csv as a file.'),
    query(
      'limit',
      { type: 'integer', minimum: 1, maximum: 100 },
      'Rows of a top list (default 10) or of a log page (default 50).',
    ),
    query('endpoint', { type: 'string' }, 'Log only: `METHOD /path` as the charts name it.'),
    query(
      'status',
      { type: 'string', pattern: '^[1-5]([0-9]{2}|xx)$' },
      'Log only: an HTTP status (`503`) or class (`5xx`).',
    ),
    query('code', { type: 'string', enum: [...VERIFY_CODES] }, 'Log only: a verification code.'),
    query('ip', { type: 'string' }, 'Log only: a client address.'),
    query('failed', { type: 'boolean' }, 'Log only: failures only (status ≥ 400, or not VALID).'),
    query('cursor', { type: 'string' }, 'Log only: the previous page’s `nextCursor`.'),
  ],
  responses: {
    200: {
      description: 'The series',
      content: {
        'application/json': { schema: { oneOf: ANALYTICS_SERIES_NAMES.map(seriesSchema) } },
        'text/csv': { schema: { type: 'string' } },
      },
    },
    ...errorResponses([400, 401, 403, 404, 429, 503]),
  },
}
