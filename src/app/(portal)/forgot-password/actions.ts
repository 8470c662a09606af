'use server'

import { clientIp, payloadClient } from '@/data/session'
import { formError, parseForm } from '@/lib/forms'
import type { FormState } from '@/lib/formState'
import { hitLimit } from '@/lib/rateLimit'
import { sha256 } from '@/lib/tokens'
import { forgotPasswordSchema } from '@/schemas/account'

export async function forgotPasswordAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const parsed = parseForm(forgotPasswordSchema, formData)
  if (!parsed.data) return parsed.state
  const { email } = parsed.data
  const perIp = await hitLimit(`forgot:ip:${await clientIp()}`, 20, 60 * 60 * 1000)
  const perAccount = await hitLimit(`forgot:email:${sha256(email)}`, 3, 60 * 60 * 1000)
  if (!perIp.isAllowed || !perAccount.isAllowed) {
    return { status: 'error', message: 'Too many reset requests. Try again in an hour.' }
  }
  try {
    // Payload answers the same whether or not the account exists, so nobody can probe emails.
    const payload = await payloadClient()
    await payload.forgotPassword({ collection: 'users', data: { email } })
  } catch (error) {
    return formError(error, formData)
  }
  return {
    status: 'ok',
    message: `If an account uses ${email}, a reset link is on its way. It works for one hour.`,
  }
}
