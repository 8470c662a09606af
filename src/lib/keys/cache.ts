import Redis from 'ioredis'

import { env } from '../env'
import { logger } from '../logger'
import { channelName, redis } from '../redis'

/** Redis channel on which every verifier hears that a key changed (payload: its SHA-256). */
export const INVALIDATE_CHANNEL = 'tt:keys:invalidate'
/** Redis key of a key's cached metadata: by hash, never by plaintext. */
export const metadataKey = (hash: string) => `tt:key:${hash}`

/**
 * After a change, a key is not cached anywhere for this long: a read racing the transaction
 * that changed it (before its commit) cannot put the old version back.
 */
export const TOMBSTONE_MS = 5000
/** Redis holds this instead of metadata while a key's tombstone lasts. */
export const STALE = 'stale'
const MAX_LOCAL_ENTRIES = 50_000

type Entry<T> = { value: T; expiresAt: number } | { tombstoneUntil: number }

type CacheState = {
  local: Map<string, Entry<unknown>>
  subscriber?: Redis
  /** Invalidations that could not reach Redis, replayed when it is back. */
  pending: Set<string>
  isReplayArmed?: boolean
}

const globalForCache = globalThis as unknown as { ttKeyCache?: CacheState }

/** The process's in-process metadata cache, shared by every verifier in the process. */
export function localKeyCache(): CacheState {
  globalForCache.ttKeyCache ??= { local: new Map(), pending: new Set() }
  return globalForCache.ttKeyCache
}

/** A cached value, or undefined on a miss; `isBlocked` while the key's tombstone lasts. */
export function readLocal<T>(hash: string, now: number): { value?: T; isBlocked: boolean } {
  const entry = localKeyCache().local.get(hash)
  if (!entry) return { isBlocked: false }
  if ('tombstoneUntil' in entry) return { isBlocked: entry.tombstoneUntil > now }
  return entry.expiresAt > now
    ? { value: entry.value as T, isBlocked: false }
    : { isBlocked: false }
}

/** Caches a value in process (bounded: the oldest tenth goes when full). */
export function writeLocal(hash: string, value: unknown, ttlMs: number, now: number): void {
  const { local } = localKeyCache()
  if (local.size >= MAX_LOCAL_ENTRIES) {
    let drop = Math.ceil(MAX_LOCAL_ENTRIES / 10)
    for (const key of local.keys()) {
      local.delete(key)
      if (--drop === 0) break
    }
  }
  local.set(hash, { value, expiresAt: now + ttlMs })
}

const tombstone = (hash: string) =>
  localKeyCache().local.set(hash, { tombstoneUntil: Date.now() + TOMBSTONE_MS })

async function dropEverywhere(hash: string) {
  const state = localKeyCache()
  tombstone(hash)
  const client = redis()
  if (!state.isReplayArmed) {
    state.isReplayArmed = true
    client.on('ready', () => {
      for (const pending of [...state.pending]) void dropEverywhere(pending)
    })
  }
  try {
    await client.set(metadataKey(hash), STALE, 'PX', TOMBSTONE_MS)
    await client.publish(channelName(INVALIDATE_CHANNEL), hash)
    state.pending.delete(hash)
  } catch (err) {
    state.pending.add(hash)
    logger.warn({
      msg: 'key cache invalidation did not reach Redis; replayed when it is back',
      err: String(err),
    })
  }
}

/**
 * Drops a key's cached metadata here, in Redis and (over pub/sub) in every other verifier.
 * The tombstone it leaves keeps a read that races the change's commit from caching the old key.
 */
export function invalidateKeyHash(hash: string): void {
  void dropEverywhere(hash)
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
  subscriber.on('message', (_channel, hash: string) => tombstone(hash))
  // After a disconnection messages may have been missed: forget everything cached.
  subscriber.on('ready', () => state.local.clear())
  void subscriber.subscribe(channelName(INVALIDATE_CHANNEL)).catch(() => undefined)
  state.subscriber = subscriber
}

export async function unsubscribeFromInvalidations(): Promise<void> {
  const state = localKeyCache()
  const subscriber = state.subscriber
  state.subscriber = undefined
  if (subscriber) subscriber.disconnect()
}
