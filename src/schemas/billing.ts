import { z } from 'zod'

import { SELF_SERVE_PLANS } from '@/lib/plans'

const accountKey = z.string().regex(/^[uo][1-9]\d{0,9}$/, 'account: not an account you manage.')

export const changePlanSchema = z.object({
  account: accountKey,
  plan: z.enum(SELF_SERVE_PLANS, { error: `plan: choose one of ${SELF_SERVE_PLANS.join(', ')}.` }),
  revokeKeyIds: z.array(z.coerce.number().int().positive()).max(1000).default([]),
})

export const billingDetailsSchema = z.object({
  account: accountKey,
  legalName: z.string().trim().min(1, 'Enter the name to invoice.').max(120),
  email: z.email('Enter a valid email address, like billing@example.com.').max(254),
  address: z
    .string()
    .trim()
    .max(500, 'The address is at most 500 characters long.')
    .transform((value) => value || null),
  country: z
    .string()
    .trim()
    .max(56)
    .transform((value) => value || null),
  taxId: z
    .string()
    .trim()
    .max(40, 'The tax id is at most 40 characters long.')
    .transform((value) => value || null),
})

export const CANCEL_REASONS = [
  { value: 'too_expensive', label: 'Too expensive' },
  { value: 'missing_features', label: 'Missing features I need' },
  { value: 'switched', label: 'Switched to another service' },
  { value: 'not_using', label: 'Not using it enough' },
  { value: 'other', label: 'Something else' },
] as const

export const cancelSchema = z.object({
  account: accountKey,
  reason: z.enum(CANCEL_REASONS.map((reason) => reason.value) as [string, ...string[]], {
    error: 'Choose a reason.',
  }),
  details: z.string().trim().max(1000, 'At most 1000 characters.').optional().default(''),
})

export const accountOnlySchema = z.object({ account: accountKey })
