import type { Payload, PayloadRequest } from 'payload'

import { ALL_NOTIFICATION_TYPES, preferencesWithDefaults, type Preferences } from './types'
import type { Unsubscribe } from './unsubscribe'

type Saved = Parameters<typeof preferencesWithDefaults>[0]

/** The document form of preferences: one row per type, every channel explicit. */
const toDocument = (preferences: Preferences) => ({
  digest: preferences.digest,
  settings: ALL_NOTIFICATION_TYPES.map((type) => ({ type, ...preferences.channels[type] })),
})

/**
 * A person's preferences, read and saved through the collection's access rules when `req`
 * carries the person (the settings page), or as the system (the unsubscribe link).
 */
export async function readPreferences(
  payload: Payload,
  userId: number,
  req?: PayloadRequest,
): Promise<{ id: number | null; preferences: Preferences }> {
  const { docs } = await payload.find({
    collection: 'notification-preferences',
    where: { user: { equals: userId } },
    limit: 1,
    depth: 0,
    overrideAccess: !req,
    req,
  })
  const doc = docs[0]
  return { id: doc?.id ?? null, preferences: preferencesWithDefaults((doc as Saved) ?? null) }
}

export async function savePreferences(
  payload: Payload,
  userId: number,
  preferences: Preferences,
  req?: PayloadRequest,
): Promise<void> {
  const { id } = await readPreferences(payload, userId, req)
  const data = toDocument(preferences)
  if (id === null) {
    await payload.create({
      collection: 'notification-preferences',
      data: { ...data, user: userId },
      overrideAccess: !req,
      req,
    })
  } else {
    await payload.update({
      collection: 'notification-preferences',
      id,
      data,
      overrideAccess: !req,
      req,
    })
  }
}

/** What an unsubscribe link does: mail of that type off, or (`*`) every mail off. */
export async function applyUnsubscribe(payload: Payload, target: Unsubscribe): Promise<string> {
  const { preferences } = await readPreferences(payload, target.userId)
  if (target.type === '*') {
    preferences.digest = 'off'
  } else {
    preferences.channels[target.type] = { ...preferences.channels[target.type], email: false }
  }
  await savePreferences(payload, target.userId, preferences)
  return target.type === '*'
    ? 'You will get no more notification mail. Turn it back on under Settings → Notifications.'
    : 'You will get no more mail of this kind. Turn it back on under Settings → Notifications.'
}
