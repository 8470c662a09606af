import { crc32 as zlibCrc32 } from 'node:zlib'

import config from '@payload-config'
import { describe, expect, it } from 'vitest'

import { openApiDocument } from '@/lib/api/openapi'
import { checkPastedKey, LIVE_KEY_REFUSED, maskKey, testKeyRequest } from '@/lib/docs/tryKey'
import { dryRunBody } from '@/lib/docs/playground/dryRun'
import { tryItFetch } from '@/lib/docs/tryItFetch'
import {
  groupByTag,
  keyAccess,
  listOperations,
  matchesQuery,
  type OpenApiDocument,
  type PlaygroundOperation,
} from '@/lib/docs/playground/operations'
import { explainRateLimit, rateLimitSummary } from '@/lib/docs/playground/rateLimit'
import { buildRequest, deepObjectEntries, exampleBody } from '@/lib/docs/playground/request'
import {
  pythonLiteral,
  shellQuote,
  toCurl,
  toJavaScript,
  toPython,
} from '@/lib/docs/playground/snippets'
import { fieldPath } from '@/lib/docs/playground/validate'
import { generateKey, isWellFormedKey } from '@/lib/keys/format'
import { crc32 } from '@/lib/keys/shape'

const document = async () =>
  openApiDocument(await config, 'http://localhost:3000') as unknown as OpenApiDocument

const operation = (operations: PlaygroundOperation[], id: string) => {
  const found = operations.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`no operation ${id}`)
  return found
}

const ORIGIN = 'http://localhost:3000'
const KEY = generateKey('development')
const noInputs = { path: {}, query: {}, body: '' }

describe('the browser-safe key checks', () => {
  it('computes the same CRC-32 as zlib, so server and browser agree on checksums', () => {
    for (const text of ['', 'tt_test_abc', 'tt_live_0123456789ABCDEFGHIJKLMNOPQRSTUV', 'é ü 中']) {
      expect(crc32(text), text).toBe(zlibCrc32(text))
    }
    for (let i = 0; i < 50; i++) {
      const key = generateKey(i % 2 ? 'production' : 'staging')
      expect(crc32(key)).toBe(zlibCrc32(key))
      expect(isWellFormedKey(key)).toBe(true)
    }
  })

  it('takes a pasted test key, refuses live keys and names what is wrong', () => {
    expect(checkPastedKey(`  ${KEY}\n`)).toEqual({ key: KEY, display: `tt_test_…${KEY.slice(-4)}` })
    expect(checkPastedKey(generateKey('production'))).toEqual({ error: LIVE_KEY_REFUSED })
    expect(checkPastedKey(KEY.slice(0, -1)).error).toMatch(/46 characters/)
    const typo = `${KEY.slice(0, -1)}${KEY.at(-1) === 'a' ? 'b' : 'a'}`
    expect(checkPastedKey(typo).error).toMatch(/checksum/)
    expect(checkPastedKey('sk_test_123').error).toMatch(/start with tt_test_/)
    expect(checkPastedKey('').error).toBe('Paste a key first.')
  })

  it('masks all but the prefix and the last four characters', () => {
    const masked = maskKey(KEY)
    expect(masked).toBe(`tt_test_••••••••${KEY.slice(-4)}`)
    expect(masked).not.toContain(KEY.slice(8, -4))
  })

  it('asks for a development key with read scopes that expires in 30 days', () => {
    const body = testKeyRequest(new Date('2030-01-01T00:00:00Z'))
    expect(body).toEqual({
      name: 'Docs test key 2030-01-01',
      environment: 'development',
      scopes: ['tracks:read', 'recommendations:read', 'models:read', 'usage:read'],
      expiresAt: '2030-01-31T00:00:00.000Z',
    })
  })
})

describe('the operations of the OpenAPI document', () => {
  it('lists every operation with its tag, parameters, body and key access', async () => {
    const doc = await document()
    const operations = listOperations(doc)
    const count = Object.values(doc.paths ?? {}).reduce(
      (sum, item) => sum + Object.keys(item).filter((k) => k !== 'parameters').length,
      0,
    )
    expect(operations).toHaveLength(count)
    const me = operation(operations, 'get /api/users/me')
    expect(me).toMatchObject({ method: 'get', tag: 'Users', access: { kind: 'any' } })
    const create = operation(operations, 'post /api/webhook-endpoints')
    expect(create.access).toEqual({ kind: 'scope', scope: 'webhooks:manage' })
    expect(create.body?.required).toBe(true)
    expect(operation(operations, 'post /api/api-keys').access).toEqual({ kind: 'none' })
    const byId = operation(operations, 'get /api/webhook-endpoints/{id}')
    expect(byId.parameters.find((p) => p.name === 'id')).toMatchObject({
      in: 'path',
      required: true,
    })
    const list = operation(operations, 'get /api/webhook-endpoints')
    expect(list.parameters.find((p) => p.name === 'where')?.isObject).toBe(true)
  })

  it('marks the TuneTrail API operations as served elsewhere and builds their URLs there', async () => {
    const doc = await document()
    const operations = listOperations(doc)
    const tracks = operation(operations, 'get /v1/tracks')
    expect(tracks.access).toEqual({ kind: 'scope', scope: 'tracks:read' })
    expect(tracks.elsewhere).toMatch(/^https?:\/\//)
    expect(tracks.elsewhere).not.toBe(ORIGIN)
    const built = buildRequest(tracks, { ...noInputs, query: { limit: '5' } }, ORIGIN)
    expect(built.request?.url).toBe(`${tracks.elsewhere?.replace(/\/$/, '')}/v1/tracks?limit=5`)
    expect(operation(operations, 'get /api/users/me').elsewhere).toBeUndefined()
  })

  it('groups by tag in the document order and searches every word', async () => {
    const doc = await document()
    const operations = listOperations(doc)
    const groups = groupByTag(
      operations,
      (doc.tags ?? []).map((tag) => tag.name),
    )
    expect(groups.map(([tag]) => tag)[0]).toBe('Users')
    expect(groups.flatMap(([, list]) => list)).toHaveLength(operations.length)
    const me = operation(operations, 'get /api/users/me')
    expect(matchesQuery(me, 'GET users me')).toBe(true)
    expect(matchesQuery(me, 'signed-in user')).toBe(true)
    expect(matchesQuery(me, 'webhook')).toBe(false)
  })

  it('reads who may call an operation from its security requirements', () => {
    expect(keyAccess([{ apiKey: ['tracks:read'] }, { jwt: [] }])).toEqual({
      kind: 'scope',
      scope: 'tracks:read',
    })
    expect(keyAccess([{ apiKey: [] }, { jwt: [] }])).toEqual({ kind: 'any' })
    expect(keyAccess([{ jwt: [] }, { cookie: [] }])).toEqual({ kind: 'none' })
    expect(keyAccess([{}, { jwt: [] }])).toEqual({ kind: 'public' })
    expect(keyAccess(undefined)).toEqual({ kind: 'public' })
    expect(dryRunBody(KEY, { kind: 'scope', scope: 'tracks:read' })).toEqual({
      key: KEY,
      scope: 'tracks:read',
    })
    expect(dryRunBody(KEY, { kind: 'any' })).toEqual({ key: KEY })
  })
})

describe('building a request', () => {
  it('flags a body that violates the request schema, naming the field', async () => {
    const doc = await document()
    const create = operation(listOperations(doc), 'post /api/webhook-endpoints')
    const result = buildRequest(
      create,
      { ...noInputs, body: '{"url": 42, "nope": true}' },
      ORIGIN,
      { components: doc.components },
    )
    expect(result.request).toBeUndefined()
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { field: 'body.url', message: 'must be string, not number' },
        { field: 'body.nope', message: 'is not a field this operation accepts' },
      ]),
    )
    const missing = buildRequest(create, { ...noInputs, body: '{}' }, ORIGIN, {
      components: doc.components,
    })
    expect(missing.errors).toEqual([{ field: 'body.url', message: 'is required' }])
    const track = operation(listOperations(doc), 'post /v1/tracks')
    const short = buildRequest(
      track,
      { ...noInputs, body: '{"title": "", "artist": "A"}' },
      ORIGIN,
      {
        components: doc.components,
      },
    )
    expect(short.errors).toContainEqual({
      field: 'body.title',
      message: 'must have at least 1 character',
    })
    const broken = buildRequest(create, { ...noInputs, body: '{"url": ' }, ORIGIN)
    expect(broken.errors[0]).toMatchObject({ field: 'body', message: /is not valid JSON/ })
  })

  it('checks parameters and builds the URL, the key header and the JSON body', async () => {
    const doc = await document()
    const operations = listOperations(doc)
    const byId = operation(operations, 'get /api/webhook-endpoints/{id}')
    expect(buildRequest(byId, noInputs, ORIGIN).errors).toEqual([
      { field: 'path.id', message: 'is required' },
    ])
    expect(buildRequest(byId, { ...noInputs, path: { id: 'abc' } }, ORIGIN).errors[0]).toEqual({
      field: 'path.id',
      message: 'must be integer, not string',
    })
    const list = operation(operations, 'get /api/webhook-endpoints')
    const built = buildRequest(
      list,
      { ...noInputs, query: { where: '{"enabled": {"equals": true}}', limit: '5' } },
      ORIGIN,
      { key: KEY },
    )
    expect(built.request?.url).toBe(
      `${ORIGIN}/api/webhook-endpoints?where%5Benabled%5D%5Bequals%5D=true&limit=5`,
    )
    expect(built.request?.headers).toContainEqual(['Authorization', `Bearer ${KEY}`])
    const create = operation(operations, 'post /api/webhook-endpoints')
    const post = buildRequest(
      create,
      { ...noInputs, body: '{"url": "https://example.com/h"}' },
      ORIGIN,
      {
        components: doc.components,
      },
    )
    expect(post.request).toMatchObject({
      method: 'POST',
      json: { url: 'https://example.com/h' },
    })
    expect(post.request?.headers).toContainEqual(['Content-Type', 'application/json'])
  })

  it('starts the body editor from the required fields', async () => {
    const doc = await document()
    const create = operation(listOperations(doc), 'post /api/webhook-endpoints')
    expect(exampleBody(create.body?.schema, doc.components)).toEqual({ url: '' })
  })

  it('sends deep objects as bracketed names', () => {
    expect(
      deepObjectEntries('where', { or: [{ a: { equals: 1 } }, { b: { exists: false } }] }),
    ).toEqual([
      ['where[or][0][a][equals]', '1'],
      ['where[or][1][b][exists]', 'false'],
    ])
    expect(fieldPath('#/links/0/url')).toBe('links[0].url')
    expect(fieldPath('#')).toBe('')
  })
})

describe('copying a request as code', () => {
  const request = {
    method: 'POST',
    url: `${ORIGIN}/api/webhook-endpoints?x=it's`,
    headers: [
      ['Accept', 'application/json'],
      ['Authorization', `Bearer ${KEY}`],
      ['Content-Type', 'application/json'],
    ] as [string, string][],
    json: { url: "https://example.com/it's", enabled: true, maxPerSecond: null, events: ['a'] },
  }

  it('prints cURL with every header and the body, quoted for the shell', () => {
    expect(toCurl(request)).toBe(
      [
        `curl -X POST 'http://localhost:3000/api/webhook-endpoints?x=it'\\''s' \\`,
        `  -H 'Accept: application/json' \\`,
        `  -H 'Authorization: Bearer ${KEY}' \\`,
        `  -H 'Content-Type: application/json' \\`,
        `  --data '{"url":"https://example.com/it'\\''s","enabled":true,"maxPerSecond":null,"events":["a"]}'`,
      ].join('\n'),
    )
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`)
  })

  it('prints Python requests with Python literals', () => {
    const python = toPython(request)
    expect(python).toContain('import requests')
    expect(python).toContain('response = requests.request(\n    "POST",')
    expect(python).toContain(`"Authorization": "Bearer ${KEY}",`)
    expect(python).toContain('"enabled": True,')
    expect(python).toContain('"maxPerSecond": None,')
    expect(python).not.toContain('"Content-Type"')
    expect(pythonLiteral({ a: [1, false] })).toBe(
      '{\n    "a": [\n        1,\n        False,\n    ],\n}',
    )
  })

  it('prints JavaScript fetch that sends the same request', () => {
    const js = toJavaScript(request)
    expect(js).toContain(`const response = await fetch("${request.url}", {`)
    expect(js).toContain('method: "POST",')
    expect(js).toContain(`Authorization: "Bearer ${KEY}",`)
    expect(js).toContain('"Content-Type": "application/json",')
    const body = /body: JSON\.stringify\(([\s\S]*?)\),\n\}\)/.exec(js)?.[1]
    expect(JSON.parse(body ?? '')).toEqual(request.json)
  })
})

describe('explaining rate-limit headers', () => {
  const headers: Record<string, string> = {
    'ratelimit-policy': '"api_calls-minute";q=60;w=60',
    ratelimit: '"api_calls-minute";r=59;t=42',
    'x-ratelimit-limit': '60',
    'x-ratelimit-remaining': '59',
    'x-ratelimit-reset': '1700000042',
  }
  const get = (name: string) => headers[name.toLowerCase()]

  it('says what each header means in plain words', () => {
    const rows = explainRateLimit(get, 1_700_000_000_000)
    expect(rows.map((row) => row.name)).toEqual([
      'RateLimit-Policy',
      'RateLimit',
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
    ])
    expect(rows[0].meaning).toMatch(/at most 60 requests per minute/)
    expect(rows[1].meaning).toMatch(
      /^59 requests left under “api_calls-minute”; the window resets in 42 seconds/,
    )
    expect(rows[4].meaning).toMatch(/22:14:02 UTC .*in about 42 seconds/)
    expect(rateLimitSummary(get)).toBe('59 of 60 requests left; the window resets in 42 seconds.')
  })

  it('explains Retry-After on a refusal and nothing when there are no headers', () => {
    const refused: Record<string, string> = { ...headers, 'retry-after': '42' }
    const rows = explainRateLimit((name) => refused[name.toLowerCase()])
    expect(rows.at(-1)).toMatchObject({ name: 'Retry-After', meaning: /wait 42 seconds/ })
    expect(explainRateLimit(() => null)).toEqual([])
    expect(rateLimitSummary(() => null)).toBeNull()
  })
})

describe("the reference's try-it fetch", () => {
  const origin = 'http://portal.test'
  const sent: Request[] = []
  const tryIt = tryItFetch(origin, async (input, init) => {
    sent.push(new Request(input as Request, init))
    return new Response('{}', { status: 200 })
  })

  it('sends the key without the session cookie, refuses live keys and explains /v1', async () => {
    const ok = await tryIt(`${origin}/api/users/me`, {
      headers: { Authorization: 'Bearer tt_test_abc' },
      credentials: 'include',
    })
    expect(ok.status).toBe(200)
    expect(sent[0].credentials).toBe('omit')
    expect(sent[0].headers.get('authorization')).toBe('Bearer tt_test_abc')

    const live = await tryIt(`${origin}/api/users/me`, {
      headers: { Authorization: 'Bearer  tt_live_abc' },
    })
    expect(live.status).toBe(400)
    expect(await live.json()).toMatchObject({ errors: [{ code: 'LIVE_KEY_REFUSED' }] })

    const elsewhere = await tryIt(`${origin}/v1/models`, {})
    expect(elsewhere.status).toBe(421)
    expect(await elsewhere.json()).toMatchObject({
      errors: [{ code: 'TUNETRAIL_API', message: expect.stringContaining('/docs/playground') }],
    })
    expect(sent).toHaveLength(1)
  })
})
