import { randomUUID } from 'node:crypto'

import type Redis from 'ioredis'

import { env } from '../env'
import { logger } from '../logger'
import { channelName, redis } from '../redis'

/**
 * The status page is cached (Next's data cache under STATUS_TAG, and the page cache in front of
 * Next). What changes it — staff in /admin, the worker moving a component or a maintenance — says
 * so here: every web process hears it (Redis pub/sub across processes, directly within one) and
 * expires its cache (src/runtime/statusRevalidation.ts). Nothing here imports Next.
 */
export const STATUS_TAG = 'status'
export const STATUS_CHANNEL = 'tt:status'

/** Uptime and response times are at most this old even when nothing is announced. */
export const STATUS_BACKSTOP_SECONDS = 60

type Listener = () => void
type State = { origin: string; listeners: Set<Listener>; subscriber?: Redis }
const KEY = Symbol.for('tunetrail.statusChanges')
const state = (): State => {
  const global = globalThis as unknown as Record<symbol, State | undefined>
  return (global[KEY] ??= { origin: randomUUID(), listeners: new Set() })
}

/** Tells every process that what the status page shows changed. Never throws. */
export async function announceStatusChange(): Promise<void> {
  const { origin, listeners } = state()
  for (const listener of listeners) listener()
  if (!env().REDIS_URL) return
  await redis()
    .publish(channelName(STATUS_CHANNEL), origin)
    .catch((err: unknown) => logger.warn({ msg: 'status change not announced', err: String(err) }))
}

/**
 * Calls `listener` whenever the status page changed, in this process or another one (with Redis).
 * Returns the way to stop.
 */
export function onStatusChange(listener: Listener): () => void {
  const current = state()
  current.listeners.add(listener)
  if (!current.subscriber && env().REDIS_URL) {
    const subscriber = redis().duplicate({ maxRetriesPerRequest: null })
    subscriber.on('error', (err) => logger.debug({ msg: 'status subscriber', err: err.message }))
    subscriber.on('message', (_channel, origin: string) => {
      // This process already told its own listeners.
      if (origin === current.origin) return
      for (const each of current.listeners) each()
    })
    // After a reconnection a change may have been missed.
    subscriber.on('ready', () => {
      for (const each of current.listeners) each()
    })
    void subscriber
      .subscribe(channelName(STATUS_CHANNEL))
      .catch((err: unknown) =>
        logger.warn({ msg: 'status channel not subscribed', err: String(err) }),
      )
    current.subscriber = subscriber
  }
  return () => {
    current.listeners.delete(listener)
    if (current.listeners.size === 0 && current.subscriber) {
      current.subscriber.disconnect()
      current.subscriber = undefined
    }
  }
}
