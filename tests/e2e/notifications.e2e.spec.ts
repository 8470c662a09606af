import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { expect, test, type APIRequestContext, type Page } from '@playwright/test'

import { waitForMail } from '../helpers/smtp'
import { createVerifiedUser, expectAccessible, logIn, mailDir, uniqueName } from './helpers'

type Credentials = { email: string; password: string }

async function authOf(request: APIRequestContext, credentials: Credentials) {
  const response = await request.post('/api/users/login', { data: credentials })
  expect(response.status()).toBe(200)
  return { Authorization: `JWT ${(await response.json()).token}` }
}

async function createKey(
  request: APIRequestContext,
  auth: Record<string, string>,
  name: string,
  scopes = ['tracks:read'],
) {
  const response = await request.post('/api/api-keys', {
    headers: auth,
    data: { name, environment: 'development', scopes },
  })
  expect(response.status(), await response.text()).toBe(201)
  return (await response.json()).doc as { id: number; key: string }
}

/** The header's bell, whose name carries the unread count. */
const bell = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Notifications/ })

async function expectUnread(pages: Page[], count: number) {
  const name = count === 0 ? 'Notifications' : `Notifications, ${count} unread`
  for (const page of pages) await expect(bell(page)).toHaveAttribute('aria-label', name)
}

/** A webhook receiver that answers 410 Gone, so its endpoint gets disabled. */
async function goneReceiver(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      response.writeHead(410)
      response.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/gone`, server }
}

test('five kinds of change reach the bell of every open tab live, and the page marks them read', async ({
  page,
  request,
}) => {
  const user = await createVerifiedUser(request)
  const auth = await authOf(request, user)
  await logIn(page, user)
  const other = await page.context().newPage()
  await other.goto('/api-keys')
  await expectUnread([page, other], 0)

  const gone = await goneReceiver()
  const endpoint = await request.post('/api/webhook-endpoints', {
    headers: auth,
    data: { url: gone.url, events: ['api_key.revoked'] },
  })
  expect(endpoint.status(), await endpoint.text()).toBe(201)

  // 1. A key is created.
  const key = await createKey(request, auth, 'Bell key')
  await expectUnread([page, other], 1)
  // 2. Its free-plan limit of 10 calls a minute is reached.
  for (let call = 0; call < 11; call++) {
    await request.get('/api/users/me', { headers: { Authorization: `Bearer ${key.key}` } })
  }
  await expectUnread([page, other], 2)
  // 3. It is revoked, and 4. the endpoint that hears of it answers 410 and is disabled.
  const revoked = await request.post(`/api/api-keys/${key.id}/revoke`, { headers: auth, data: {} })
  expect(revoked.status(), await revoked.text()).toBe(200)
  await expectUnread([page, other], 4)
  gone.server.close()
  // 5. Someone invites them into an organization.
  const owner = await createVerifiedUser(request)
  const ownerAuth = await authOf(request, owner)
  const organization = await request.post('/api/organizations', {
    headers: ownerAuth,
    data: { name: 'Bell Band', slug: uniqueName('bell') },
  })
  expect(organization.status(), await organization.text()).toBe(201)
  const invited = await request.post('/api/organization-invitations', {
    headers: ownerAuth,
    data: { organization: (await organization.json()).doc.id, email: user.email, role: 'member' },
  })
  expect(invited.status(), await invited.text()).toBe(201)
  await expectUnread([page, other], 5)

  // The REST list holds them, and only them.
  const listed = await request.get('/api/notifications?limit=50', { headers: auth })
  const titles = ((await listed.json()).docs as { title: string }[]).map((doc) => doc.title)
  expect(titles.sort()).toEqual(
    [
      'API key created',
      'API key revoked',
      'Invitation to Bell Band',
      'Rate limit reached',
      'Webhook endpoint disabled',
    ].sort(),
  )

  await bell(page).click()
  await expect(page).toHaveURL(/\/notifications$/)
  await expect(page.getByRole('link', { name: 'Unread (5)' })).toBeVisible()
  await page
    .getByRole('form', { name: 'Mark “Rate limit reached” read' })
    .getByRole('button', { name: 'Mark read' })
    .click()
  await expectUnread([page, other], 4)
  await expect(page.getByRole('link', { name: 'Unread (4)' })).toBeVisible()
  await page.getByRole('link', { name: 'Unread (4)' }).click()
  await expect(page.getByRole('main').getByRole('listitem')).toHaveCount(4)
  await page.getByRole('button', { name: 'Mark all read' }).click()
  await expectUnread([page, other], 0)
  await expect(page.getByText('Nothing unread')).toBeVisible()
  await page.setViewportSize({ width: 360, height: 740 })
  await page.goto('/notifications')
  await expect(page.getByRole('main').getByRole('listitem')).toHaveCount(5)
  await expectAccessible(page)
})

test('a new member sees an empty page; another member cannot mark their notifications read', async ({
  page,
  request,
  baseURL,
}) => {
  const [user, stranger] = [await createVerifiedUser(request), await createVerifiedUser(request)]
  const auth = await authOf(request, user)
  await createKey(request, auth, 'Private key')
  const mine = async () =>
    ((await (await request.get('/api/notifications', { headers: auth })).json()).docs ?? []) as {
      id: number
    }[]
  await expect.poll(async () => (await mine()).length).toBe(1)
  const [notification] = await mine()
  // They name keys, endpoints and organizations: a key reads them only with usage:read.
  const narrow = await createKey(request, auth, 'Narrow key')
  const refused = await fetch(`${baseURL}/api/notifications`, {
    headers: { Authorization: `Bearer ${narrow.key}` },
  })
  expect(refused.status).toBe(403)
  const reader = await createKey(request, auth, 'Reader key', ['usage:read'])
  const read = await fetch(`${baseURL}/api/notifications`, {
    headers: { Authorization: `Bearer ${reader.key}` },
  })
  expect(read.status).toBe(200)
  expect(((await read.json()).docs as unknown[]).length).toBeGreaterThan(0)

  const strangerAuth = await authOf(request, stranger)
  const theirs = await request.get('/api/notifications', { headers: strangerAuth })
  expect((await theirs.json()).docs).toEqual([])
  const forged = await request.post('/api/notifications/mark-read', {
    headers: strangerAuth,
    data: { ids: [notification.id] },
  })
  expect(await forged.json()).toEqual({ marked: 0 })
  const bad = await request.post('/api/notifications/mark-read', {
    headers: strangerAuth,
    data: { ids: 'all' },
  })
  expect(bad.status()).toBe(400)
  expect((await bad.json()).errors[0].field).toBe('ids')
  // Without any credentials (this request context would send the last login's cookie).
  const anonymous = await fetch(`${baseURL}/api/notifications`)
  expect(anonymous.status).toBe(403)
  expect((await anonymous.json()).errors[0].code).toBeDefined()

  await logIn(page, stranger)
  await page.goto('/notifications')
  await expect(page.getByRole('heading', { name: 'No notifications yet' })).toBeVisible()
  await expectUnread([page], 0)
})

test('preferences are kept, and the mailed unsubscribe links work without logging in', async ({
  page,
  browser,
  request,
}) => {
  const user = await createVerifiedUser(request)
  const auth = await authOf(request, user)
  await createKey(request, auth, 'Mailed key')
  const mail = await waitForMail(mailDir(), user.email, /API key created/)
  const pageLink = /href="([^"]*\/unsubscribe\?token=[^"]+)"/.exec(mail.html)?.[1]
  expect(pageLink).toBeDefined()
  const oneClick = /<([^>]+)>/.exec(mail.listUnsubscribe ?? '')?.[1]
  expect(oneClick).toContain('/api/notifications/unsubscribe?token=')

  // The page behind the mail's link, in a browser that is not logged in.
  const anonymous = await browser.newContext()
  const visitor = await anonymous.newPage()
  await visitor.goto((pageLink as string).replaceAll('&amp;', '&'))
  await expect(visitor.getByText('Stop mail about “API key created”.')).toBeVisible()
  await visitor.getByRole('button', { name: 'Unsubscribe' }).click()
  await expect(
    visitor.getByRole('main').getByText('You will get no more mail of this kind.'),
  ).toBeVisible()
  await visitor.goto('/unsubscribe?token=forged.token')
  await expect(visitor.getByText('This unsubscribe link is not valid.')).toBeVisible()
  await anonymous.close()

  // A mail client's one-click POST (RFC 8058) of the second mail's header.
  const second = await createKey(request, auth, 'Second key')
  await request.post(`/api/api-keys/${second.id}/revoke`, { headers: auth, data: {} })
  const revokedMail = await waitForMail(mailDir(), user.email, /API key revoked/)
  const revokeOneClick = /<([^>]+)>/.exec(revokedMail.listUnsubscribe ?? '')?.[1] as string
  const clicked = await request.post(revokeOneClick, {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    data: Buffer.from('List-Unsubscribe=One-Click'),
  })
  expect(clicked.status(), await clicked.text()).toBe(200)
  const tampered = await request.post(`${revokeOneClick}x`, {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    data: Buffer.from('List-Unsubscribe=One-Click'),
  })
  expect(tampered.status()).toBe(400)

  await page.setViewportSize({ width: 360, height: 740 })
  await logIn(page, user)
  await page.goto('/settings/notifications')
  await expect(page.getByLabel('API key created: Email')).not.toBeChecked()
  await expect(page.getByLabel('API key revoked: Email')).not.toBeChecked()
  await expect(page.getByLabel('API key revoked: In the portal')).toBeChecked()
  await expectAccessible(page)
  await page.getByLabel('Rate limit reached: Webhook').check()
  await page.getByLabel('Daily digest').check()
  await page.getByRole('button', { name: 'Save preferences' }).click()
  await expect(page.getByRole('main').getByText('Notification preferences saved.')).toBeVisible()
  await page.reload()
  await expect(page.getByLabel('Rate limit reached: Webhook')).toBeChecked()
  await expect(page.getByLabel('Daily digest')).toBeChecked()
})

/** A second web replica on the same database and Redis, without worker or verifier. */
function startReplica(port: number): ChildProcess {
  const env = JSON.parse(process.env.E2E_SERVER_ENV as string) as NodeJS.ProcessEnv
  return spawn('node', ['.next/standalone/portal-server.mjs'], {
    env: { ...env, PORT: String(port), HOSTNAME: '127.0.0.1', WORKER: 'off', VERIFIER: 'off' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
}

async function waitForHealthy(url: string) {
  await expect
    .poll(async () => (await fetch(url).catch(() => null))?.status ?? 0, { timeout: 60_000 })
    .toBe(200)
}

test('the bell hears changes made through another replica, and reconnects after its server restarts', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000)
  const port = Number(process.env.E2E_REPLICA_PORT ?? 3102)
  const origin = `http://localhost:${port}`
  let replica = startReplica(port)
  try {
    await waitForHealthy(`${origin}/api/health`)
    const user = await createVerifiedUser(request)
    const auth = await authOf(request, user)
    await logIn(page, user)
    // The bell's stream is served by the replica; every change below goes through the main server.
    await page.goto(`${origin}/api-keys`)
    await expectUnread([page], 0)
    await createKey(request, auth, 'Across replicas')
    await expectUnread([page], 1)

    // The replica dies mid-stream and comes back; the page is never reloaded.
    replica.kill('SIGKILL')
    await new Promise((resolve) => replica.once('exit', resolve))
    replica = startReplica(port)
    await waitForHealthy(`${origin}/api/health`)
    await createKey(request, auth, 'After the restart')
    await expectUnread([page], 2)
  } finally {
    replica.kill('SIGKILL')
  }
})
