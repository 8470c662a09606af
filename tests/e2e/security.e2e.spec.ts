import { expect, test, type APIRequestContext } from '@playwright/test'

import { createVerifiedUser } from './helpers'

/**
 * The outside review of issue 8, replayed against the production build: each test is one
 * defect the review confirmed, attacked the way it was attacked.
 */

type Credentials = { email: string; password: string }

async function jwt(request: APIRequestContext, credentials: Credentials) {
  const response = await request.post('/api/users/login', { data: credentials })
  expect(response.status(), await response.text()).toBe(200)
  return `JWT ${(await response.json()).token}`
}

async function createKey(
  request: APIRequestContext,
  auth: string,
  data: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ id: number; key: string }> {
  const response = await request.post('/api/api-keys', {
    headers: { Authorization: auth, ...headers },
    data: { name: 'security e2e', environment: 'development', ...data },
  })
  expect(response.status(), await response.text()).toBe(201)
  return (await response.json()).doc
}

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` })

test('a client-sent X-Forwarded-For or X-Real-IP passes no IP allowlist and is not audited', async ({
  request,
}) => {
  const user = await createVerifiedUser(request)
  const auth = await jwt(request, user)
  const claimed = '203.0.113.7'
  const pinned = await createKey(
    request,
    auth,
    { scopes: ['usage:read'], ipAllowlist: [claimed] },
    { 'X-Forwarded-For': claimed, 'X-Real-IP': claimed },
  )
  for (const header of ['X-Forwarded-For', 'X-Real-IP', 'X-TT-Client-IP', 'Forwarded']) {
    const value = header === 'Forwarded' ? `for=${claimed}` : claimed
    const response = await request.get('/api/users/me', {
      headers: { ...bearer(pinned.key), [header]: value },
    })
    expect(response.status(), header).toBe(403)
    expect((await response.json()).errors[0].code).toBe('IP_NOT_ALLOWED')
  }
  const local = await createKey(request, auth, {
    scopes: ['usage:read'],
    ipAllowlist: ['127.0.0.1', '::1'],
  })
  const allowed = await request.get('/api/api-keys', {
    headers: { ...bearer(local.key), 'X-Forwarded-For': claimed },
  })
  expect(allowed.status()).toBe(200)

  const audit = await request.get(`/api/audit-logs?where[apiKey][equals]=${pinned.id}`, {
    headers: { Authorization: auth },
  })
  const [entry] = (await audit.json()).docs as { ip: string }[]
  expect(entry.ip).not.toBe(claimed)
  expect(['127.0.0.1', '::1']).toContain(entry.ip)
})

test('login never sends anyone to another host, however `next` is spelled', async ({
  page,
  request,
}) => {
  const user = await createVerifiedUser(request)
  for (const next of ['/%5Cevil.example/x', '//evil.example/x', '/%09/evil.example']) {
    await page.context().clearCookies()
    await page.goto(`/login?next=${next}`)
    await page.getByLabel('Email').fill(user.email)
    await page.getByLabel('Password').fill(user.password)
    await page.getByRole('button', { name: 'Log in' }).click()
    await expect(page).toHaveURL(/\/dashboard$/)
    expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL as string).host)
  }
  // Signed in already, the login page forwards at once: never to another host either.
  for (const next of ['/..//evil.example', '/a/..//evil.example']) {
    await page.goto(`/login?next=${next}`)
    await expect(page).toHaveURL(/\/dashboard$/)
  }
  await page.context().clearCookies()
  await page.goto('/login?next=/api-keys%3Fpage%3D1')
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page).toHaveURL(/\/api-keys\?page=1$/)
})

test('encoded paths do not open Payload’s own collections to keys', async ({ request }) => {
  const user = await createVerifiedUser(request)
  const auth = await jwt(request, user)
  const { key } = await createKey(request, auth, { scopes: ['usage:read'] })
  const probes: [string, string, unknown?][] = [
    ['GET', '/api/%70ayload-preferences'],
    ['GET', '/api/%2570ayload-preferences'],
    ['GET', '/api/PAYLOAD-preferences'],
    ['POST', '/api/%70ayload-preferences/nav', { value: { open: true } }],
    ['GET', '/api/payload-locked-documents'],
    ['GET', '/api/users/..%2fpayload-preferences'],
  ]
  for (const [method, path, data] of probes) {
    const response = await request.fetch(path, { method, headers: bearer(key), data })
    expect(response.status(), `${method} ${path}`).toBeGreaterThanOrEqual(400)
    expect(response.status(), `${method} ${path}`).toBeLessThan(500)
    if (response.status() === 200) throw new Error(`${method} ${path} answered 200`)
  }
  const written = await request.get('/api/payload-preferences/nav', {
    headers: { Authorization: auth },
  })
  expect(((await written.json()) as { value?: unknown }).value ?? null).toBeNull()
})

test('every response carries the security headers, pages a nonce-based policy', async ({
  request,
  page,
}) => {
  for (const path of ['/', '/login', '/api-keys/new', '/api/users', '/api/health']) {
    const response = await request.get(path, { maxRedirects: 0 })
    const headers = response.headers()
    expect(headers['x-content-type-options'], path).toBe('nosniff')
    expect(headers['x-frame-options'], path).toBe('DENY')
    const csp = headers['content-security-policy'] ?? ''
    for (const directive of [
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ]) {
      expect(csp, path).toContain(directive)
    }
    expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/)
  }
  // The page's scripts carry this response's nonce, and the browser runs them.
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text())
  })
  const response = await page.goto('/login')
  const nonce = /'nonce-([^']+)'/.exec(response?.headers()['content-security-policy'] ?? '')?.[1]
  expect(nonce).toBeTruthy()
  const scripts = await page
    .locator('script')
    .evaluateAll((elements) => elements.map((element) => (element as HTMLScriptElement).nonce))
  expect(scripts.length).toBeGreaterThan(0)
  expect(scripts.every((value) => value === nonce)).toBe(true)
  await page.getByLabel('Email').fill('nobody@example.test')
  await page.getByLabel('Password').fill('wrong-password-123')
  await page.getByRole('button', { name: 'Log in' }).click()
  // A client-side form result: React hydrated, so the scripts ran under the policy.
  await expect(page.getByRole('main').getByRole('alert')).toBeVisible()
  expect(violations).toEqual([])
})

test('an organization’s key acts as the organization, never as the person who made it', async ({
  request,
}) => {
  const creator = await createVerifiedUser(request)
  const auth = await jwt(request, creator)
  const organizations: { id: number; name: string }[] = []
  for (const name of ['Key Org', 'Private Org']) {
    const slug = `${name.toLowerCase().replace(' ', '-')}-${Date.now().toString(36)}`
    const created = await request.post('/api/organizations', {
      headers: { Authorization: auth },
      data: { name, slug },
    })
    expect(created.status(), await created.text()).toBe(201)
    organizations.push((await created.json()).doc)
  }
  const [keyOrg, privateOrg] = organizations
  const { key } = await createKey(request, auth, {
    scopes: ['usage:read', 'webhooks:manage'],
    organization: keyOrg.id,
  })

  const me = await request.get('/api/users/me', { headers: bearer(key) })
  expect(me.status()).toBe(200)
  const body = await me.json()
  expect(body.user).toBeNull()
  expect(JSON.stringify(body)).not.toContain(creator.email)

  const seen = await request.get('/api/organizations?limit=50', { headers: bearer(key) })
  const ids = ((await seen.json()).docs as { id: number }[]).map((doc) => doc.id)
  expect(ids).toEqual([keyOrg.id])
  expect(ids).not.toContain(privateOrg.id)
  const creatorId = (
    await (await request.get('/api/users/me', { headers: { Authorization: auth } })).json()
  ).user.id
  const profile = await request.get(`/api/users/${creatorId}`, { headers: bearer(key) })
  expect((await profile.json()).email).toBeUndefined()

  // Nobody's email or sessions through GraphQL either.
  const graph = await request.post('/api/graphql', {
    headers: bearer(key),
    data: { query: '{ meUser { user { email } } }' },
  })
  expect(JSON.stringify(await graph.json())).not.toContain(creator.email)

  // It keeps working once its creator has left the organization.
  const admin = { Authorization: await jwt(request, DEMO_ADMIN) }
  const leo = (await (await request.get('/api/users?where[username][equals]=leo')).json()).docs[0]
  const withLeo = await request.patch(`/api/organizations/${keyOrg.id}`, {
    headers: admin,
    data: {
      members: [
        { user: creatorId, role: 'owner' },
        { user: leo.id, role: 'owner' },
      ],
    },
  })
  expect(withLeo.status(), await withLeo.text()).toBe(200)
  const left = await request.post(`/api/organizations/${keyOrg.id}/leave`, {
    headers: { Authorization: auth },
  })
  expect(left.status(), await left.text()).toBe(200)
  const after = await request.get('/api/api-keys', { headers: bearer(key) })
  expect(after.status()).toBe(200)
  // The creator still owns Private Org alone: deleting the account is refused, by name.
  const refused = await request.delete(`/api/users/${creatorId}`, { headers: admin })
  expect(refused.status()).toBe(409)
  expect(JSON.stringify(await refused.json())).toContain('Private Org')
})

const DEMO_ADMIN = { email: 'admin@demo.tunetrail.dev', password: 'demo-admin-pass' }

test('a key neither leaves organizations nor ends its owner’s sessions', async ({ request }) => {
  const user = await createVerifiedUser(request)
  const auth = await jwt(request, user)
  const { key } = await createKey(request, auth, { scopes: ['usage:read'] })
  const left = await request.post('/api/organizations/1/leave', { headers: bearer(key) })
  expect(left.status()).toBe(403)
  const out = await request.post('/api/users/logout?allSessions=true', { headers: bearer(key) })
  expect(out.status()).toBeGreaterThanOrEqual(400)
  expect(out.status()).toBeLessThan(500)
  const me = await request.get('/api/users/me', { headers: { Authorization: auth } })
  expect((await me.json()).user?.email).toBe(user.email)
})

test('ten simultaneous logins all work, and logging out ends only that session', async ({
  request,
}) => {
  const user = await createVerifiedUser(request)
  const logins = await Promise.all(
    Array.from({ length: 10 }, () => request.post('/api/users/login', { data: user })),
  )
  const tokens: string[] = []
  for (const login of logins) {
    expect(login.status()).toBe(200)
    tokens.push((await login.json()).token)
  }
  const who = async (token: string) =>
    (
      await (
        await request.get('/api/users/me', { headers: { Authorization: `JWT ${token}` } })
      ).json()
    ).user?.email ?? null
  for (const token of tokens) expect(await who(token)).toBe(user.email)
  const out = await request.post('/api/users/logout', {
    headers: { Authorization: `JWT ${tokens[0]}` },
  })
  expect(out.status()).toBe(200)
  expect(await who(tokens[0])).toBeNull()
  for (const token of tokens.slice(1)) expect(await who(token)).toBe(user.email)
})

test('REST applies the account policy: password length and reset requests per account', async ({
  request,
}) => {
  const user = await createVerifiedUser(request)
  const auth = await jwt(request, user)
  const id = (
    await (await request.get('/api/users/me', { headers: { Authorization: auth } })).json()
  ).user.id
  const weak = await request.patch(`/api/users/${id}`, {
    headers: { Authorization: auth },
    data: { password: 'abc' },
  })
  expect(weak.status()).toBe(400)
  expect(JSON.stringify(await weak.json())).toContain('at least 10 characters')
  const statuses: number[] = []
  for (let n = 0; n < 4; n++) {
    const response = await request.post('/api/users/forgot-password', {
      data: { email: user.email },
    })
    statuses.push(response.status())
  }
  expect(statuses).toEqual([200, 200, 200, 429])
})

test('nobody becomes admin through first-register in production', async ({ request }) => {
  const response = await request.post('/api/users/first-register', {
    data: {
      email: 'first@example.test',
      password: 'first-password-123',
      name: 'F',
      username: 'first',
    },
  })
  expect(response.status()).toBe(403)
  expect(JSON.stringify(await response.json())).toContain('npm run create-admin')
})

test('a key opens no portal page: pages and their actions are for signed-in people', async ({
  request,
  baseURL,
}) => {
  const user = await createVerifiedUser(request)
  const auth = await jwt(request, user)
  const { key } = await createKey(request, auth, { scopes: ['tracks:read'] })
  // A bare fetch: the request context would also send the cookie of the login above.
  const asKey = await fetch(`${baseURL}/api-keys`, { headers: bearer(key), redirect: 'manual' })
  const asNobody = await fetch(`${baseURL}/api-keys`, { redirect: 'manual' })
  expect(asNobody.status).toBe(307)
  expect(asKey.status).toBe(asNobody.status)
  expect(asKey.headers.get('location')).toBe(asNobody.headers.get('location'))
})
