import { z } from 'zod'

export const requestExportSchema = z.object({})

export const deleteAccountSchema = z.object({
  password: z.string().min(1, 'Enter your password to confirm.').max(200),
  code: z
    .string()
    .trim()
    .max(64, 'The code is at most 64 characters long.')
    .optional()
    .transform((value) => value || undefined),
  /** The browser's passkey answer (JSON) and the challenge it answered, for a passkey account. */
  passkey: z
    .string()
    .max(20_000, 'The passkey answer is too long.')
    .optional()
    .transform((value) => value || undefined),
  passkeyChallenge: z
    .string()
    .max(200, 'The passkey challenge is not valid.')
    .optional()
    .transform((value) => value || undefined),
  reason: z
    .string()
    .trim()
    .max(500, 'The reason is at most 500 characters long.')
    .optional()
    .transform((value) => value || null),
  confirm: z.literal('DELETE', { error: 'Type DELETE to confirm.' }),
})
