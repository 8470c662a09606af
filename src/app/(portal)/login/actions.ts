'use server'

import config from '@payload-config'
import { login } from '@payloadcms/next/auth'
import { redirect } from 'next/navigation'

import { safeNext } from '@/data/session'
import { formError, parseForm } from '@/lib/forms'
import type { FormState } from '@/lib/formState'
import { loginSchema } from '@/schemas/account'

export async function loginAction(_state: FormState, formData: FormData): Promise<FormState> {
  const parsed = parseForm(loginSchema, formData)
  if (!parsed.data) return parsed.state
  try {
    await login({
      collection: 'users',
      config,
      email: parsed.data.email,
      password: parsed.data.password,
    })
  } catch (error) {
    return formError(error, formData)
  }
  redirect(safeNext(parsed.data.next))
}
