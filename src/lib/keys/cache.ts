import Redis from 'ioredis'

import { env } from '../env'
import { logger } from '../logger'
import { redis } from '../redis'

/** Redis channel on which every verifier hears that a key changed (payload: its SHA-256). */
export const INVALIDATE_CHANNEL = 'tt:keys:invalidate'
/** Redis key of a key's cached metadata: by hash, never by plaintext. */
export const metadataKey = (hash: string) => `tt:key:${hash}`

type Entry<T> = { value: T; expiresAt: number }

type CacheState = {
  local: Map<string, Entry<unknown>>
  subscriber?: Redis
}

const globalForCache = globalThis as unknown as { ttKeyCache?: CacheState }

/** The process's in-process metadata cache, shared by every verifier in the process. */
export function localKeyCache(): CacheState {
  globalForCache.ttKeyCache ??= { local: new Map() }
  return globalForCache.ttKeyCache
}

async function dropEverywhere(hash: string) {
  localKeyCache().local.delete(hash)
  try {
    const client = redis()
    await client.del(metadataKey(hash))
    await client.publish(INVALIDATE_CHANNEL, hash)
  } catch (err) {
    logger.warn({ msg: 'key cache invalidation did not reach Redis', err: String(err) })
  }
}

/**
 * Drops a key's cached metadata here, in Redis and (over pub/sub) in every other verifier.
 * Repeated shortly after, so a read racing the revoking transaction's commit cannot keep a
 * stale copy.
 */
export function invalidateKeyHash(hash: string): void {
  void dropEverywhere(hash)
  setTimeout(() => void dropEverywhere(hash), 300).unref()
}

/**
 * Listens for invalidations from other processes. With the in-process store there are no
 * other processes, and the direct deletion above is enough.
 */
export function subscribeToInvalidations(): void {
  const state = localKeyCache()
  const url = env().REDIS_URL
  if (!url || state.subscriber) return
  const subscriber = new Redis(url, { maxRetriesPerRequest: null, connectTimeout: 2000 })
  subscriber.on('error', () => undefined)
  subscriber.on('message', (_channel, hash: string) => state.local.delete(hash))
  // After a disconnection messages may have been missed: forget everything cached.
  subscriber.on('ready', () => state.local.clear())
  void subscriber.subscribe(INVALIDATE_CHANNEL).catch(() => undefined)
  state.subscriber = subscriber
}

export async function unsubscribeFromInvalidations(): Promise<void> {
  const state = localKeyCache()
  const subscriber = state.subscriber
  state.subscriber = undefined
  if (subscriber) subscriber.disconnect()
}
