import type { Payload } from 'payload'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import PortalError from '@/app/(portal)/error'
import { remaining } from '@/components/Countdown/index.client'
import { parseAccountChoice } from '@/data/account'
import { errorRate, topEndpoints } from '@/data/apiKeys'
import { searchPortal } from '@/data/search'
import { closeKeyService, keyService } from '@/lib/keys/service'
import { insertUsageEvents } from '@/lib/usage/events'
import { outcomeGroup } from '@/lib/usage/outcomes'
import type { User } from '@/payload-types'

import { asUser, makeUser, testPayload, unique } from '../helpers/payload'

let payload: Payload

beforeAll(async () => {
  payload = await testPayload()
})
afterAll(async () => {
  await closeKeyService()
})

async function keyOf(user: User, name: string) {
  return (await payload.create({
    collection: 'api-keys',
    data: { name, environment: 'development', scopes: ['tracks:read'] } as never,
    depth: 0,
    overrideAccess: false,
    user: asUser(user),
  })) as { id: number; display: string }
}

describe('search', () => {
  it('finds my keys and endpoints by name, prefix or URL, and never anyone else’s', async () => {
    const me = await makeUser()
    const stranger = await makeUser()
    const word = unique('needle')
    const mine = await keyOf(me, `${word} mine`)
    await keyOf(stranger, `${word} theirs`)
    const endpoint = (await payload.create({
      collection: 'webhook-endpoints',
      data: { url: `http://127.0.0.1:9/${word}`, events: [] } as never,
      depth: 0,
      overrideAccess: false,
      user: asUser(me),
    })) as { id: number }

    const hits = await searchPortal(me, word)
    expect(hits.filter((hit) => hit.group === 'API keys')).toEqual([
      {
        group: 'API keys',
        title: `${word} mine`,
        href: `/api-keys/${mine.id}`,
        detail: mine.display,
      },
    ])
    expect(hits.filter((hit) => hit.group === 'Webhook endpoints').map((hit) => hit.href)).toEqual([
      `/settings/webhooks/${endpoint.id}`,
    ])
    // `%` and `_` are searched for as they are, not as wildcards listing everything.
    for (const wildcard of ['%', '_', '\\']) {
      const found = (await searchPortal(me, wildcard)).filter((hit) => hit.group !== 'Pages')
      const literal = found.filter((hit) => `${hit.title} ${hit.detail}`.includes(wildcard))
      expect(found, wildcard).toEqual(literal)
    }
    const percent = await keyOf(me, `${word} 100% pure`)
    // (Docs pages that mention "100" are found too; only keys are in question here.)
    const hundred = (await searchPortal(me, '100%')).filter((hit) => hit.group === 'API keys')
    expect(hundred.map((hit) => hit.href)).toEqual([`/api-keys/${percent.id}`])
    const byPrefix = await searchPortal(me, mine.display.slice(0, 12))
    expect(byPrefix.map((hit) => hit.href)).toContain(`/api-keys/${mine.id}`)

    // A visitor finds public pages only; SQL wildcards are just characters.
    expect(await searchPortal(null, word)).toEqual([])
    expect((await searchPortal(null, 'webhooks')).map((hit) => hit.href)).toEqual(
      expect.arrayContaining(['/docs/webhooks/verifying-webhooks']),
    )
    expect((await searchPortal(null, 'webhooks')).map((hit) => hit.href)).not.toContain(
      '/settings/webhooks',
    )
    expect(await searchPortal(me, '   ')).toEqual([])
  })
})

describe('the account switcher', () => {
  it('accepts personal or an organization the person manages, and nothing else', () => {
    expect(parseAccountChoice('personal', [4])).toBe('personal')
    expect(parseAccountChoice('4', [4])).toBe(4)
    expect(parseAccountChoice('5', [4])).toBe('all')
    expect(parseAccountChoice('4 OR 1=1', [4])).toBe('all')
    expect(parseAccountChoice(undefined, [4])).toBe('all')
  })
})

describe('usage outcomes', () => {
  it('tells rate limited calls from refused ones the same way in every figure', async () => {
    const user = await makeUser()
    const key = await keyOf(user, 'outcomes')
    const at = new Date()
    const verify = (code: string) => ({
      occurredAt: at,
      kind: 'verify' as const,
      keyId: key.id,
      code,
      endpoint: 'GET /v1/tracks',
    })
    await insertUsageEvents(keyService().pool, [
      verify('VALID'),
      verify('VALID'),
      verify('RATE_LIMITED'),
      verify('USAGE_EXCEEDED'),
      verify('REVOKED'),
    ])
    expect(
      ['VALID', 'RATE_LIMITED', 'USAGE_EXCEEDED', 'REVOKED', 'NOT_FOUND'].map(outcomeGroup),
    ).toEqual(['allowed', 'limited', 'limited', 'refused', 'refused'])
    const rates = await errorRate(key.id, 1)
    expect(rates).toMatchObject({ verifications: 5, rateLimited: 2, refused: 1, refusalRate: 0.6 })
    const [endpoint] = await topEndpoints(key.id, 1)
    expect(endpoint).toMatchObject({
      endpoint: 'GET /v1/tracks',
      requests: 5,
      rateLimited: 2,
      refused: 1,
    })
  })
})

describe('the shell’s small parts', () => {
  it('counts down in words a person reads at a glance', () => {
    expect(remaining(3_600_000)).toBe('60 min')
    expect(remaining(59 * 60_000 + 1)).toBe('60 min')
    expect(remaining(42_000)).toBe('42 s')
    expect(remaining(3 * 3_600_000 + 5 * 60_000)).toBe('3 h 5 min')
    expect(remaining(7 * 86_400_000)).toBe('7 days')
    expect(remaining(-5)).toBe('0 s')
  })

  it('shows a failed page with a reference, never the error’s message or stack', () => {
    const error = Object.assign(new Error('password=hunter2 at db.query'), { digest: 'd1g35t' })
    const html = renderToStaticMarkup(createElement(PortalError, { error, reset: () => undefined }))
    expect(html).toContain('Something went wrong on our side')
    expect(html).toContain('d1g35t')
    expect(html).not.toContain('hunter2')
    expect(html).not.toContain(String(error.stack).split('\n')[1].trim())
    expect(html).toContain('action="/search"')
  })
})
