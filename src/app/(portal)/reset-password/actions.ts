'use server'

import { redirect } from 'next/navigation'

import { publicAction } from '@/actions/formAction'
import { resetPasswordSchema } from '@/schemas/account'

export const resetPasswordAction = publicAction({
  schema: resetPasswordSchema,
  onError: (state) =>
    state.message?.toLowerCase().includes('token')
      ? { ...state, message: 'This reset link is invalid or has expired. Ask for a new one.' }
      : state,
  run: async ({ token, password }, { payload }) => {
    await payload.resetPassword({
      collection: 'users',
      data: { token, password },
      overrideAccess: true,
    })
    redirect('/login?reset=1')
  },
})
