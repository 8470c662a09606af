import http from 'node:http'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { clearPageCache, createPageCache, preferredEncoding } from '@/runtime/pageCache'

/** Stands in for Next: answers what `next` says, counting renders. */
let nextState: { cache: string; body: string; cookie?: string; delayMs?: number } = {
  cache: 'HIT',
  body: 'v1',
}
let renders = 0
let clock = 1_000_000
const cache = createPageCache({ ttlMs: 30_000, now: () => clock })

const server = http.createServer((request, response) => {
  response.setHeader('Content-Security-Policy', 'from-the-server')
  const cached = cache.lookup(request)
  if (cached?.hit) return cache.serve(cached.hit, request, response)
  if (cached) cache.capture(cached.key, request, response)
  renders++
  const state = nextState
  const answer = () => {
    response.setHeader('x-nextjs-cache', state.cache)
    response.setHeader('etag', `"${state.body}"`)
    response.setHeader('Content-Security-Policy', 'from-next')
    if (state.cookie) response.setHeader('set-cookie', state.cookie)
    response.setHeader('content-type', 'text/html')
    // Like Next: compressed as negotiated, and a HEAD gets the headers only.
    const accepted = String(request.headers['accept-encoding'] ?? '')
    const html = Buffer.from(`<p>${state.body}</p>`)
    const [encoding, bytes] = /gzip/.test(accepted)
      ? ['gzip', zlib.gzipSync(html)]
      : /deflate/.test(accepted)
        ? ['deflate', zlib.deflateSync(html)]
        : [undefined, html]
    if (encoding) response.setHeader('content-encoding', encoding)
    if (request.method === 'HEAD') return response.end()
    response.write(bytes.subarray(0, 5))
    response.end(bytes.subarray(5))
  }
  if (state.delayMs) setTimeout(answer, state.delayMs)
  else answer()
})
let base = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { headers })

describe('page cache in front of Next', () => {
  it('serves what Next served from its cache without asking Next again', async () => {
    nextState = { cache: 'HIT', body: 'v1' }
    renders = 0
    const first = await get('/docs/a/b')
    expect(await first.text()).toBe('<p>v1</p>')
    const second = await get('/docs/a/b')
    expect(await second.text()).toBe('<p>v1</p>')
    expect(second.headers.get('x-portal-cache')).toBe('HIT')
    // The server's own headers of the response win over the stored ones.
    expect(second.headers.get('content-security-policy')).toBe('from-the-server')
    expect(renders).toBe(1)
    const notModified = await get('/docs/a/b', { 'if-none-match': '"v1"' })
    expect(notModified.status).toBe(304)
    const head = await fetch(`${base}/docs/a/b`, { method: 'HEAD' })
    expect(head.headers.get('x-portal-cache')).toBe('HIT')
    expect(renders).toBe(1)
  })

  it('keeps nothing Next rendered afresh, set a cookie on, or that came with a query or router headers', async () => {
    renders = 0
    nextState = { cache: 'MISS', body: 'miss' }
    await get('/docs/c/miss')
    await get('/docs/c/miss')
    nextState = { cache: 'HIT', body: 'cookie', cookie: 'a=b' }
    await get('/docs/c/cookie')
    await get('/docs/c/cookie')
    nextState = { cache: 'HIT', body: 'plain' }
    const routerHeaders: Record<string, string>[] = [{ rsc: '1' }, { 'next-router-prefetch': '1' }]
    for (const headers of routerHeaders) {
      await get('/docs/c/rsc', headers)
      await get('/docs/c/rsc', headers)
    }
    await get('/docs/c/q?x=1')
    await get('/docs/c/q?x=1')
    // Draft mode (the admin's live preview) always reaches Next.
    await get('/docs/c/draft', { cookie: '__prerender_bypass=1' })
    await get('/docs/c/draft', { cookie: '__prerender_bypass=1' })
    expect(renders).toBe(12)
  })

  it('forgets everything on a publish, even a render that was under way, and after its TTL', async () => {
    nextState = { cache: 'HIT', body: 'old' }
    await get('/docs/d/e')
    renders = 0
    expect(await (await get('/docs/d/e')).text()).toBe('<p>old</p>')
    expect(renders).toBe(0)
    clearPageCache()
    nextState = { cache: 'HIT', body: 'new' }
    expect(await (await get('/docs/d/e')).text()).toBe('<p>new</p>')
    expect(renders).toBe(1)

    // A render that started before the publish answers its request but is not kept.
    nextState = { cache: 'HIT', body: 'slow', delayMs: 100 }
    const slow = get('/docs/d/slow')
    await new Promise((resolve) => setTimeout(resolve, 30))
    clearPageCache()
    await (await slow).text()
    nextState = { cache: 'HIT', body: 'fresh' }
    expect(await (await get('/docs/d/slow')).text()).toBe('<p>fresh</p>')

    clock += 31_000
    nextState = { cache: 'HIT', body: 'later' }
    expect(await (await get('/docs/d/e')).text()).toBe('<p>later</p>')
    expect(cache.size()).toBeGreaterThan(0)
  })

  it('never keeps a HEAD answer (no body), and keeps only gzip or plain answers under their own key', async () => {
    nextState = { cache: 'HIT', body: 'headed' }
    renders = 0
    for (let i = 0; i < 3; i++) await fetch(`${base}/docs/h/i`, { method: 'HEAD' })
    expect(renders).toBe(3)
    expect(await (await get('/docs/h/i')).text()).toBe('<p>headed</p>')

    // Only deflate accepted: Next answers deflate, which is not kept…
    renders = 0
    for (let i = 0; i < 2; i++) {
      const deflated = await get('/docs/h/deflate', { 'accept-encoding': 'deflate' })
      expect(deflated.headers.get('content-encoding')).toBe('deflate')
      expect(await deflated.text()).toBe('<p>headed</p>')
    }
    expect(renders).toBe(2)
    // …and a client that accepts no compression never gets the gzip copy.
    await get('/docs/h/plain')
    await get('/docs/h/plain')
    const plain = await get('/docs/h/plain', { 'accept-encoding': 'identity' })
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.text()).toBe('<p>headed</p>')

    expect(preferredEncoding('gzip, deflate, br')).toBe('gzip')
    expect(preferredEncoding('deflate, gzip;q=0')).toBe('identity')
    expect(preferredEncoding('*')).toBe('identity')
    expect(preferredEncoding(undefined)).toBe('identity')
    expect(preferredEncoding('GZIP;q=0.5')).toBe('gzip')
  })
})
