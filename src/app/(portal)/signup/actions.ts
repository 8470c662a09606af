'use server'

import { formError, parseForm } from '@/lib/forms'
import type { FormState } from '@/lib/formState'
import { clientIp, payloadClient } from '@/data/session'
import { signupSchema } from '@/schemas/account'

export async function signupAction(_state: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(signupSchema, formData)
  if (!parsed.data) return parsed.state
  const payload = await payloadClient()
  try {
    // Same path as POST /api/users: public sign-up, access rules applied, no roles or plan settable.
    // The client address lets the collection apply its sign-up limit (hooks/policy.ts).
    await payload.create({
      collection: 'users',
      data: parsed.data,
      overrideAccess: false,
      context: { ip: await clientIp() },
    })
  } catch (error) {
    const state = formError(error, formData)
    if (state.errors?.email?.includes('already')) {
      state.errors.email =
        'An account with this email already exists. Log in or reset your password.'
    }
    if (state.errors?.username) {
      state.errors.username =
        state.errors.username.includes('unique') || state.errors.username.includes('already')
          ? 'This username is taken. Try another.'
          : state.errors.username
    }
    return state
  }
  return {
    status: 'ok',
    message: `Check your inbox: we sent a confirmation link to ${parsed.data.email}. Confirm it, then log in.`,
  }
}
