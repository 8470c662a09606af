'use server'

import { personAction } from '@/actions/formAction'
import { savePreferences } from '@/lib/notifications/preferences'
import { preferencesInput, preferencesSchema } from '@/schemas/notifications'

export const savePreferencesAction = personAction({
  schema: preferencesSchema,
  input: preferencesInput,
  revalidate: () => ['/settings/notifications'],
  run: async (preferences, { payload, user, req }) => {
    await savePreferences(payload, user.id, preferences, await req())
    return { status: 'ok', message: 'Notification preferences saved.' }
  },
})
