'use server'

import { revalidatePath } from 'next/cache'
import { createLocalReq } from 'payload'

import { currentUser, payloadClient } from '@/data/session'
import { formError } from '@/lib/forms'
import type { FormState } from '@/lib/formState'
import { savePreferences } from '@/lib/notifications/preferences'
import { preferencesFromForm } from '@/schemas/notifications'

export async function savePreferencesAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const user = await currentUser()
  if (!user) return { status: 'error', message: 'Your session has ended. Log in again.' }
  const preferences = preferencesFromForm(formData)
  if ('error' in preferences) return { status: 'error', errors: { digest: preferences.error } }
  try {
    const payload = await payloadClient()
    const req = await createLocalReq({ user: { ...user, collection: 'users' } }, payload)
    await savePreferences(payload, user.id, preferences, req)
  } catch (error) {
    return formError(error, formData)
  }
  revalidatePath('/settings/notifications')
  return { status: 'ok', message: 'Notification preferences saved.' }
}
