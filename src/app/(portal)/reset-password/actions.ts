'use server'

import { redirect } from 'next/navigation'

import { payloadClient } from '@/data/session'
import { formError, parseForm } from '@/lib/forms'
import type { FormState } from '@/lib/formState'
import { resetPasswordSchema } from '@/schemas/account'

export async function resetPasswordAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const parsed = parseForm(resetPasswordSchema, formData)
  if (!parsed.data) return parsed.state
  try {
    const payload = await payloadClient()
    await payload.resetPassword({
      collection: 'users',
      data: { token: parsed.data.token, password: parsed.data.password },
      overrideAccess: true,
    })
  } catch (error) {
    const state = formError(error, formData)
    if (state.message?.toLowerCase().includes('token')) {
      state.message = 'This reset link is invalid or has expired. Ask for a new one.'
    }
    return state
  }
  redirect('/login?reset=1')
}
