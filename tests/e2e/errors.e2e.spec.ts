import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test'

import { createVerifiedUser } from './helpers'

/**
 * Each request the outside fuzz run (issue 9) answered with a 500, replayed: every one is now a
 * 4xx in the one error format, naming what is wrong.
 */
async function refusal(response: APIResponse, status: number | number[], field?: string) {
  const statuses = Array.isArray(status) ? status : [status]
  const body = await response.json()
  expect(statuses, JSON.stringify(body)).toContain(response.status())
  expect(body.errors[0].code).toMatch(/^[A-Z_]+$/)
  expect(body.errors[0].message).toBeTruthy()
  if (field) expect(body.errors.map((error: { field?: string }) => error.field)).toContain(field)
  return body
}

async function session(request: APIRequestContext) {
  const user = await createVerifiedUser(request)
  const login = await request.post('/api/users/login', { data: user })
  return { user, auth: { Authorization: `JWT ${(await login.json()).token}` } }
}

test('wrong types in a body name their field', async ({ request }) => {
  await refusal(await request.post('/api/users', { data: { email: [1, 2] } }), 400, 'email')
  const { auth } = await session(request)
  await refusal(
    await request.post('/api/api-keys', {
      headers: auth,
      data: { name: { a: 1 }, scopes: ['usage:read'], environment: 'development' },
    }),
    400,
    'name',
  )
  await refusal(
    await request.post('/api/webhook-endpoints', { headers: auth, data: { url: ['x'] } }),
    400,
    'url',
  )
  const created = await request.post('/api/organizations', {
    headers: auth,
    data: { name: 'Typed', slug: `typed-${Date.now().toString(36)}` },
  })
  const organization = (await created.json()).doc
  await refusal(
    await request.patch(`/api/organizations/${organization.id}`, {
      headers: auth,
      data: { plan: ['pro'] },
    }),
    400,
    'plan',
  )
  await refusal(
    await request.post('/api/organization-invitations', {
      headers: auth,
      data: { organization: { id: 'x' }, email: 'a@b.test' },
    }),
    400,
    'organization',
  )
  await refusal(
    await request.post('/api/audit-logs', { headers: auth, data: { action: { x: 1 } } }),
    [400, 403],
  )
})

test('bodies that are not what they claim are refused before any handler', async ({ request }) => {
  await refusal(
    await request.post('/api/users/login', {
      headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
      data: Buffer.from('this is not a multipart body'),
    }),
    400,
    'body',
  )
  await refusal(
    await request.post('/api/users', {
      headers: { 'Content-Type': 'application/json' },
      // A Buffer goes as it is (Playwright would encode a string as JSON).
      data: Buffer.from('{"email": "a@b.test", "pass'),
    }),
    400,
    'body',
  )
  await refusal(
    await request.post('/api/users', {
      headers: { 'Content-Type': 'text/plain' },
      data: Buffer.from('hello'),
    }),
    415,
    'content-type',
  )
  await refusal(
    await request.post('/api/users', {
      headers: { 'Content-Type': 'application/json' },
      data: Buffer.from(JSON.stringify({ name: 'x'.repeat(1_100_000) })),
    }),
    413,
    'body',
  )
})

test('routes answer the methods they have', async ({ request }) => {
  for (const path of ['forgot-password', 'login', 'reset-password']) {
    const response = await request.get(`/api/users/${path}`)
    await refusal(response, 405)
    expect(response.headers()['allow']).toBe('POST')
  }
  await refusal(await request.get('/api/users/1.5'), 404, 'id')
  await refusal(await request.get('/api/users/versions'), 404)
  await refusal(await request.post('/api/users/verify/not-a-real-token'), [400, 403, 404])
  await refusal(await request.get('/api/media/file/nothing-here.png'), 404, 'filename')
})

test('queries out of range or on the wrong types name the parameter', async ({ request }) => {
  await refusal(await request.get('/api/media?limit=-1'), 400, 'limit')
  await refusal(await request.get('/api/media?depth=1000'), 400, 'depth')
  await refusal(await request.get('/api/media?sort=-hash'), 400, 'sort')
  await refusal(await request.get('/api/media?where[id][contains]=1'), 400)
  await refusal(await request.get('/api/media?where[url][all][0]=1693229331'), 400)
  await refusal(await request.get('/api/media?where[createdAt][equals]=not-a-date'), 400)
  await refusal(await request.get('/api/users?where[email][exists]=maybe'), 400)
  const nested = `where${'[and][0]'.repeat(12)}[id][equals]=1`
  await refusal(await request.get(`/api/media?${nested}`), 400)
  const graph = await request.post('/api/graphql', {
    data: { query: 'mutation { createUser(data: { email: [1, 2] }) { id } }' },
  })
  expect(graph.status()).toBeLessThan(500)
})

test('every answer carries a request id to quote', async ({ request }) => {
  const response = await request.get('/api/health')
  expect(response.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
})
