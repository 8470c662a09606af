'use server'

import { redirect } from 'next/navigation'

import { payloadClient } from '@/data/session'
import type { FormState } from '@/lib/formState'

export async function verifyEmailAction(_state: FormState, formData: FormData): Promise<FormState> {
  const token = formData.get('token')
  if (typeof token !== 'string' || token.length < 10) {
    return { status: 'error', message: 'This confirmation link is incomplete.' }
  }
  const payload = await payloadClient()
  try {
    await payload.verifyEmail({ collection: 'users', token })
  } catch {
    return {
      status: 'error',
      message:
        'This confirmation link is invalid or was already used. Try logging in, or sign up again.',
    }
  }
  redirect('/login?verified=1')
}
