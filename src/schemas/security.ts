import { z } from 'zod'

import { passwordSchema } from './account'

const currentPassword = z
  .string({ error: 'Enter your current password.' })
  .min(1, 'Enter your current password.')
  .max(200, 'Enter your current password.')

export const changePasswordSchema = z
  .object({
    currentPassword,
    password: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((data) => data.password === data.confirmPassword, {
    message: 'The two new passwords do not match.',
    path: ['confirmPassword'],
  })
  .refine((data) => data.password !== data.currentPassword, {
    message: 'Choose a password different from the current one.',
    path: ['password'],
  })

export const totpCodeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{3}\s?\d{3}$/, 'Enter the 6-digit code your app shows.'),
})

export const confirmWithPasswordSchema = z.object({ currentPassword })

/** Turning the authenticator app on: its code, and the current password (re-authentication). */
export const confirmTotpSchema = totpCodeSchema.extend({ currentPassword })

export const passkeyNameSchema = z
  .string()
  .trim()
  .min(1, 'Name this passkey.')
  .max(60, 'A passkey name has at most 60 characters.')

export const renamePasskeySchema = z.object({
  id: z.uuid('Unknown passkey.'),
  name: passkeyNameSchema,
})

export const passkeyIdSchema = z.object({ id: z.uuid('Unknown passkey.') })

export const removePasskeySchema = passkeyIdSchema.extend({ currentPassword })

export const sessionIdSchema = z.object({ id: z.uuid('Unknown session.') })
