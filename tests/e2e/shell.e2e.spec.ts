import { expect, test, type APIRequestContext, type Page } from '@playwright/test'

import { createVerifiedUser, DEMO, expectAccessible, logIn } from './helpers'

/** Links worth following: same origin, pages (not the API, admin, or signing out). */
function crawlable(href: string, origin: string): string | null {
  const url = new URL(href, origin)
  if (url.origin !== origin) return null
  if (/^\/(api|admin|logout|_next)(\/|$)/.test(url.pathname)) return null
  // The forum's threads, tags and profiles, the hub's models and the showcase's projects are
  // many (their own e2e visit them): their sections only.
  if (/^\/(community\/(discussions\/\d|tags\/)|u\/)/.test(url.pathname)) return null
  if (/^\/models\/(?!upload$|my-models$|browse$)[^/]+\//.test(url.pathname)) return null
  if (/^\/showcase\/projects\/[^/]+/.test(url.pathname)) return null
  if (/^\/(community|models|showcase)/.test(url.pathname) && url.search) return null
  url.hash = ''
  return `${url.pathname}${url.search}`
}

/**
 * Follows every link from `/` (and the pages it reaches) with the page's cookies, up to
 * `limit` pages, and returns each URL with its status.
 */
async function crawl(page: Page, limit = 60): Promise<Map<string, number | string>> {
  const origin = new URL(page.url()).origin
  const seen = new Map<string, number | string>()
  const queue = ['/']
  while (queue.length > 0 && seen.size < limit) {
    const path = queue.shift() as string
    if (seen.has(path)) continue
    // As a browser navigating would: the session cookie counts on same-origin requests only.
    const response = await page.request.get(path, {
      maxRedirects: 0,
      headers: { 'Sec-Fetch-Site': 'same-origin' },
    })
    // A private page sends a visitor to log in (and back): that is a working link too.
    const location = response.headers()['location'] ?? ''
    seen.set(
      path,
      response.status() === 307 && location.startsWith('/login?next=')
        ? 'login'
        : response.status(),
    )
    const html = await response.text()
    for (const match of html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)) {
      const next = crawlable(match[1].replaceAll('&amp;', '&'), origin)
      if (next && !seen.has(next) && !queue.includes(next)) queue.push(next)
    }
  }
  return seen
}

/** Pages that did not answer 200 (or, for `allowLogin`, a redirect to log in). */
const failures = (statuses: Map<string, number | string>, allowLogin = false) =>
  [...statuses]
    .filter(([, status]) => status !== 200 && !(allowLogin && status === 'login'))
    .map(([path, status]) => `${path}: ${status}`)

async function jwt(request: APIRequestContext, credentials: { email: string; password: string }) {
  const response = await request.post('/api/users/login', { data: credentials })
  expect(response.status()).toBe(200)
  return `JWT ${(await response.json()).token}`
}

test('every link from any navigation answers 200, as anonymous, member and admin', async ({
  page,
}) => {
  await page.goto('/')
  const anonymous = await crawl(page)
  expect(failures(anonymous, true)).toEqual([])
  expect([...anonymous.keys()]).toEqual(expect.arrayContaining(['/', '/docs', '/login']))

  await logIn(page, DEMO.maya)
  const member = await crawl(page)
  expect(failures(member)).toEqual([])
  expect([...member.keys()]).toEqual(
    expect.arrayContaining(['/api-keys', '/settings/profile', '/settings/webhooks']),
  )
  // Nothing a member reaches scrolls sideways on a phone.
  await page.setViewportSize({ width: 360, height: 740 })
  const wide: string[] = []
  for (const path of member.keys()) {
    await page.goto(path)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    if (overflow > 0) wide.push(`${path}: ${overflow}px`)
  }
  expect(wide).toEqual([])

  await page.context().clearCookies()
  await logIn(page, DEMO.admin)
  expect(failures(await crawl(page))).toEqual([])
})

test('unknown pages and other people’s records show the not-found page in the shell', async ({
  page,
  request,
}) => {
  for (const path of [
    '/models/nobody/no-such-model',
    '/community/discussions/999999999',
    '/%2e%2e/etc',
  ]) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(404)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('We could not find that page')
    await expect(page.getByRole('navigation', { name: 'Main' }).first()).toBeAttached()
    await expect(page.getByRole('search', { name: 'Search the portal' })).toBeVisible()
  }
  await expectAccessible(page)

  const owner = await createVerifiedUser(request)
  const auth = await jwt(request, owner)
  const created = await request.post('/api/api-keys', {
    headers: { Authorization: auth },
    data: { name: 'not yours', environment: 'development', scopes: ['tracks:read'] },
  })
  const { doc } = await created.json()
  await logIn(page, DEMO.leo)
  for (const path of [`/api-keys/${doc.id}`, `/api-keys/${doc.id}/danger`, '/api-keys/abc']) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(404)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('We could not find that page')
    await expect(page.getByText('not yours')).toHaveCount(0)
  }
  // The search box leads to the search page.
  await page.getByRole('searchbox').fill('webhooks')
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  await expect(page).toHaveURL(/\/search\?q=webhooks/)
  // The webhooks guide is a docs page: found by its text, under Docs.
  await expect(
    page.getByRole('region', { name: 'Docs' }).getByRole('link', { name: 'Verifying webhooks' }),
  ).toBeVisible()
})

test('the header marks the current section, and ⌘K finds my keys', async ({ page, request }) => {
  const user = await createVerifiedUser(request)
  const auth = await jwt(request, user)
  await request.post('/api/api-keys', {
    headers: { Authorization: auth },
    data: { name: 'Palette target', environment: 'staging', scopes: ['tracks:read'] },
  })
  await page.setViewportSize({ width: 1280, height: 800 })
  await logIn(page, user)
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav.getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page')
  await nav.getByRole('link', { name: 'API keys' }).click()
  await expect(nav.getByRole('link', { name: 'API keys' })).toHaveAttribute('aria-current', 'page')
  await expect(nav.getByRole('link', { name: 'Docs' })).not.toHaveAttribute('aria-current')
  await nav.getByRole('link', { name: 'Docs' }).click()
  await expect(nav.getByRole('link', { name: 'Docs' })).toHaveAttribute('aria-current', 'page')

  await page.keyboard.press('Control+K')
  const palette = page.getByRole('dialog')
  await expect(palette).toBeVisible()
  await palette.getByRole('combobox').fill('palette')
  await expect(palette.getByRole('option', { name: /Palette target/ })).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Palette target' })).toBeVisible()
  await expect(palette).toBeHidden()

  // Another member's keys never show up.
  await page.keyboard.press('Control+K')
  await page.getByRole('dialog').getByRole('combobox').fill('Demo')
  await expect(
    page
      .getByRole('dialog')
      .getByText(/nothing matches|Pages|Docs/i)
      .first(),
  ).toBeVisible()
  const results = await page.request.get('/api/search?q=e2e%20key')
  expect(results.status()).toBe(200)
  for (const hit of (await results.json()).hits as { href: string }[]) {
    expect(hit.href.startsWith('/api-keys/') ? hit.href : '').not.toMatch(/^\/api-keys\/\d+$/)
  }
  const tooLong = await page.request.get(`/api/search?q=${'x'.repeat(101)}`)
  expect(tooLong.status()).toBe(400)
  expect((await tooLong.json()).errors[0].field).toBe('q')
})

test('on a phone the header keeps one row and the menu is a drawer that traps focus', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 })
  await logIn(page, DEMO.maya)
  const header = page.locator('body > header')
  expect((await header.boundingBox())?.height).toBeLessThanOrEqual(64)
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden()

  const trigger = page.getByRole('button', { name: 'Open menu' })
  await trigger.click()
  const drawer = page.getByRole('dialog', { name: 'Menu' })
  await expect(drawer).toBeVisible()
  await expect(drawer.getByRole('link', { name: 'Dashboard' })).toHaveAttribute(
    'aria-current',
    'page',
  )
  if (process.env.UPDATE_SCREENSHOTS) {
    await page.screenshot({ path: 'docs/screenshots/shell-mobile.png' })
  }
  await expectAccessible(page)
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab')
    expect(await drawer.evaluate((node) => node.contains(document.activeElement))).toBe(true)
  }
  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
  await expect(trigger).toBeFocused()

  await trigger.click()
  await page.getByRole('dialog', { name: 'Menu' }).getByRole('link', { name: 'Docs' }).click()
  await expect(page).toHaveURL(/\/docs$/)
  await expect(page.getByRole('dialog', { name: 'Menu' })).toBeHidden()
  for (const path of ['/api-keys', '/docs', '/settings/webhooks', '/search?q=key', '/nowhere']) {
    await page.goto(path)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    expect(overflow, path).toBeLessThanOrEqual(0)
  }
})

test('a rotated key counts down on its row and page, and the new one says what it replaces', async ({
  page,
  request,
}) => {
  const user = await createVerifiedUser(request)
  const auth = await jwt(request, user)
  const created = await request.post('/api/api-keys', {
    headers: { Authorization: auth },
    data: { name: 'Rotating', environment: 'production', scopes: ['tracks:read'] },
  })
  const old = (await created.json()).doc
  const rotated = await request.post(`/api/api-keys/${old.id}/rotate`, {
    headers: { Authorization: auth },
    data: { gracePeriodSeconds: 3600 },
  })
  const fresh = (await rotated.json()).doc

  await page.setViewportSize({ width: 1280, height: 800 })
  await logIn(page, user)
  await page.goto('/api-keys')
  const oldRow = page.getByRole('row', { name: new RegExp(`^Rotating ${old.display}`) })
  await expect(oldRow).toContainText(`Replaced by Rotating (${fresh.display})`)
  await expect(oldRow.getByTestId('countdown')).toHaveText(/stops working in (59|60) min/)
  const newRow = page.getByRole('row', { name: new RegExp(`^Rotating ${fresh.display}`) })
  await expect(newRow).toContainText(`Replaces Rotating (${old.display})`)

  if (process.env.UPDATE_SCREENSHOTS) {
    await page.screenshot({ path: 'docs/screenshots/shell-keys.png' })
  }

  await page.goto(`/api-keys/${old.id}`)
  const countdown = page.getByRole('main').locator('header').getByTestId('countdown')
  await expect(countdown).toHaveText(/stops working in (59|60) min/)
  if (process.env.UPDATE_SCREENSHOTS) {
    await page.screenshot({ path: 'docs/screenshots/key-page.png' })
  }
  // Live: the time shown follows the clock (fast-forwarded here past the grace period).
  await page.clock.install()
  await page.reload()
  await page.clock.fastForward('01:01:00')
  await expect(page.getByRole('main').locator('header').getByTestId('countdown')).toHaveText(
    'this key has expired',
  )
})

test('key and endpoint pages are tabs with their own URLs, each accessible', async ({
  page,
  request,
}) => {
  const user = await createVerifiedUser(request)
  const auth = await jwt(request, user)
  const key = (
    await (
      await request.post('/api/api-keys', {
        headers: { Authorization: auth },
        data: { name: 'Tabbed', environment: 'development', scopes: ['tracks:read'] },
      })
    ).json()
  ).doc
  await logIn(page, user)
  await page.goto(`/api-keys/${key.id}`)
  const tabs = page.getByRole('navigation', { name: 'Key sections' })
  for (const [name, suffix] of [
    ['Usage', '/usage'],
    ['Settings', '/settings'],
    ['Danger zone', '/danger'],
    ['Overview', ''],
  ]) {
    await tabs.getByRole('link', { name }).click()
    await expect(page).toHaveURL(new RegExp(`/api-keys/${key.id}${suffix}$`))
    await expect(tabs.getByRole('link', { name })).toHaveAttribute('aria-current', 'page')
    await expect(page.getByRole('heading', { level: 1, name: 'Tabbed' })).toBeVisible()
    await expectAccessible(page)
  }

  // Saving settings is announced by a toast (a polite live region) and the form stays put.
  await tabs.getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Tabbed and renamed')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.locator('[aria-live="polite"]').getByText('Changes saved.')).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Tabbed and renamed' })).toBeVisible()
})

test('one person holds at most ten live streams; closing one frees its place', async ({
  request,
  baseURL,
}) => {
  const user = await createVerifiedUser(request)
  const headers = { Authorization: await jwt(request, user) }
  const streams: AbortController[] = []
  const open = async () => {
    const controller = new AbortController()
    const response = await fetch(`${baseURL}/api/notifications/stream`, {
      headers,
      signal: controller.signal,
    })
    if (response.status === 200) streams.push(controller)
    else controller.abort()
    return response.status
  }
  for (let i = 0; i < 10; i++) expect(await open()).toBe(200)
  expect(await open()).toBe(429)
  streams.shift()?.abort()
  await expect.poll(open, { timeout: 5000 }).toBe(200)
  for (const stream of streams) stream.abort()
})
