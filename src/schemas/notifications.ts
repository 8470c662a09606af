import { z } from 'zod'

import {
  ALL_NOTIFICATION_TYPES,
  CHANNELS,
  DIGEST_MODES,
  type Preferences,
} from '@/lib/notifications/types'

export const preferencesSchema = z.object({
  digest: z.enum(DIGEST_MODES, { error: 'Choose when mail comes: at once, daily, or never.' }),
  channels: z.record(z.enum(ALL_NOTIFICATION_TYPES), z.record(z.enum(CHANNELS), z.boolean())),
}) satisfies z.ZodType<Preferences>

/** The preferences form: a checkbox `type.channel` per cell (ticked = on) and a digest mode. */
export const preferencesInput = (formData: FormData) => ({
  digest: formData.get('digest'),
  channels: Object.fromEntries(
    ALL_NOTIFICATION_TYPES.map((type) => [
      type,
      Object.fromEntries(
        CHANNELS.map((channel) => [channel, formData.get(`${type}.${channel}`) === 'on']),
      ),
    ]),
  ),
})

export const notificationIdSchema = z.object({
  id: z.coerce.number().int().positive('That notification is not yours to mark.'),
})
