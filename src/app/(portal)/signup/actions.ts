'use server'

import { publicAction } from '@/actions/formAction'
import type { FormState } from '@/lib/formState'
import { signupSchema } from '@/schemas/account'

/** Friendlier words for the two conflicts a sign-up meets. */
function explain(state: FormState): FormState {
  const errors = { ...state.errors }
  if (errors.email?.includes('already')) {
    errors.email = 'An account with this email already exists. Log in or reset your password.'
  }
  if (errors.username?.includes('unique') || errors.username?.includes('already')) {
    errors.username = 'This username is taken. Try another.'
  }
  return { ...state, errors }
}

export const signupAction = publicAction({
  schema: signupSchema,
  onError: explain,
  run: async (data, { payload, ip }) => {
    // Same path as POST /api/users: public sign-up, access rules applied, no roles or plan settable.
    // The client address lets the collection apply its sign-up limit (hooks/policy.ts).
    await payload.create({
      collection: 'users',
      data,
      overrideAccess: false,
      context: { ip: await ip() },
    })
    return {
      status: 'ok',
      message: `Check your inbox: we sent a confirmation link to ${data.email}. Confirm it, then log in.`,
    }
  },
})
