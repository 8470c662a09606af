import { z } from 'zod'

import { defineEndpoint } from '@/lib/api/endpoint'
import { errorJson } from '@/lib/api/errors'
import { resetTwoFactorByStaff } from '@/lib/auth/factorChanges'
import { inTransaction } from '@/lib/transactions'
import type { User } from '@/payload-types'

/**
 * POST /api/users/:id/reset-two-factor: staff remove a member's authenticator app, recovery
 * codes and passkeys (the button on the account in /admin). Logged and mailed to the member.
 */
export const resetTwoFactorEndpoint = defineEndpoint({
  path: '/:id/reset-two-factor',
  method: 'post',
  summary: 'Staff: reset an account’s two-factor authentication',
  description:
    'Removes the account’s authenticator app, recovery codes and passkeys and ends its sessions; the account logs in with its password alone until it sets a second factor up again. Staff reset members and moderators, admins anyone but themselves. The caller confirms with their own current password, and the code of their own authenticator app when they use one. Logged in the account’s security log and mailed to it.',
  caller: 'person',
  doing: 'reset two-factor authentication',
  body: z.object({
    currentPassword: z
      .string({ error: 'Enter your own current password to confirm.' })
      .min(1, 'Enter your own current password to confirm.')
      .max(1024, 'That password is too long.'),
    code: z.string().trim().max(32, 'That code is too long.').optional(),
  }),
  response: {
    description: 'What was removed',
    body: z.object({
      message: z.string(),
      removed: z.object({
        totp: z.boolean(),
        recoveryCodes: z.number(),
        passkeys: z.number(),
      }),
    }),
  },
  handler: async (req, { id, body }) => {
    const outcome = await inTransaction(req, () =>
      resetTwoFactorByStaff(req, req.user as User, Number(id), body),
    )
    if (!outcome.ok) {
      return errorJson(outcome.status, outcome.message, { field: outcome.field })
    }
    return Response.json({
      message: 'Two-factor authentication was reset. The account was told by mail.',
      removed: outcome.removed,
    })
  },
})
