import { z } from 'zod'

import {
  ALL_NOTIFICATION_TYPES,
  CHANNELS,
  DIGEST_MODES,
  type Preferences,
} from '@/lib/notifications/types'

/** The preferences form: a checkbox `type.channel` per cell (ticked = on) and a digest mode. */
export function preferencesFromForm(formData: FormData): Preferences | { error: string } {
  const digest = z.enum(DIGEST_MODES).safeParse(formData.get('digest'))
  if (!digest.success) return { error: 'Choose when mail comes: at once, daily, or never.' }
  const channels = Object.fromEntries(
    ALL_NOTIFICATION_TYPES.map((type) => [
      type,
      Object.fromEntries(
        CHANNELS.map((channel) => [channel, formData.get(`${type}.${channel}`) === 'on']),
      ),
    ]),
  ) as Preferences['channels']
  return { digest: digest.data, channels }
}
