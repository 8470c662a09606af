import { expect, test, type APIRequestContext } from '@playwright/test'

import { createVerifiedUser, DEMO, logIn } from './helpers'

async function tokenFor(
  request: APIRequestContext,
  credentials: { email: string; password: string },
) {
  const response = await request.post('/api/users/login', { data: credentials })
  expect(response.status()).toBe(200)
  return (await response.json()).token as string
}

async function userId(request: APIRequestContext, token: string) {
  const me = await request.get('/api/users/me', { headers: { Authorization: `JWT ${token}` } })
  return (await me.json()).user.id as number
}

test('REST never shows another user’s email to anonymous callers or members', async ({
  request,
}) => {
  const anonymous = await request.get('/api/users?limit=100')
  const docs = (await anonymous.json()).docs as Record<string, unknown>[]
  expect(docs.length).toBeGreaterThanOrEqual(4)
  expect(docs.filter((d) => 'email' in d)).toEqual([])

  const leo = await tokenFor(request, DEMO.leo)
  const maya = await tokenFor(request, DEMO.maya)
  const mayaId = await userId(request, maya)
  const seen = await request.get(`/api/users/${mayaId}`, {
    headers: { Authorization: `JWT ${leo}` },
  })
  const body = await seen.json()
  expect(body.username).toBe('maya')
  expect(body.email).toBeUndefined()
  expect(body.plan).toBeUndefined()

  const me = await request.get('/api/users/me', { headers: { Authorization: `JWT ${leo}` } })
  expect((await me.json()).user.email).toBe(DEMO.leo.email)
})

test('GraphQL applies the same field rules', async ({ request }) => {
  const leo = await tokenFor(request, DEMO.leo)
  const response = await request.post('/api/graphql', {
    headers: { Authorization: `JWT ${leo}` },
    data: { query: '{ Users(limit: 100) { docs { username email } } }' },
  })
  expect(response.status()).toBe(200)
  const { data, errors } = await response.json()
  expect(errors).toBeUndefined()
  const users = data.Users.docs as { username: string; email: string | null }[]
  expect(users.find((u) => u.username === 'leo')?.email).toBe(DEMO.leo.email)
  expect(users.filter((u) => u.username !== 'leo' && u.email !== null)).toEqual([])
})

test('members cannot edit others, escalate at sign-up or change their plan', async ({
  request,
}) => {
  const leo = await tokenFor(request, DEMO.leo)
  const mayaId = await userId(request, await tokenFor(request, DEMO.maya))
  const patch = await request.patch(`/api/users/${mayaId}`, {
    headers: { Authorization: `JWT ${leo}` },
    data: { bio: 'defaced' },
  })
  expect([403, 404]).toContain(patch.status())

  const sneaky = await request.post('/api/users', {
    data: {
      email: 'sneaky@example.test',
      username: 'sneaky',
      name: 'Sneaky',
      password: 'sneaky-password-1',
      roles: ['admin'],
      plan: 'pro',
      _verified: true,
    },
  })
  expect(sneaky.status()).toBe(201)
  const admin = await tokenFor(request, DEMO.admin)
  const created = await request.get(`/api/users/${(await sneaky.json()).doc.id}`, {
    headers: { Authorization: `JWT ${admin}` },
  })
  const stored = await created.json()
  expect(stored.roles).toEqual(['member'])
  expect(stored.plan).toBe('free')
  expect(stored._verified).toBe(false)

  const leoId = await userId(request, leo)
  await request.patch(`/api/users/${leoId}`, {
    headers: { Authorization: `JWT ${leo}` },
    data: { plan: 'enterprise' },
  })
  const again = await request.get(`/api/users/${leoId}`, {
    headers: { Authorization: `JWT ${admin}` },
  })
  expect((await again.json()).plan).toBe('free')
})

test('bad REST input gets a 400 naming the field', async ({ request }) => {
  const response = await request.post('/api/users', {
    data: {
      email: 'bad-username@example.test',
      username: 'Has Spaces',
      name: 'X',
      password: 'password-123',
    },
  })
  expect(response.status()).toBe(400)
  const body = await response.json()
  expect(JSON.stringify(body)).toContain('username')
})

test('the admin panel is for moderators and above', async ({ page, request }) => {
  const member = await createVerifiedUser(request)
  await logIn(page, member)
  await page.goto('/admin')
  await expect(page.getByText(/Unauthorized|not allowed/i).first()).toBeVisible()

  await page.context().clearCookies()
  await logIn(page, DEMO.moderator)
  await page.goto('/admin')
  await expect(page.getByRole('link', { name: /Users/ }).first()).toBeVisible()
})

test('health tells anyone the verdict and staff every check', async ({ request }) => {
  const response = await request.get('/api/health')
  expect(response.status()).toBe(200)
  expect(await response.json()).toEqual({ status: 'ok', failing: [] })
  for (const member of [DEMO.leo]) {
    const token = await tokenFor(request, member)
    const seen = await request.get('/api/health', { headers: { Authorization: `JWT ${token}` } })
    expect(await seen.json()).toEqual({ status: 'ok', failing: [] })
  }
  const admin = await tokenFor(request, DEMO.admin)
  const detailed = await request.get('/api/health', { headers: { Authorization: `JWT ${admin}` } })
  const report = await detailed.json()
  expect(report.status).toBe('ok')
  expect(Object.keys(report.checks).sort()).toEqual(['mail', 'postgres', 'redis', 'worker'])
})
