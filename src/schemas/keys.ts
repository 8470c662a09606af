import { isIP } from 'node:net'

import { z } from 'zod'

import { RESOURCES } from '@/lib/keys/verifier'
import { isScope } from '@/lib/keys/scopes'

const ip = z.string().refine((value) => isIP(value) !== 0, 'ip must be an IPv4 or IPv6 address.')

/** Body of POST /api/keys/verify (and the verification server's POST /verify). */
export const verifyRequestSchema = z.object({
  key: z
    .string({ error: 'key is required.' })
    .min(1, 'key is required.')
    .max(200, 'key is too long.'),
  scope: z.string().refine(isScope, 'scope is not a known scope.').optional(),
  resource: z
    .enum(RESOURCES, { error: `resource must be one of ${RESOURCES.join(', ')}.` })
    .default('api_calls'),
  cost: z
    .number({ error: 'cost must be a whole number.' })
    .int('cost must be a whole number.')
    .min(1, 'cost must be at least 1.')
    .max(1_000_000, 'cost is too large.')
    .default(1),
  ip: ip.optional(),
  endpoint: z.string().max(300, 'endpoint is too long.').optional(),
})

/** Body of POST /api/keys/dry-run: what a key would get, counted nowhere. */
export const dryRunRequestSchema = verifyRequestSchema
  .pick({ key: true, scope: true, resource: true })
  .strict()

const DAY_MS = 86_400_000
/** Reports are about the last day (up to 5 minutes of clock skew ahead). */
const timestamp = z
  .union([z.iso.datetime({ offset: true }), z.number().int().positive()], {
    error: 'timestamp must be an ISO 8601 date-time or Unix milliseconds.',
  })
  .refine((value) => {
    const at = new Date(value).getTime()
    return at > Date.now() - DAY_MS && at < Date.now() + 5 * 60_000
  }, 'timestamp must be within the last 24 hours.')

/** One gateway-reported request outcome (POST /api/usage). */
export const usageReportSchema = z.object({
  keyId: z.number({ error: 'keyId must be a key id.' }).int().positive().max(2_147_483_647),
  endpoint: z.string().min(1, 'endpoint is required.').max(300),
  method: z.string().regex(/^[A-Z]{3,7}$/, 'method must be an HTTP method such as GET.'),
  status: z.number({ error: 'status must be an HTTP status.' }).int().min(100).max(599),
  latencyMs: z.number({ error: 'latencyMs must be a number.' }).min(0).max(3_600_000),
  region: z.string().max(40).optional(),
  timestamp,
})

const reportList = z
  .array(usageReportSchema)
  .min(1, 'send at least one event')
  .max(1000, 'at most 1000 events per batch')

/** A batch: a JSON array of reports, or `{ events: [...] }`. */
export const usageBatchSchema = z.preprocess(
  (value) => (Array.isArray(value) ? { events: value, isBare: true } : value),
  z.object({ events: reportList, isBare: z.boolean().optional() }),
)

/** `events[3].status: ...` for the first issue of a failed parse. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0]
  const field = issue.path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '')
  return { field: field || 'body', message: issue.message }
}
