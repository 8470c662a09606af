'use server'

import { clientIp, payloadClient } from '@/data/session'
import { formError, parseForm } from '@/lib/forms'
import type { FormState } from '@/lib/formState'
import { forgotPasswordSchema } from '@/schemas/account'

export async function forgotPasswordAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const parsed = parseForm(forgotPasswordSchema, formData)
  if (!parsed.data) return parsed.state
  const { email } = parsed.data
  try {
    // Payload answers the same whether or not the account exists, so nobody can probe emails.
    const payload = await payloadClient()
    await payload.forgotPassword({
      collection: 'users',
      data: { email },
      // The client address lets the collection apply its limits (hooks/policy.ts).
      context: { ip: await clientIp() },
    })
  } catch (error) {
    return formError(error, formData)
  }
  return {
    status: 'ok',
    message: `If an account uses ${email}, a reset link is on its way. It works for one hour.`,
  }
}
