import type { Payload } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { failingEndpoints, keysNearLimit, signupsToday } from '@/data/adminDashboard'
import { keyLimitWindows } from '@/data/apiKeys'
import { windowKey } from '@/lib/keys/limiter'
import { closeKeyService } from '@/lib/keys/service'
import { redis } from '@/lib/redis'
import type { ApiKey, User } from '@/payload-types'

import { asUser, makeUser, testPayload, unique } from '../helpers/payload'

let payload: Payload
let db: pg.Pool

beforeAll(async () => {
  payload = await testPayload()
  db = new pg.Pool({ connectionString: process.env.DATABASE_URL })
})
afterAll(async () => {
  await closeKeyService()
  await db.end()
})

async function endpointOf(user: User, failingSince: string | null) {
  const endpoint = (await payload.create({
    collection: 'webhook-endpoints',
    data: { url: `http://127.0.0.1:9/${unique('hook')}`, events: [] } as never,
    depth: 0,
    overrideAccess: false,
    user: asUser(user),
  })) as { id: number }
  await db.query('UPDATE webhook_endpoints SET failing_since = $2 WHERE id = $1', [
    endpoint.id,
    failingSince,
  ])
  return endpoint.id
}

/** A key used just now whose account has counted `share` of its daily API-call limit. */
async function keyAt(user: User, share: number, now: number) {
  const key = (await payload.create({
    collection: 'api-keys',
    data: { name: unique('key'), environment: 'development', scopes: ['tracks:read'] } as never,
    depth: 0,
    overrideAccess: false,
    user: asUser(user),
    context: { ip: '198.51.100.7' },
  })) as ApiKey
  await db.query('UPDATE api_keys SET last_used_at = $2 WHERE id = $1', [key.id, new Date(now)])
  const limits = await keyLimitWindows(key)
  const daily = limits?.windows.find((w) => w.resource === 'api_calls' && w.window === 'day')
  if (!limits || !daily) throw new Error('the free plan has a daily API-call limit')
  const counter = windowKey(limits.account, 'api_calls', 'day', now)
  await redis().set(counter, String(Math.round(daily.limit * share)), 'PX', 86_400_000)
  return { key, limit: daily.limit }
}

describe('admin dashboard data', () => {
  it('counts the accounts created since midnight UTC, and none of them tomorrow', async () => {
    const staff = await makeUser(['staff'])
    const now = Date.now()
    const before = await signupsToday(payload, staff, now)
    await makeUser()
    await makeUser()
    expect(await signupsToday(payload, staff, Date.now())).toBe(before + 2)
    const tomorrow = now - (now % 86_400_000) + 86_400_000 + 1000
    expect(await signupsToday(payload, staff, tomorrow)).toBe(0)
  })

  it('lists enabled failing endpoints to staff, longest failing first, and to owners only theirs', async () => {
    const owner = await makeUser()
    const staff = await makeUser(['staff'])
    const failing = await endpointOf(owner, '2000-01-01T00:00:00.000Z')
    const healthy = await endpointOf(owner, null)
    const seenByStaff = await failingEndpoints(payload, staff)
    expect(seenByStaff.rows[0]).toEqual({
      id: failing,
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:9\/hook-/),
      failingSince: '2000-01-01T00:00:00.000Z',
    })
    expect(seenByStaff.rows.map((row) => row.id)).not.toContain(healthy)

    const ownRows = (await failingEndpoints(payload, owner)).rows
    expect(ownRows.map((row) => row.id)).toEqual([failing])
    const moderator = await makeUser(['moderator'])
    expect(await failingEndpoints(payload, moderator)).toEqual({ total: 0, rows: [] })
  })

  it('shows keys at 80% or more of a limit, fullest first, with the counters the verifier uses', async () => {
    const now = Date.now()
    const owner = await makeUser()
    const other = await makeUser()
    const staff = await makeUser(['staff'])
    const full = await keyAt(owner, 3, now)
    const quiet = await keyAt(other, 0.1, now)

    const near = await keysNearLimit(payload, staff, now)
    expect(near[0]).toEqual({
      id: full.key.id,
      name: full.key.name,
      display: full.key.display,
      resource: 'api_calls',
      window: 'day',
      used: full.limit * 3,
      limit: full.limit,
      share: 3,
      isKeyLimit: false,
    })
    expect(near.map((row) => row.id)).not.toContain(quiet.key.id)
    // Access applies: another member sees none of it, the owner sees their own key.
    expect(await keysNearLimit(payload, other, now)).toEqual([])
    expect((await keysNearLimit(payload, owner, now)).map((row) => row.id)).toEqual([full.key.id])
  })
})
