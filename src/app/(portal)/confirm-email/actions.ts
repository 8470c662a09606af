'use server'

import { redirect } from 'next/navigation'

import { confirmEmailChange, EMAIL_CHANGE_PROBLEMS } from '@collections/Users/emailChange'
import { payloadClient } from '@/data/session'
import { formError } from '@/lib/forms'
import type { FormState } from '@/lib/formState'

export async function confirmEmailChangeAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const token = formData.get('token')
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) {
    return { status: 'error', message: EMAIL_CHANGE_PROBLEMS.INVALID }
  }
  let result: Awaited<ReturnType<typeof confirmEmailChange>>
  try {
    result = await confirmEmailChange(await payloadClient(), token)
  } catch (error) {
    // Another account took the address between the check and the write (its unique index).
    return formError(error, formData, EMAIL_CHANGE_PROBLEMS.TAKEN)
  }
  if (!result.ok) return { status: 'error', message: EMAIL_CHANGE_PROBLEMS[result.problem] }
  redirect('/settings/profile?emailChanged=1')
}
