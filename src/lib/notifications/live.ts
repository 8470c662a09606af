import type Redis from 'ioredis'

import { env } from '../env'
import { logger } from '../logger'
import { channelName, redis } from '../redis'

/**
 * Live updates: whoever changes something a page shows announces it on one Redis channel — a
 * person's id when their notifications changed, a topic such as `webhook-endpoint:12` when an
 * endpoint's deliveries did; every web process listens once and tells its open streams
 * (/api/notifications/stream). Works across any number of web replicas and workers. Without
 * Redis the streams poll instead (see `isLive`).
 */
export const NOTIFICATIONS_CHANNEL = 'tt:notifications'

type Listener = () => void

type LiveState = { subscriber?: Redis; listeners: Map<string, Set<Listener>> }
const globalForLive = globalThis as unknown as { ttNotificationsLive?: LiveState }
const state = (): LiveState => (globalForLive.ttNotificationsLive ??= { listeners: new Map() })

/** True when announcements cross processes (a real Redis); streams then need not poll. */
export const isLive = () => Boolean(env().REDIS_URL)

/** A person's own topic: their notifications changed. */
export const userTopic = (userId: number) => `user:${userId}`

/** An endpoint's topic: its deliveries changed. */
export const endpointTopic = (endpointId: number | string) => `webhook-endpoint:${endpointId}`

/** Tells every process that these people have new notifications. */
export async function announce(userIds: number[]): Promise<void> {
  await announceTopics(userIds.map(userTopic))
}

/** Tells every process that what these topics show changed. */
export async function announceTopics(topics: string[]): Promise<void> {
  if (topics.length === 0) return
  await redis().publish(channelName(NOTIFICATIONS_CHANNEL), JSON.stringify([...new Set(topics)]))
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
    let topics: unknown
    try {
      topics = JSON.parse(message)
    } catch {
      return
    }
    if (!Array.isArray(topics)) return
    for (const topic of topics) {
      for (const listener of live.listeners.get(String(topic)) ?? []) listener()
    }
  })
  // After a reconnection something may have been missed: every stream re-reads its count.
  subscriber.on('ready', () => {
    for (const listeners of live.listeners.values()) for (const listener of listeners) listener()
  })
  void subscriber
    .subscribe(channelName(NOTIFICATIONS_CHANNEL))
    .catch((err: unknown) =>
      logger.warn({ msg: 'notification channel not subscribed', err: String(err) }),
    )
  live.subscriber = subscriber
}

/** Calls `listener` whenever what `topic` shows may have changed; returns the way to stop. */
export function listen(topic: string, listener: Listener): () => void {
  ensureSubscribed()
  const { listeners } = state()
  const set = listeners.get(topic) ?? new Set()
  set.add(listener)
  listeners.set(topic, set)
  return () => {
    set.delete(listener)
    if (set.size === 0) listeners.delete(topic)
  }
}
