import type Redis from 'ioredis'

import { env } from '../env'
import { logger } from '../logger'
import { redis } from '../redis'

/**
 * Live unread counts: whoever creates notifications announces the recipients on one Redis
 * channel; every web process listens once and tells its open streams (the bell's
 * /api/notifications/stream). Works across any number of web replicas and workers. Without
 * Redis the streams poll instead (see `isLive`).
 */
export const NOTIFICATIONS_CHANNEL = 'tt:notifications'

type Listener = () => void

type LiveState = { subscriber?: Redis; listeners: Map<number, Set<Listener>> }
const globalForLive = globalThis as unknown as { ttNotificationsLive?: LiveState }
const state = (): LiveState => (globalForLive.ttNotificationsLive ??= { listeners: new Map() })

/** True when announcements cross processes (a real Redis); streams then need not poll. */
export const isLive = () => Boolean(env().REDIS_URL)

/** Tells every process that these people have new notifications. */
export async function announce(userIds: number[]): Promise<void> {
  if (userIds.length === 0) return
  await redis().publish(NOTIFICATIONS_CHANNEL, JSON.stringify([...new Set(userIds)]))
}

function ensureSubscribed(): void {
  const live = state()
  const url = env().REDIS_URL
  if (live.subscriber || !url) return
  // A connection of its own: a subscribed connection can do nothing else.
  const subscriber = redis().duplicate({ maxRetriesPerRequest: null })
  subscriber.on('error', (err) =>
    logger.debug({ msg: 'notification subscriber', err: err.message }),
  )
  subscriber.on('message', (_channel, message: string) => {
    let ids: unknown
    try {
      ids = JSON.parse(message)
    } catch {
      return
    }
    if (!Array.isArray(ids)) return
    for (const id of ids) for (const listener of live.listeners.get(Number(id)) ?? []) listener()
  })
  // After a reconnection something may have been missed: every stream re-reads its count.
  subscriber.on('ready', () => {
    for (const listeners of live.listeners.values()) for (const listener of listeners) listener()
  })
  void subscriber
    .subscribe(NOTIFICATIONS_CHANNEL)
    .catch((err: unknown) =>
      logger.warn({ msg: 'notification channel not subscribed', err: String(err) }),
    )
  live.subscriber = subscriber
}

/** Calls `listener` whenever `userId` may have new notifications; returns the way to stop. */
export function listen(userId: number, listener: Listener): () => void {
  ensureSubscribed()
  const { listeners } = state()
  const set = listeners.get(userId) ?? new Set()
  set.add(listener)
  listeners.set(userId, set)
  return () => {
    set.delete(listener)
    if (set.size === 0) listeners.delete(userId)
  }
}
