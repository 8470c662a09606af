'use server'

import { publicAction } from '@/actions/formAction'
import { forgotPasswordSchema } from '@/schemas/account'

export const forgotPasswordAction = publicAction({
  schema: forgotPasswordSchema,
  run: async ({ email }, { payload, ip }) => {
    // Payload answers the same whether or not the account exists, so nobody can probe emails.
    await payload.forgotPassword({
      collection: 'users',
      data: { email },
      // The client address lets the collection apply its limits (hooks/policy.ts).
      context: { ip: await ip() },
    })
    return {
      status: 'ok',
      message: `If an account uses ${email}, a reset link is on its way. It works for one hour.`,
    }
  },
})
