import { isIP } from 'node:net'

import { z } from 'zod'

import { RANGE_PRESETS } from '@/lib/analytics/range'
import { KEY_ENVIRONMENTS } from '@/lib/keys/format'
import { VERIFY_CODES } from '@/lib/keys/verifier'

const MAX_ID = 2_147_483_647

const id = (field: string) =>
  z
    .string()
    .regex(/^[1-9]\d{0,9}$/, `${field} must be a positive whole number.`)
    .transform(Number)
    .refine((value) => value <= MAX_ID, `${field} must be a positive whole number.`)

const time = (field: string) =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: `${field} must be an ISO 8601 date or date-time (2026-11-30 or 2026-11-30T12:00:00Z).`,
    })
    .transform((value) => new Date(value))
    // Postgres knows no year 0 and no year 10000; no usage is older than the portal or far ahead.
    .refine(
      (date) =>
        !Number.isNaN(date.getTime()) &&
        date.getUTCFullYear() >= 2000 &&
        date.getUTCFullYear() <= 2100,
      `${field} must be a real date between the years 2000 and 2100.`,
    )

/**
 * Query parameters of GET /api/analytics/<series>, as strings from the URL. Cross-field rules
 * (range or from/to, at most 90 days, log-only filters) are checked by parseAnalyticsQuery.
 */
export const analyticsQuerySchema = z.object({
  account: z
    .union([z.literal('personal'), id('account')], {
      error: 'account must be "personal" or an organization id.',
    })
    .optional(),
  range: z
    .enum(RANGE_PRESETS, { error: `range must be one of ${RANGE_PRESETS.join(', ')}.` })
    .optional(),
  from: time('from').optional(),
  to: time('to').optional(),
  key: id('key').optional(),
  environment: z
    .enum(KEY_ENVIRONMENTS, {
      error: `environment must be one of ${KEY_ENVIRONMENTS.join(', ')}.`,
    })
    .optional(),
  format: z.enum(['json', 'csv'], { error: 'format must be json or csv.' }).default('json'),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'limit must be a whole number from 1 to 100.')
    .transform(Number)
    .refine((value) => value >= 1 && value <= 100, 'limit must be a whole number from 1 to 100.')
    .optional(),
  endpoint: z
    .string()
    .min(1, 'endpoint must not be empty.')
    .max(310, 'endpoint is too long.')
    .optional(),
  status: z
    .string()
    .regex(/^[1-5](\d\d|xx)$/, 'status must be an HTTP status (404) or a class (4xx).')
    .transform((value) =>
      value.endsWith('xx') ? (value as `${1 | 2 | 3 | 4 | 5}xx`) : Number(value),
    )
    .optional(),
  code: z
    .enum(VERIFY_CODES, { error: `code must be one of ${VERIFY_CODES.join(', ')}.` })
    .optional(),
  ip: z
    .string()
    .refine((value) => isIP(value) !== 0, 'ip must be an IPv4 or IPv6 address.')
    .optional(),
  failed: z
    .enum(['true', 'false'], { error: 'failed must be true or false.' })
    .transform((value) => value === 'true')
    .optional(),
  cursor: z.string().max(200, 'cursor is not a cursor of this log.').optional(),
})

export type AnalyticsQuery = z.infer<typeof analyticsQuerySchema>

/** Parameters only the request log reads. */
export const LOG_PARAMS = ['endpoint', 'status', 'code', 'ip', 'failed', 'cursor'] as const
