import { expect, test, type Page } from '@playwright/test'

import { generateKey } from '../../src/lib/keys/format'

import { createVerifiedUser, expectAccessible, logIn } from './helpers'

const REFERENCE = '/docs/api-reference'
const OPERATION = /\/(GET|POST|PUT|PATCH|DELETE)(\/.*)$/

/** Every request the page makes that leaves this origin, and every script-policy refusal. */
function watchOrigin(page: Page, baseURL: string) {
  const origin = new URL(baseURL).origin
  const elsewhere: string[] = []
  const refused: string[] = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) {
      elsewhere.push(request.url())
    }
  })
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) refused.push(message.text())
  })
  return { elsewhere, refused }
}

/** Opens every collapsed group of Scalar's sidebar, then lists its operations as `GET /path`. */
async function listedOperations(page: Page) {
  const sidebar = page.locator('.t-doc__sidebar').first()
  for (let round = 0; round < 5; round++) {
    const closed = sidebar.locator('button[aria-expanded="false"]')
    const count = await closed.count()
    if (count === 0) break
    for (let i = count - 1; i >= 0; i--) await closed.nth(i).click()
  }
  const ids = await sidebar
    .locator('li[data-sidebar-id]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-sidebar-id') ?? ''))
  return ids.flatMap((id) => {
    const match = OPERATION.exec(id)
    return match ? [`${match[1]} ${match[2]}`] : []
  })
}

test('a member with no key creates a test key in one click and calls GET /api/users/me through Scalar', async ({
  page,
  request,
  baseURL,
}) => {
  const watched = watchOrigin(page, baseURL as string)
  const member = await createVerifiedUser(request)
  await logIn(page, member)
  await page.goto(REFERENCE)
  await expect(page.getByRole('heading', { level: 1, name: 'API reference' })).toBeVisible()

  const picker = page.getByRole('region', { name: 'Your test key' })
  await expect(picker).toContainText('You have no test keys yet')
  await picker.getByRole('button', { name: 'Create a test key' }).click()
  const key = ((await page.getByTestId('new-test-key').textContent()) ?? '').trim()
  expect(key).toMatch(/^tt_test_[0-9A-Za-z]{38}$/)
  await expect(picker.getByTestId('try-key-status')).toContainText(
    `tt_test_••••••••${key.slice(-4)}`,
  )
  // Only this tab knows the plaintext: sessionStorage, never localStorage.
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).toContain(key)
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(key)
  await expectAccessible(page)

  // Try it: the key is prefilled as the Bearer token and is the request's only credential.
  await page
    .getByRole('link', { name: /The signed-in user/ })
    .first()
    .click()
  await page.getByRole('button', { name: /Test Request.*get \/api\/users\/me\b/ }).click()
  const client = page.getByRole('dialog')
  const sent = page.waitForRequest(
    (candidate) =>
      new URL(candidate.url()).pathname === '/api/users/me' &&
      candidate.method() === 'GET' &&
      candidate.headers().authorization !== undefined,
  )
  await client.getByRole('button', { name: /^Send get request/ }).click()
  const call = await sent
  expect(call.headers().authorization).toBe(`Bearer ${key}`)
  expect((await call.allHeaders()).cookie).toBeUndefined()
  const answer = await call.response()
  expect(answer?.status()).toBe(200)
  expect(answer?.headers()['x-ratelimit-remaining']).toMatch(/^\d+$/)
  await expect(client).toContainText('200 OK')
  await expect(client).toContainText(`"username": "${member.username}"`)
  await client.getByRole('button', { name: /Response Headers/ }).click()
  await expect(client.getByText('RateLimit-Policy', { exact: false }).first()).toBeVisible()
  await expect(client.getByText('X-RateLimit-Remaining', { exact: false }).first()).toBeVisible()
  if (process.env.UPDATE_SCREENSHOTS) {
    await page.screenshot({ path: 'docs/screenshots/docs-api-reference.png' })
  }
  await page.keyboard.press('Escape')
  await expect(client).toBeHidden()
  // Scalar kept nothing of it either (no persisted auth, no IndexedDB).
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(key)
  expect(await page.evaluate(async () => (await indexedDB.databases()).length)).toBe(0)

  // Every operation of the document is listed, and nothing else.
  const document = (await (await request.get('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, unknown>>
  }
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => /^(get|post|put|patch|delete)$/.test(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  )
  const listed = await listedOperations(page)
  expect(listed.length).toBe(operations.length)
  expect(new Set(listed)).toEqual(new Set(operations))

  expect(watched.elsewhere).toEqual([])
  expect(watched.refused).toEqual([])
})

test('the reference follows the dark theme and stays accessible', async ({ page, baseURL }) => {
  const watched = watchOrigin(page, baseURL as string)
  await page.context().addCookies([{ name: 'tt-theme', value: 'dark', url: baseURL as string }])
  await page.goto(REFERENCE)
  await expect(page.locator('.scalar-app').first()).toBeVisible()
  await expect(page.locator('body')).toHaveClass(/dark-mode/)
  await expect(page.getByRole('link', { name: /The signed-in user/ }).first()).toBeVisible()
  await expectAccessible(page)
  expect(watched.elsewhere).toEqual([])
})

test('at 360 px: signed out, the reader is told how to sign in; signed in, live keys are refused', async ({
  browser,
  request,
  baseURL,
}) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } })
  const page = await context.newPage()
  const watched = watchOrigin(page, baseURL as string)
  await page.goto(REFERENCE)
  const picker = page.getByRole('region', { name: 'Your test key' })
  await expect(picker).toContainText('to send requests with one of your own test keys')
  await expect(picker.getByRole('link', { name: 'Log in' })).toHaveAttribute(
    'href',
    `/login?next=${encodeURIComponent(REFERENCE)}`,
  )
  await expect(page.locator('.scalar-app').first()).toBeVisible()
  await expectAccessible(page)

  const member = await createVerifiedUser(request)
  await logIn(page, member)
  await page.goto(REFERENCE)
  await picker.getByRole('button', { name: 'Paste a test key' }).click()
  await picker.getByLabel('Test key (tt_test_…)').fill(generateKey('production'))
  await picker.getByRole('button', { name: 'Use key' }).click()
  await expect(picker.getByRole('alert')).toContainText('That is a live key (tt_live_…)')
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain('tt_live_')
  const pasted = generateKey('development')
  await picker.getByLabel('Test key (tt_test_…)').fill(pasted)
  await picker.getByRole('button', { name: 'Use key' }).click()
  await expect(picker.getByTestId('try-key-status')).toContainText(pasted.slice(-4))
  await expect(picker.getByRole('combobox')).toContainText('Pasted key')
  await expectAccessible(page)
  expect(watched.elsewhere).toEqual([])
  expect(watched.refused).toEqual([])
  await context.close()
})
