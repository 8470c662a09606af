import { execFileSync } from 'node:child_process'

import { expect, test, type Page } from '@playwright/test'

import { createVerifiedUser, expectAccessible, logIn } from './helpers'

const PLAYGROUND = '/docs/playground'

async function pickEndpoint(page: Page, search: string, name: RegExp) {
  await page.getByLabel('Find an endpoint').fill(search)
  await page.getByRole('navigation', { name: 'Endpoints' }).getByRole('button', { name }).click()
  await page.getByLabel('Find an endpoint').fill('')
}

/** The remaining-request count the response's table explains. */
async function remaining(page: Page) {
  const row = page
    .getByRole('table', { name: 'Rate-limit headers, explained' })
    .getByRole('row', { name: /X-RateLimit-Remaining/ })
  return Number(await row.getByRole('cell').first().textContent())
}

for (const width of [360, 1280]) {
  test(`at ${width} px a member sends GET /api/users/me with a one-click test key, reads the rate-limit headers and copies the request`, async ({
    browser,
    request,
    baseURL,
  }) => {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
    })
    const page = await context.newPage()
    const member = await createVerifiedUser(request)
    await logIn(page, member)
    await page.goto(PLAYGROUND)
    await expect(page.getByRole('heading', { level: 1, name: 'Playground' })).toBeVisible()
    await page.getByRole('button', { name: 'Create a test key' }).click()
    const key = ((await page.getByTestId('new-test-key').textContent()) ?? '').trim()
    expect(key).toMatch(/^tt_test_/)

    await pickEndpoint(page, 'users me', /The signed-in user/)
    await expect(page.getByRole('heading', { level: 2, name: 'GET /api/users/me' })).toBeVisible()
    await page.getByRole('button', { name: 'Send request' }).click()
    await expect(page.getByTestId('response-status')).toContainText('200 OK')
    const table = page.getByRole('table', { name: 'Rate-limit headers, explained' })
    await expect(table.getByRole('row', { name: /^RateLimit-Policy/ })).toContainText(
      /at most \d+ requests per minute/,
    )
    await expect(table.getByRole('row', { name: /^RateLimit / })).toContainText(
      /\d+ requests? left under “api_calls-minute”; the window resets in \d+ seconds?/,
    )
    await expect(table.getByRole('row', { name: /X-RateLimit-Reset/ })).toContainText(
      /The window resets at \d\d:\d\d:\d\d UTC/,
    )
    await expect(page.getByTestId('response-body')).toContainText(
      `"username": "${member.username}"`,
    )
    await expectAccessible(page)
    if (process.env.UPDATE_SCREENSHOTS && width === 1280) {
      await page
        .getByRole('table', { name: 'Rate-limit headers, explained' })
        .scrollIntoViewIfNeeded()
      await page.screenshot({ path: 'docs/screenshots/docs-playground.png' })
    }

    // The code shows the key masked and copies it whole; the copied cURL works as is.
    const code = page.getByRole('figure').filter({ hasText: 'Request as code' })
    await code.getByRole('tab', { name: 'cURL' }).click()
    await expect(code).toContainText(`Authorization: Bearer tt_test_••••••••${key.slice(-4)}`)
    await expect(code).not.toContainText(key)
    await code.getByRole('button', { name: /^Copy/ }).click()
    const curl = await page.evaluate(() => navigator.clipboard.readText())
    expect(curl).toBe(
      [
        `curl -X GET '${baseURL}/api/users/me' \\`,
        `  -H 'Accept: application/json' \\`,
        `  -H 'Authorization: Bearer ${key}'`,
      ].join('\n'),
    )
    const status = execFileSync('bash', ['-c', `${curl} -s -o /dev/null -w '%{http_code}'`], {
      encoding: 'utf8',
    })
    expect(status).toBe('200')
    await code.getByRole('tab', { name: 'Python' }).click()
    await code.getByRole('button', { name: /^Copy/ }).click()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(
      `"Authorization": "Bearer ${key}",`,
    )
    await context.close()
  })
}

test('a body that breaks the request schema is flagged with the field named and not sent', async ({
  page,
  request,
}) => {
  const member = await createVerifiedUser(request)
  await logIn(page, member)
  await page.goto(PLAYGROUND)
  await page.getByRole('button', { name: 'Create a test key' }).click()
  await expect(page.getByTestId('new-test-key')).toBeVisible()
  await pickEndpoint(page, 'post webhook-endpoints', /Create a document in Webhook endpoints/)
  await expect(page.getByText('API key with the webhooks:manage scope')).toBeVisible()
  const sent: string[] = []
  page.on('request', (candidate) => {
    if (new URL(candidate.url()).pathname === '/api/webhook-endpoints') sent.push(candidate.url())
  })
  await page.getByLabel('Request body (JSON) (required)').fill('{"url": 42, "colour": "red"}')
  const problems = page.getByTestId('request-problems')
  await expect(problems).toContainText('Body field “url” must be string, not number')
  await expect(problems).toContainText('Body field “colour” is not a field this operation accepts')
  await expect(page.getByLabel('Request body (JSON) (required)')).toHaveAttribute(
    'aria-invalid',
    'true',
  )
  await page.getByRole('button', { name: 'Send request' }).click()
  await expect(page.getByTestId('response-status')).toHaveCount(0)
  await expect(page.getByText('Fix the problems above to get the request as code.')).toBeVisible()
  expect(sent).toEqual([])
  await expectAccessible(page)
})

test('a dry run shows the code the key would get, and counts nothing', async ({
  page,
  request,
}) => {
  const member = await createVerifiedUser(request)
  await logIn(page, member)
  await page.goto(PLAYGROUND)
  await page.getByRole('button', { name: 'Create a test key' }).click()
  await expect(page.getByTestId('new-test-key')).toBeVisible()

  await pickEndpoint(page, 'users me', /The signed-in user/)
  // The two real requests compared below must fall in the same minute window (limits count in
  // fixed windows): start early in a minute, as the test takes well under 30 seconds.
  const intoMinute = new Date().getSeconds()
  if (intoMinute > 25) await page.waitForTimeout((61 - intoMinute) * 1000)
  await page.getByRole('button', { name: 'Send request' }).click()
  await expect(page.getByTestId('response-status')).toContainText('200 OK')
  const before = await remaining(page)

  // Creating tracks needs tracks:write; the one-click key reads only.
  await pickEndpoint(page, 'post v1 tracks', /Create a track/)
  await expect(page.getByRole('button', { name: 'Send request' })).toBeDisabled()
  for (let i = 0; i < 3; i++) {
    await page.getByRole('button', { name: 'Dry run' }).click()
    await expect(page.getByTestId('dry-run-code')).toHaveText('INSUFFICIENT_SCOPE')
  }
  await expect(page.getByRole('region', { name: 'Dry run' })).toContainText('tracks:write')

  // A valid answer says what sending would leave: one less than the one real request left,
  // however many dry runs came before.
  await pickEndpoint(page, 'users me', /The signed-in user/)
  for (let i = 0; i < 2; i++) {
    await page.getByRole('button', { name: 'Dry run' }).click()
    await expect(page.getByTestId('dry-run-code')).toHaveText('VALID')
    await expect(page.getByRole('region', { name: 'Dry run' })).toContainText(
      new RegExp(`Sent now, it would leave ${before - 1} of \\d+ api calls this minute`),
    )
  }
  await expectAccessible(page)

  await page.getByRole('button', { name: 'Send request' }).click()
  await expect(page.getByTestId('response-status')).toContainText('200 OK')
  expect(await remaining(page)).toBe(before - 1)
})

test('signed out, the playground says how to sign in and dry runs wait for a key', async ({
  page,
}) => {
  await page.goto(PLAYGROUND)
  await expect(page.getByRole('region', { name: 'Your test key' })).toContainText('Log in')
  await expect(page.getByRole('button', { name: 'Dry run' })).toBeDisabled()
  await expect(page.getByText('A dry run needs a key whose value this tab knows.')).toBeVisible()
  await expectAccessible(page)
})

test('a key revoked elsewhere is forgotten with a notice, and logging out forgets every key', async ({
  page,
  request,
}) => {
  const member = await createVerifiedUser(request)
  await logIn(page, member)
  await page.goto(PLAYGROUND)
  await page.getByRole('button', { name: 'Create a test key' }).click()
  await expect(page.getByTestId('new-test-key')).toBeVisible()
  const key = ((await page.getByTestId('new-test-key').textContent()) ?? '').trim()
  const stored = () =>
    page.evaluate(() =>
      Object.keys(window.sessionStorage).filter((name) => name.startsWith('tt-docs-keys:')),
    )
  await expect.poll(stored).toHaveLength(1)

  // Revoked in another tab (here: over REST with the same session).
  const { docs } = (await (
    await page.request.get('/api/api-keys?limit=1&sort=-createdAt', {
      headers: { 'Sec-Fetch-Site': 'same-origin' },
    })
  ).json()) as { docs: { id: number }[] }
  const revoked = await page.request.post(`/api/api-keys/${docs[0].id}/revoke`, {
    headers: { 'Sec-Fetch-Site': 'same-origin' },
  })
  expect(revoked.status()).toBe(200)

  await page.reload()
  // Named as the key list shows it: prefix and last four.
  await expect(page.getByRole('status').filter({ hasText: 'no longer active' })).toContainText(
    `tt_test_…${key.slice(-4)}`,
  )
  await pickEndpoint(page, 'users me', /The signed-in user/)
  await expect(page.getByRole('button', { name: 'Send request' })).toBeDisabled()
  await expect(page.getByText('Pick, create or paste a test key first')).toBeVisible()
  expect(await page.content()).not.toContain(key)

  // A new key, then logging out: the tab keeps no plaintext.
  await page.getByRole('button', { name: 'Create a test key' }).click()
  await expect(page.getByTestId('new-test-key')).toBeVisible()
  await page.goto('/logout')
  await page.getByRole('button', { name: 'Log out of TuneTrail Community' }).click()
  // Logged out once the login page says so (going on earlier races the logout).
  await expect(page).toHaveURL(/\/login\?loggedOut=1/)
  await page.goto(PLAYGROUND)
  await expect(page.getByRole('region', { name: 'Your test key' })).toContainText('Log in')
  await expect.poll(stored).toEqual([])
})
