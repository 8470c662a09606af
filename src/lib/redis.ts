import Redis from 'ioredis'
import RedisMock from 'ioredis-mock'

import { env } from './env'
import { logger } from './logger'

export type RedisStore = Redis

const globalForRedis = globalThis as unknown as { ttRedis?: RedisStore }

/**
 * The process's Redis client. Without REDIS_URL an in-process store with the same interface
 * (ioredis-mock, Lua scripts included) stands in: fine for one instance, not for several.
 */
export function redis(): RedisStore {
  if (globalForRedis.ttRedis) return globalForRedis.ttRedis
  const { REDIS_URL } = env()
  if (REDIS_URL) {
    const client = new Redis(REDIS_URL, {
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      enableOfflineQueue: true,
      lazyConnect: false,
      // Commands issued in the same tick go out in one write (the verifier's hot path).
      enableAutoPipelining: true,
      // Lets several portals (or test runs) share one Redis without sharing counters.
      keyPrefix: env().REDIS_KEY_PREFIX,
    })
    client.on('error', (err) => logger.warn({ msg: 'redis error', err: err.message }))
    globalForRedis.ttRedis = client
  } else {
    globalForRedis.ttRedis = new RedisMock() as unknown as RedisStore
  }
  return globalForRedis.ttRedis
}

/**
 * A pub/sub channel's name for this portal: ioredis prefixes keys, not channels, and portals (or
 * test runs) sharing one Redis must not hear each other's messages.
 */
export const channelName = (name: string) => `${env().REDIS_KEY_PREFIX ?? ''}${name}`

export const redisKind = () => (env().REDIS_URL ? 'redis' : 'in-process')

export async function closeRedis(): Promise<void> {
  const client = globalForRedis.ttRedis
  globalForRedis.ttRedis = undefined
  if (client) await client.quit()
}
