import { expect, test, type Page } from '@playwright/test'

import { createVerifiedUser, DEMO, expectAccessible, expectNoOverflow, logIn } from './helpers'

/** Fixed minute windows: start early in a minute so a test's calls all land in one. */
async function startOfAMinute() {
  const left = 60_000 - (Date.now() % 60_000)
  if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 100))
}

const callsPerMinute = (page: Page) =>
  page.getByRole('progressbar', { name: 'API calls per minute' })

test('the dashboard is home after login, and its bars follow calls made with a key live', async ({
  page,
  request,
}) => {
  await startOfAMinute()
  const user = await createVerifiedUser(request)
  await logIn(page, user)
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Dashboard', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  )
  await expect(callsPerMinute(page)).toHaveAttribute('aria-valuetext', '0 / 10 per minute')
  await expect(page.getByRole('heading', { name: 'No activity yet' })).toBeVisible()

  // A key made through REST, then calls with it: the open page moves without a reload.
  const login = await request.post('/api/users/login', { data: user })
  const auth = { Authorization: `JWT ${(await login.json()).token}` }
  const created = await request.post('/api/api-keys', {
    headers: auth,
    data: { name: 'Dashboard key', environment: 'development', scopes: ['tracks:read'] },
  })
  expect(created.status()).toBe(201)
  const key = (await created.json()).doc as { id: number; key: string }
  let remaining = ''
  for (let i = 0; i < 3; i++) {
    const me = await request.get('/api/users/me', {
      headers: { Authorization: `Bearer ${key.key}` },
    })
    expect(me.status()).toBe(200)
    remaining = /r=(\d+)/.exec(me.headers()['ratelimit'] ?? '')?.[1] ?? ''
  }
  expect(remaining).toBe('7')
  // Within a second or two (the stream reads the counters every second); generous for CI.
  await expect(callsPerMinute(page)).toHaveAttribute('aria-valuetext', '3 / 10 per minute', {
    timeout: 5000,
  })
  await expect(callsPerMinute(page)).toHaveAttribute('aria-valuenow', '3')
  await expect(page.getByRole('progressbar', { name: 'API calls per day' })).toHaveAttribute(
    'aria-valuetext',
    '3 / 1,000 per day',
  )
  await expect(page.getByText('Today (UTC): 3 calls allowed, 0 rate limited.')).toBeVisible()
  if (process.env.UPDATE_SCREENSHOTS) {
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.screenshot({ path: 'docs/screenshots/dashboard.png', fullPage: true })
  }

  // The feed shows the new key on the next visit, linking to it.
  await page.reload()
  const feed = page.getByRole('region', { name: 'Recent activity' })
  await feed.getByRole('link', { name: 'API key created' }).click()
  await expect(page).toHaveURL(new RegExp(`/api-keys/${key.id}$`))
})

test('the dashboard follows the account switcher and is accessible at 360 and 1280 px', async ({
  page,
}) => {
  await logIn(page, DEMO.maya)
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto('/dashboard')
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible()
    await expectAccessible(page)
    await expectNoOverflow(page)
  }
  // System health is the status page's components (the seed's), linked to /status.
  await expect(page.getByRole('list', { name: 'Service components' })).toContainText(
    'Recommendations',
  )
  await expect(page.getByRole('link', { name: 'Status page' })).toHaveAttribute('href', '/status')
  // Every account at once, then the organization alone: the numbers follow the switcher.
  await expect(page.getByRole('region', { name: 'Usage of Personal' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Usage of Groove Labs' })).toBeVisible()
  await page.getByRole('button', { name: 'Account: All accounts' }).click()
  await page.getByRole('menuitemradio', { name: /Groove Labs/ }).click()
  await expect(page.getByText('Showing Groove Labs.')).toBeVisible()
  await expect(page.getByRole('region', { name: 'Usage of Groove Labs' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Usage of Personal' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Account: Groove Labs' }).click()
  await page.getByRole('menuitemradio', { name: 'All accounts' }).click()
  await expect(page.getByRole('region', { name: 'Usage of Personal' })).toBeVisible()
  const quick = page.getByRole('navigation', { name: 'Quick actions' })
  await quick.getByRole('link', { name: 'Create an API key' }).click()
  await expect(page).toHaveURL(/\/api-keys\/new$/)
})
