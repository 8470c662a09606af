import Redis from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { announceTopics, NOTIFICATIONS_CHANNEL } from '@/lib/notifications/live'
import { closeRedis } from '@/lib/redis'
import { announceStatusChange, STATUS_CHANNEL } from '@/lib/status/cache'

// Portals (and test workers) that share one Redis are told apart by REDIS_KEY_PREFIX: their
// counters were already apart, their pub/sub messages must be too.
describe('pub/sub channels of a portal sharing Redis', () => {
  let listener: Redis
  const heard: string[] = []
  const prefix = process.env.REDIS_KEY_PREFIX as string

  beforeAll(async () => {
    expect(prefix).toBeTruthy()
    listener = new Redis(process.env.REDIS_URL as string)
    listener.on('message', (channel: string) => heard.push(channel))
    await listener.subscribe(
      NOTIFICATIONS_CHANNEL,
      STATUS_CHANNEL,
      `${prefix}${NOTIFICATIONS_CHANNEL}`,
      `${prefix}${STATUS_CHANNEL}`,
    )
  })

  afterAll(async () => {
    listener.disconnect()
    await closeRedis()
  })

  it('carry the portal’s key prefix, so another portal never hears them', async () => {
    await announceTopics(['u1'])
    await announceStatusChange()
    await expect.poll(() => heard.length).toBe(2)
    expect(heard.sort()).toEqual(
      [`${prefix}${NOTIFICATIONS_CHANNEL}`, `${prefix}${STATUS_CHANNEL}`].sort(),
    )
  })
})
