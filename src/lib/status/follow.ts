import type { Payload, PayloadRequest } from 'payload'

import { readPreferences, savePreferences } from '../notifications/preferences'
import { STATUS_NOTIFICATION_TYPES } from '../notifications/types'

/**
 * Following the status page, for members: its notices in the bell (the status notification
 * types, in the portal). Mail and webhooks stay as the person set them under Settings →
 * Notifications, where each type can also be chosen on its own.
 */
export async function isFollowing(payload: Payload, userId: number, req?: PayloadRequest) {
  const { preferences } = await readPreferences(payload, userId, req)
  return STATUS_NOTIFICATION_TYPES.some((type) => preferences.channels[type].inApp)
}

export async function setFollowing(
  payload: Payload,
  userId: number,
  follow: boolean,
  req?: PayloadRequest,
): Promise<boolean> {
  const { preferences } = await readPreferences(payload, userId, req)
  for (const type of STATUS_NOTIFICATION_TYPES) {
    preferences.channels[type] = { ...preferences.channels[type], inApp: follow }
  }
  await savePreferences(payload, userId, preferences, req)
  return follow
}
