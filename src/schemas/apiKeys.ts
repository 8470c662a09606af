import { z } from 'zod'

import type { FormState } from '@/lib/formState'
import { KEY_ENVIRONMENTS } from '@/lib/keys/format'
import { parseRange } from '@/lib/net/ip'
import { GRACE_PERIODS, type GracePeriod } from '@/lib/keys/manage'
import { isScope, type Scope } from '@/lib/keys/scopes'

/** What the create and rotate actions return: the plaintext key, once, on success. */
export type IssuedKeyState = FormState & {
  issued?: { id: number; key: string; display: string; name: string }
}

const MAX_ALLOWLIST_ENTRIES = 50

const id = z.coerce.number({ error: 'Missing key id.' }).int().positive('Missing key id.')

const name = z
  .string({ error: 'Name is required.' })
  .trim()
  .min(1, 'Name is required.')
  .max(80, 'Name must be at most 80 characters.')

const environment = z.enum(KEY_ENVIRONMENTS, {
  error: 'Environment must be development, staging or production.',
})

const scopes = z
  .array(z.string(), { error: 'Scopes: choose at least one scope.' })
  .min(1, 'Scopes: choose at least one scope.')
  .superRefine((values, ctx) => {
    const unknown = values.find((value) => !isScope(value))
    if (unknown) ctx.addIssue({ code: 'custom', message: `Scopes: "${unknown}" is not a scope.` })
  })
  .transform((values) => [...new Set(values)] as Scope[])

/** One address or CIDR range per line; blank lines are ignored. */
const ipAllowlist = z
  .string()
  .optional()
  .transform((text, ctx) => {
    const entries = (text ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
    const bad = entries.find((entry) => !parseRange(entry))
    if (bad !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `IP allowlist: "${bad}" is not an IPv4/IPv6 address or CIDR range (like 203.0.113.7 or 10.0.0.0/8).`,
      })
      return z.NEVER
    }
    if (entries.length > MAX_ALLOWLIST_ENTRIES) {
      ctx.addIssue({
        code: 'custom',
        message: `IP allowlist: at most ${MAX_ALLOWLIST_ENTRIES} entries.`,
      })
      return z.NEVER
    }
    return [...new Set(entries)]
  })

const notes = z
  .string()
  .trim()
  .max(1000, 'Notes must be at most 1000 characters.')
  .optional()
  .transform((value) => value || null)

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

/**
 * A `datetime-local` value read in the browser's time zone: `timezoneOffset` is what
 * `Date#getTimezoneOffset()` gave for that date (minutes; 0, i.e. UTC, without JavaScript).
 */
export function localDateTime(value: string, timezoneOffset: number): Date | null {
  const match = LOCAL_DATE_TIME.exec(value)
  if (!match) return null
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0))
  const utc = Date.UTC(year, month - 1, day, hour, minute, second)
  const date = new Date(utc + timezoneOffset * 60_000)
  // Reject dates that overflowed (2026-02-31 …).
  return new Date(utc).getUTCDate() === day ? date : null
}

const expiry = {
  expiresAt: z.string().trim().optional().default(''),
  timezoneOffset: z.coerce.number().int().min(-840).max(840).catch(0),
}

type ExpiryInput = { expiresAt: string; timezoneOffset: number; expiresAtWas?: string }

/** A set expiry must be a valid date and time in the future (unless left as it was). */
function checkExpiry(data: ExpiryInput, ctx: z.RefinementCtx) {
  if (!data.expiresAt || data.expiresAt === data.expiresAtWas) return
  const date = localDateTime(data.expiresAt, data.timezoneOffset)
  if (!date) {
    ctx.addIssue({
      code: 'custom',
      path: ['expiresAt'],
      message: 'Expiry must be a date and time.',
    })
  } else if (date.getTime() <= Date.now()) {
    ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'Expiry must be in the future.' })
  }
}

/** Runs the expiry check even when other fields failed, so every error shows at once. */
const expiryParsed = {
  when: ({ value }: { value: unknown }) => {
    const data = value as Partial<ExpiryInput> | undefined
    return typeof data?.expiresAt === 'string' && typeof data.timezoneOffset === 'number'
  },
}

/** Replaces the expiry fields with `expiresAt: Date | null`. */
function toExpiry<T extends ExpiryInput>({
  expiresAt,
  timezoneOffset,
  expiresAtWas: _was,
  ...rest
}: T): Omit<T, keyof ExpiryInput> & { expiresAt: Date | null } {
  return { ...rest, expiresAt: expiresAt ? localDateTime(expiresAt, timezoneOffset) : null }
}

const organization = z.preprocess(
  (value) => (value === '' || value === 'personal' ? undefined : value),
  z.coerce
    .number({ error: 'Owner: choose Personal or one of your organizations.' })
    .int('Owner: choose Personal or one of your organizations.')
    .positive('Owner: choose Personal or one of your organizations.')
    .optional(),
)

export const createKeySchema = z
  .object({ name, environment, scopes, ipAllowlist, organization, notes, ...expiry })
  .superRefine(checkExpiry, expiryParsed)
  .transform(toExpiry)

export const updateKeySchema = z
  .object({
    id,
    name,
    scopes,
    ipAllowlist,
    notes,
    ...expiry,
    // The form's initial expiry: an expired key can be edited without moving its expiry.
    expiresAtWas: z.string().optional(),
  })
  .superRefine(checkExpiry, expiryParsed)
  .transform(toExpiry)

export const GRACE_PERIOD_LABELS: Record<GracePeriod, string> = {
  0: 'Immediately',
  3600: '1 hour',
  86400: '24 hours',
  604800: '7 days',
}

export const rotateKeySchema = z.object({
  id,
  gracePeriodSeconds: z.coerce
    .number({ error: 'Grace period: choose immediately, 1 hour, 24 hours or 7 days.' })
    .refine(
      (value): value is GracePeriod => (GRACE_PERIODS as readonly number[]).includes(value),
      'Grace period: choose immediately, 1 hour, 24 hours or 7 days.',
    )
    .transform((value) => value as GracePeriod),
})

export const keyIdSchema = z.object({ id })

export const KEY_STATES = ['active', 'revoked', 'expired'] as const
export type KeyState = (typeof KEY_STATES)[number]

/** The orders of the key list (a leading `-` for descending), newest first by default. */
export const KEY_SORTS = [
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'lastUsedAt',
  '-lastUsedAt',
] as const
export type KeySort = (typeof KEY_SORTS)[number]

/** The list page's query string; anything unknown falls back to "all". */
export const keyListQuerySchema = z.object({
  environment: z.enum(KEY_ENVIRONMENTS).optional().catch(undefined),
  status: z.enum(KEY_STATES).optional().catch(undefined),
  owner: z
    .union([z.literal('personal'), z.coerce.number().int().positive()])
    .optional()
    .catch(undefined),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((value) => value || undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  sort: z.enum(KEY_SORTS).catch('-createdAt').default('-createdAt'),
})

export const USAGE_GRANULARITIES = ['minute', 'hour', 'day'] as const
export type UsageGranularity = (typeof USAGE_GRANULARITIES)[number]

export const granularitySchema = z.enum(USAGE_GRANULARITIES).catch('hour').default('hour')
