import { expect, test, type APIRequestContext } from '@playwright/test'

import { createVerifiedUser, DEMO, expectAccessible, logIn } from './helpers'

type Credentials = { email: string; password: string }

async function jwt(request: APIRequestContext, credentials: Credentials) {
  const response = await request.post('/api/users/login', { data: credentials })
  expect(response.status()).toBe(200)
  return `JWT ${(await response.json()).token}`
}

async function createKey(
  request: APIRequestContext,
  auth: string,
  data: Record<string, unknown>,
): Promise<{ id: number; key: string; display: string }> {
  const response = await request.post('/api/api-keys', {
    headers: { Authorization: auth },
    data: { name: 'e2e key', environment: 'development', ...data },
  })
  expect(response.status(), await response.text()).toBe(201)
  return (await response.json()).doc
}

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` })

test('a key is shown once, authenticates REST as its account and carries rate-limit headers', async ({
  request,
}) => {
  const user = await createVerifiedUser(request)
  const auth = await jwt(request, user)
  const created = await createKey(request, auth, { scopes: ['models:read'] })
  expect(created.key).toMatch(/^tt_test_[0-9A-Za-z]{38}$/)

  const again = await request.get(`/api/api-keys/${created.id}`, {
    headers: { Authorization: auth },
  })
  const stored = await again.json()
  expect(stored.display).toBe(created.display)
  expect(stored.key ?? null).toBeNull()
  expect(JSON.stringify(stored)).not.toContain(created.key.slice(8))

  const me = await request.get('/api/users/me', { headers: bearer(created.key) })
  expect(me.status()).toBe(200)
  expect((await me.json()).user.email).toBe(user.email)
  const headers = me.headers()
  expect(headers['ratelimit-policy']).toBe('"api_calls-minute";q=10;w=60')
  expect(headers['ratelimit']).toMatch(/^"api_calls-minute";r=9;t=\d+$/)
  expect(headers['x-ratelimit-limit']).toBe('10')
  expect(headers['x-ratelimit-remaining']).toBe('9')
  expect(Number(headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000)
})

test('scopes limit what a key may do on REST and GraphQL', async ({ request }) => {
  const user = await createVerifiedUser(request)
  const auth = await jwt(request, user)
  const reader = await createKey(request, auth, { scopes: ['models:read'] })
  const writer = await createKey(request, auth, { scopes: ['community:write'] })
  const me = await (await request.get('/api/users/me', { headers: { Authorization: auth } })).json()

  const image = {
    name: 'dot.png',
    mimeType: 'image/png',
    buffer: Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    ),
  }
  const denied = await request.post('/api/media', {
    headers: bearer(reader.key),
    multipart: { file: image, _payload: JSON.stringify({ alt: 'read-only key' }) },
  })
  expect(denied.status()).toBe(403)
  const allowed = await request.post('/api/media', {
    headers: bearer(writer.key),
    multipart: { file: image, _payload: JSON.stringify({ alt: 'community:write key' }) },
  })
  expect(allowed.status(), await allowed.text()).toBe(201)
  // Accounts are never changed with a key, whatever its scopes.
  const takeover = await request.patch(`/api/users/${me.user.id}`, {
    headers: bearer(writer.key),
    data: { email: 'attacker@example.test', password: 'new-password-123' },
  })
  expect(takeover.status()).toBe(403)
  const rotateByKey = await request.post(`/api/api-keys/${reader.id}/rotate`, {
    headers: bearer(writer.key),
    data: { gracePeriodSeconds: 0 },
  })
  expect(rotateByKey.status()).toBe(403)
  const payloadInternals = await request.get('/api/payload-preferences', {
    headers: bearer(reader.key),
  })
  expect(payloadInternals.status()).toBe(403)

  const keys = await request.get('/api/api-keys', { headers: bearer(reader.key) })
  expect(keys.status()).toBe(403)
  const noKeyMinting = await request.post('/api/api-keys', {
    headers: bearer(writer.key),
    data: { name: 'minted by a key', scopes: ['models:read'], environment: 'development' },
  })
  expect(noKeyMinting.status()).toBe(403)

  const mutation = await request.post('/api/graphql', {
    headers: bearer(reader.key),
    data: {
      query: `mutation { updateUser(id: ${me.user.id}, data: { bio: "via graphql" }) { id bio } }`,
    },
  })
  const result = await mutation.json()
  expect(result.errors?.[0]?.message).toMatch(/not allowed/i)
  const query = await request.post('/api/graphql', {
    headers: bearer(reader.key),
    data: { query: `{ Users(limit: 1) { docs { id username } } }` },
  })
  expect((await query.json()).data.Users.docs).toHaveLength(1)
})

test('refused keys get 401/403/429 with a JSON error naming the code', async ({ request }) => {
  const user = await createVerifiedUser(request)
  const auth = await jwt(request, user)

  const unknown = await request.get('/api/users/me', { headers: bearer('tt_live_notarealkey') })
  expect(unknown.status()).toBe(401)
  expect((await unknown.json()).errors[0].code).toBe('NOT_FOUND')

  const fenced = await createKey(request, auth, {
    scopes: ['models:read'],
    ipAllowlist: ['10.9.0.0/16'],
  })
  const outside = await request.get('/api/users/me', {
    headers: { ...bearer(fenced.key), 'X-Forwarded-For': '192.0.2.1' },
  })
  expect(outside.status()).toBe(403)
  expect((await outside.json()).errors[0].code).toBe('IP_NOT_ALLOWED')

  const key = await createKey(request, auth, { scopes: ['models:read'] })
  let last = await request.get('/api/users/me', { headers: bearer(key.key) })
  for (let i = 0; i < 10 && last.status() === 200; i++) {
    last = await request.get('/api/users/me', { headers: bearer(key.key) })
  }
  expect(last.status()).toBe(429)
  expect((await last.json()).errors[0].code).toBe('RATE_LIMITED')
  expect(Number(last.headers()['retry-after'])).toBeGreaterThan(0)
  expect(last.headers()['x-ratelimit-remaining']).toBe('0')

  const revoked = await request.post(`/api/api-keys/${key.id}/revoke`, {
    headers: { Authorization: auth },
  })
  expect(revoked.status()).toBe(200)
  expect((await revoked.json()).doc.status).toBe('revoked')
  const afterRevoke = await request.get('/api/users/me', { headers: bearer(key.key) })
  expect(afterRevoke.status()).toBe(401)
  expect((await afterRevoke.json()).errors[0].code).toBe('REVOKED')
})

test('rotation over REST issues a new key and keeps the old one for the grace period', async ({
  request,
}) => {
  const user = await createVerifiedUser(request)
  const auth = await jwt(request, user)
  const old = await createKey(request, auth, { scopes: ['models:read'] })
  const bad = await request.post(`/api/api-keys/${old.id}/rotate`, {
    headers: { Authorization: auth },
    data: { gracePeriodSeconds: 5 },
  })
  expect(bad.status()).toBe(400)
  expect((await bad.json()).errors[0].field).toBe('gracePeriodSeconds')

  const rotated = await request.post(`/api/api-keys/${old.id}/rotate`, {
    headers: { Authorization: auth },
    data: { gracePeriodSeconds: 3600 },
  })
  expect(rotated.status()).toBe(201)
  const fresh = (await rotated.json()).doc
  expect(fresh.key).toMatch(/^tt_test_/)
  expect(fresh.key).not.toBe(old.key)
  for (const key of [old.key, fresh.key]) {
    expect((await request.get('/api/users/me', { headers: bearer(key) })).status()).toBe(200)
  }
  const stranger = await jwt(request, await createVerifiedUser(request))
  const foreign = await request.post(`/api/api-keys/${fresh.id}/revoke`, {
    headers: { Authorization: stranger },
  })
  expect(foreign.status()).toBe(404)
})

test('services verify keys on the verification server and the Next route, and report usage', async ({
  request,
}) => {
  const admin = await jwt(request, DEMO.admin)
  const service = await createKey(request, admin, {
    name: 'gateway',
    scopes: ['keys:verify', 'usage:report'],
    environment: 'production',
  })
  const user = await createVerifiedUser(request)
  const member = await createKey(request, await jwt(request, user), { scopes: ['tracks:read'] })

  for (const url of [`${process.env.E2E_VERIFIER_URL}/verify`, '/api/keys/verify']) {
    const valid = await request.post(url, {
      headers: bearer(service.key),
      data: {
        key: member.key,
        scope: 'tracks:read',
        endpoint: 'GET /v1/tracks',
        ip: '198.51.100.4',
      },
    })
    expect(valid.status()).toBe(200)
    expect(await valid.json()).toMatchObject({
      valid: true,
      code: 'VALID',
      keyId: member.id,
      plan: 'free',
      scopes: ['tracks:read'],
      ratelimit: { limit: 10 },
    })
    const scope = await request.post(url, {
      headers: bearer(service.key),
      data: { key: member.key, scope: 'models:train' },
    })
    expect(await scope.json()).toMatchObject({ valid: false, code: 'INSUFFICIENT_SCOPE' })
    const notService = await request.post(url, {
      headers: bearer(member.key),
      data: { key: member.key },
    })
    expect(notService.status()).toBe(403)
    const anonymous = await request.post(url, { data: { key: member.key } })
    expect(anonymous.status()).toBe(401)
  }

  const report = await request.post('/api/usage', {
    headers: bearer(service.key),
    data: [
      {
        keyId: member.id,
        endpoint: '/v1/tracks',
        method: 'GET',
        status: 200,
        latencyMs: 42,
        region: 'eu-west-1',
        timestamp: new Date().toISOString(),
      },
    ],
  })
  expect(report.status()).toBe(202)
  const invalid = await request.post('/api/usage', {
    headers: bearer(service.key),
    data: [{ keyId: member.id, endpoint: '/v1/tracks', method: 'GET', status: 200 }],
  })
  expect(invalid.status()).toBe(400)
  expect((await invalid.json()).errors[0].field).toBe('[0].latencyMs')
})

test('create a key in the browser, use it, watch its usage appear, then revoke it', async ({
  browser,
  request,
}) => {
  const user = await createVerifiedUser(request)
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const page = await context.newPage()
  await logIn(page, user)

  await page.goto('/api-keys')
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible()
  await expectAccessible(page)
  await page
    .getByRole('main')
    .getByRole('link', { name: /create/i })
    .first()
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'New API key' })).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('button', { name: 'Create key' }).click()
  await expect(
    page
      .getByRole('main')
      .getByText(/at least one scope/i)
      .first(),
  ).toBeVisible()

  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Browser key')
  await page.getByRole('checkbox', { name: /^tracks:read/ }).check()
  await page.getByRole('checkbox', { name: /^models:read/ }).check()
  await page.getByRole('button', { name: 'Create key' }).click()
  const shown = page.getByTestId('new-key')
  await expect(shown).toHaveText(/^tt_test_[0-9A-Za-z]{38}$/)
  await expect(page.getByText(/will not be shown again/i)).toBeVisible()
  const key = (await shown.textContent()) as string
  await page.getByRole('button', { name: 'Copy key' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key)

  // A claimed address is not believed: the dialog shows where the call really came from.
  const used = await request.get('/api/users/me', {
    headers: { ...bearer(key), 'X-Forwarded-For': '203.0.113.50' },
  })
  expect(used.status()).toBe(200)

  await page.goto('/api-keys')
  const row = page.getByRole('main').getByText('Browser key').first()
  await expect(row).toBeVisible()
  await row.click()
  await expect(page.getByRole('heading', { level: 1, name: /Browser key/ })).toBeVisible()
  await expectAccessible(page)
  const detailUrl = page.url()

  await page.goto(`${detailUrl}/usage?granularity=minute`)
  await expect(async () => {
    await page.reload()
    await expect(page.getByRole('figure', { name: /Allowed: 1 / })).toBeVisible({ timeout: 1000 })
  }).toPass({ timeout: 20_000 })
  // The day's bar (the minute's may have rolled over while the roll-up caught up).
  await expect(page.getByRole('progressbar', { name: 'API calls per day' })).toHaveAttribute(
    'aria-valuenow',
    '1',
  )
  await page.getByText('Show the numbers as a table').click()
  await expect(page.getByRole('table').first()).toContainText('1')
  await expect(page.getByRole('table', { name: /Busiest endpoints/ })).toContainText(
    'GET /api/users/me',
  )
  await expectAccessible(page)

  await page.goto(detailUrl)
  await page
    .getByRole('navigation', { name: 'Key sections' })
    .getByRole('link', { name: 'Danger zone' })
    .click()
  await expect(page).toHaveURL(/\/danger$/)
  await page.getByRole('button', { name: 'Revoke key' }).click()
  const dialog = page.getByRole('alertdialog')
  await expect(dialog).toContainText('GET /api/users/me')
  await expect(dialog).toContainText('127.0.0.1')
  await expect(dialog).not.toContainText('203.0.113.50')
  await dialog.getByRole('button', { name: 'Revoke', exact: true }).click()
  // Announced in the toasts' live region, and the header's status follows.
  await expect(page.locator('[aria-live="polite"]').getByText('API key revoked.')).toBeVisible()
  await expect(page.getByRole('main').locator('header').getByText('Revoked')).toBeVisible()
  await page
    .getByRole('navigation', { name: 'Key sections' })
    .getByRole('link', { name: 'Overview' })
    .click()
  await expect(page.getByText(/This key was revoked/)).toBeVisible()

  const refused = await request.get('/api/users/me', { headers: bearer(key) })
  expect(refused.status(), await refused.text()).toBe(401)
  expect((await refused.json()).errors[0].code).toBe('REVOKED')
  await context.close()
})

test('the key table sorts by its headers, pages, and stacks into cards at 360 px', async ({
  browser,
  request,
}) => {
  const user = await createVerifiedUser(request)
  const auth = await jwt(request, user)
  for (const name of ['Bravo key', 'Alpha key', 'Charlie key']) {
    await createKey(request, auth, { name, scopes: ['models:read'] })
  }
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } })
  const page = await context.newPage()
  await logIn(page, user)
  await page.goto('/api-keys')
  const names = () =>
    page.getByRole('table', { name: 'API keys' }).getByRole('rowheader').allInnerTexts()
  // Newest first by default.
  expect((await names()).map((text) => text.split('\n')[0])).toEqual([
    'Charlie key',
    'Alpha key',
    'Bravo key',
  ])
  await expect(page.getByText('3 keys')).toBeVisible()
  // Each row is a card whose cells say what they are; nothing scrolls sideways.
  await expect(
    page.getByRole('row').filter({ hasText: 'Alpha key' }).getByRole('cell').first(),
  ).toHaveAttribute('data-label', 'Environment')
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await expectAccessible(page)
  // The headers are hidden on a phone; the orders are links above the cards.
  await expect(
    page.getByRole('navigation', { name: 'Sort' }).getByRole('link', { name: /Created/ }),
  ).toHaveAttribute('aria-current', 'true')

  await page.setViewportSize({ width: 1280, height: 800 })
  await page.getByRole('columnheader', { name: /Name/ }).getByRole('link').click()
  await expect(page).toHaveURL(/sort=name/)
  await expect(page.getByRole('columnheader', { name: /Name/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  )
  expect((await names()).map((text) => text.split('\n')[0])).toEqual([
    'Alpha key',
    'Bravo key',
    'Charlie key',
  ])
  await page.getByRole('columnheader', { name: /Name/ }).getByRole('link').click()
  await expect(page).toHaveURL(/sort=-name/)
  expect((await names()).map((text) => text.split('\n')[0])).toEqual([
    'Charlie key',
    'Bravo key',
    'Alpha key',
  ])
  // A filter keeps the order; an unknown order falls back to newest first.
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/sort=-name/)
  await page.goto('/api-keys?sort=password')
  await expect(page.getByRole('columnheader', { name: /Created/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  )
  await context.close()
})
