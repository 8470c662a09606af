import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { parsePageQuery } from '@/app/(portal)/dashboard/analytics/_components/query'
import { parseBefore } from '@/app/(portal)/dashboard/page'
import { GET as stream } from '@/app/api/notifications/stream/route'
import { activityFeed, ACTIVITY_PER_PAGE, type DashboardAccount } from '@/data/dashboard'
import { closeKeyService, keyService, verifyKey } from '@/lib/keys/service'
import { redis } from '@/lib/redis'
import { readUsageCounts, usageLayout } from '@/lib/usage/live'
import type { User } from '@/payload-types'

import { asUser, makeUser, testPayload, unique } from '../helpers/payload'

let payload: Payload

beforeAll(async () => {
  payload = await testPayload()
  // Connected before the first verification (one made while connecting counts in-process).
  await redis().ping()
})
afterAll(async () => {
  await closeKeyService()
})

async function keyOf(user: User, data: Record<string, unknown> = {}) {
  return (await payload.create({
    collection: 'api-keys',
    data: { name: unique('key'), environment: 'development', scopes: ['tracks:read'], ...data },
    depth: 0,
    overrideAccess: false,
    user: asUser(user),
  } as never)) as unknown as { id: number; key: string }
}

/** Fixed minute windows: start early in a minute so a test's calls all land in one. */
async function startOfAMinute() {
  const left = 60_000 - (Date.now() % 60_000)
  if (left < 15_000) await new Promise((resolve) => setTimeout(resolve, left + 50))
}

const personal = (user: User): DashboardAccount => ({
  key: `u${user.id}`,
  label: 'Personal',
  organization: null,
})

async function tokenOf(user: User) {
  const { token } = await payload.login({
    collection: 'users',
    data: { email: user.email, password: 'correct-horse-battery' },
  })
  return token as string
}

describe('live usage', () => {
  it('reads the limiter’s own counters: used and remaining match the verification answers', async () => {
    await startOfAMinute()
    const user = await makeUser()
    const key = await keyOf(user)
    let last
    for (let i = 0; i < 3; i++) last = await verifyKey({ key: key.key, scope: 'tracks:read' })
    await verifyKey({ key: key.key, scope: 'models:train' })
    expect(last?.ratelimit).toMatchObject({ window: 'minute', remaining: 7 })

    const layout = await usageLayout(keyService().pool, [`u${user.id}`])
    const [usage] = await readUsageCounts(redis(), layout)
    expect(usage.plan).toBe('free')
    const windows = Object.fromEntries(usage.windows.map((w) => [`${w.resource}:${w.window}`, w]))
    expect(Object.keys(windows)).toEqual([
      'api_calls:minute',
      'api_calls:hour',
      'api_calls:day',
      'audio_processing:day',
      'model_training:month',
    ])
    expect(windows['api_calls:minute']).toMatchObject({ limit: 10, used: 3, remaining: 7 })
    expect(windows['api_calls:minute'].remaining).toBe(last?.ratelimit?.remaining)
    expect(windows['api_calls:day']).toMatchObject({ limit: 1000, used: 3, remaining: 997 })
    // The call refused for its scope never reached the limiter.
    expect(usage.today).toEqual({ allowed: 3, limited: 0 })
  })

  it('follows an organization’s contract limits, and knows no account it cannot find', async () => {
    const owner = await makeUser()
    const org = (await payload.create({
      collection: 'organizations',
      data: {
        name: 'Contract org',
        slug: unique('contract').toLowerCase(),
        plan: 'enterprise',
        limits: { apiCallsPerDay: 5000 },
        members: [{ user: owner.id, role: 'owner' }],
      },
      overrideAccess: true,
    } as never)) as unknown as { id: number }
    const layout = await usageLayout(keyService().pool, [`o${org.id}`, 'o999999999', 'nonsense'])
    expect(layout).toEqual([
      {
        account: `o${org.id}`,
        plan: 'enterprise',
        windows: [{ resource: 'api_calls', window: 'day', limit: 5000 }],
      },
    ])
  })

  it('streams the bars to the account’s person and refuses anyone else’s account', async () => {
    await startOfAMinute()
    const me = await makeUser()
    const stranger = await makeUser()
    const key = await keyOf(me)
    const token = await tokenOf(me)
    const headers = { authorization: `JWT ${token}` }

    const refused = await stream(
      new Request(`http://localhost/api/notifications/stream?watch=usage:u${stranger.id}`, {
        headers,
      }),
    )
    expect(refused.status).toBe(404)
    const mixed = await stream(
      new Request(
        `http://localhost/api/notifications/stream?watch=usage:u${me.id},u${stranger.id}`,
        { headers },
      ),
    )
    expect(mixed.status).toBe(404)

    const controller = new AbortController()
    const response = await stream(
      new Request(`http://localhost/api/notifications/stream?watch=usage:u${me.id}`, {
        headers,
        signal: controller.signal,
      }),
    )
    expect(response.status).toBe(200)
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    let buffer = ''
    /** The next `usage` event's accounts. */
    const nextUsage = async () => {
      for (;;) {
        const match = /event: usage\ndata: (.*)\n\n/.exec(buffer)
        if (match) {
          buffer = buffer.slice((match.index ?? 0) + match[0].length)
          return JSON.parse(match[1]) as { account: string; windows: { used: number }[] }[]
        }
        const { value, done } = await reader.read()
        if (done) throw new Error('stream ended')
        buffer += decoder.decode(value)
      }
    }
    const first = await nextUsage()
    expect(first[0].account).toBe(`u${me.id}`)
    expect(first[0].windows[0].used).toBe(0)
    await verifyKey({ key: key.key, scope: 'tracks:read' })
    await verifyKey({ key: key.key, scope: 'tracks:read' })
    let update = await nextUsage()
    if (update[0].windows[0].used < 2) update = await nextUsage()
    expect(update[0].windows[0].used).toBe(2)
    controller.abort()
  }, 20_000)
})

describe('activity feed', () => {
  it('lists my account’s events newest first with links, pages without repeats, never others’', async () => {
    // A pro account: more than the free plan's five active keys.
    const me = await makeUser(['member'], { plan: 'pro' })
    const stranger = await makeUser()
    const created: number[] = []
    for (let i = 0; i < ACTIVITY_PER_PAGE + 2; i++) created.push((await keyOf(me)).id)
    const theirs = await keyOf(stranger)

    const first = await activityFeed(me, [personal(me)])
    expect(first.items).toHaveLength(ACTIVITY_PER_PAGE)
    expect(first.items[0]).toMatchObject({
      type: 'api_key.created',
      title: 'API key created',
      href: `/api-keys/${created.at(-1)}`,
    })
    expect(first.next).not.toBeNull()
    const second = await activityFeed(me, [personal(me)], new Date(first.next as string))
    const ids = [...first.items, ...second.items].map((item) => item.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toHaveLength(ACTIVITY_PER_PAGE + 2)
    expect(second.next).toBeNull()
    const hrefs = [...first.items, ...second.items].map((item) => item.href)
    expect(hrefs.sort()).toEqual(created.map((id) => `/api-keys/${id}`).sort())

    // Even asked for the stranger's account, the feed shows only what the reader may read.
    const intruding = await activityFeed(me, [
      personal(stranger),
      { key: 'o1', label: 'Org', organization: 1 },
    ])
    expect(intruding.items.map((item) => item.href)).not.toContain(`/api-keys/${theirs.id}`)
    const theirFeed = await activityFeed(stranger, [personal(stranger)])
    expect(theirFeed.items.map((item) => item.href)).toEqual([`/api-keys/${theirs.id}`])
  })
})

describe('live streams under load', () => {
  it('admits ten streams per person even when they are opened all at once', async () => {
    const me = await makeUser()
    const headers = { authorization: `JWT ${await tokenOf(me)}` }
    const controller = new AbortController()
    const answers = await Promise.all(
      Array.from({ length: 13 }, () =>
        stream(
          new Request(`http://localhost/api/notifications/stream?watch=usage:u${me.id}`, {
            headers,
            signal: controller.signal,
          }),
        ),
      ),
    )
    const statuses = answers.map((answer) => answer.status).sort()
    expect(statuses.filter((status) => status === 200)).toHaveLength(10)
    expect(statuses.filter((status) => status === 429)).toHaveLength(3)
    controller.abort()
    for (const answer of answers) await answer.body?.cancel().catch(() => undefined)
  })
})

describe('addresses the dashboard pages read', () => {
  it('keeps custom ranges real, at most 90 days long, and ignores a cursor that is not one', () => {
    const ok = parsePageQuery({ range: 'custom', from: '2026-11-01T00:00', to: '2026-11-30T00:00' })
    expect(ok).toMatchObject({ range: 'custom', from: '2026-11-01T00:00', ignored: [] })
    for (const [from, to] of [
      ['0001-01-01T00:00', '9999-12-31T00:00'],
      ['2026-13-01T00:00', '2026-12-01T00:00'],
      ['2026-02-30T00:00', '2026-03-05T00:00'],
      ['2026-01-01T00:00', '2026-06-01T00:00'],
      ['2026-02-01T00:00', '2026-01-01T00:00'],
    ]) {
      const query = parsePageQuery({ range: 'custom', from, to })
      expect(query.range, `${from} – ${to}`).toBe('24h')
      expect(query.ignored[0]).toMatch(/^from\/to/)
    }
    expect(parsePageQuery({ cursor: 'abc' }).log.cursor).toBeUndefined()
    expect(parsePageQuery({ cursor: 'abc' }).ignored).toContain('page of the log')
    expect(parsePageQuery({ status: '9999' }).ignored).toContain('status')
  })

  it('reads the activity feed’s `before` only as a date of this century', () => {
    expect(parseBefore('2026-11-30T10:00:00.000Z')?.toISOString()).toBe('2026-11-30T10:00:00.000Z')
    for (const value of ['0000-01-01', '9999-01-01', 'yesterday', 'x'.repeat(50)]) {
      expect(parseBefore(value), value).toBeUndefined()
    }
  })
})
