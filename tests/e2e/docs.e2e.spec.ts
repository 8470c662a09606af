import fs from 'node:fs'

import { expect, test, type Page } from '@playwright/test'

import { DEMO, expectAccessible, logIn } from './helpers'

const QUICKSTART = '/docs/getting-started/quickstart'

const codeGroups = (page: Page) => page.getByRole('main').locator('figure')

for (const width of [360, 1280]) {
  test(`reads the docs at ${width} px: index, sidebar, contents, copy, tabs, previous/next`, async ({
    browser,
  }) => {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
    })
    const page = await context.newPage()

    await page.goto('/docs')
    await expect(page.getByRole('heading', { level: 1, name: 'Docs' })).toBeVisible()
    for (const section of ['Getting started', 'API reference', 'SDKs', 'Webhooks']) {
      await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible()
    }
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Quickstart', exact: true }).click()
    await expect(page).toHaveURL(QUICKSTART)
    await expect(page.getByRole('heading', { level: 1, name: 'Quickstart' })).toBeVisible()
    await expectAccessible(page)
    if (process.env.UPDATE_SCREENSHOTS && width === 1280) {
      await page.screenshot({ path: 'docs/screenshots/docs-page.png' })
    }

    // Sidebar: every section's pages, the current one marked (in a disclosure on small screens).
    if (width < 1024) await page.getByText('All docs pages').click()
    const sidebar = page.getByRole('navigation', { name: 'Docs' })
    await expect(sidebar.getByRole('link', { name: 'Quickstart' })).toHaveAttribute(
      'aria-current',
      'page',
    )
    await expect(sidebar.getByRole('link', { name: 'Verifying webhooks' })).toBeVisible()

    // Table of contents links to the headings.
    await page
      .getByRole('navigation', { name: 'On this page' })
      .getByRole('link', { name: '3. Read the answer' })
      .click()
    await expect(page).toHaveURL(`${QUICKSTART}#3-read-the-answer`)
    await expect(page.getByRole('heading', { level: 2, name: '3. Read the answer' })).toBeVisible()

    // Copy puts the snippet shown on the clipboard.
    const first = codeGroups(page).first()
    await first.getByRole('button', { name: /^Copy/ }).click()
    await expect(first.getByRole('button', { name: /^Copied/ })).toBeVisible()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(
      'export TUNETRAIL_API_KEY',
    )

    // The language chosen in one group applies to every group, and to the next page.
    await first.getByRole('tab', { name: 'JavaScript' }).click()
    await expect(codeGroups(page).nth(1).getByRole('tab', { name: 'JavaScript' })).toHaveAttribute(
      'aria-selected',
      'true',
    )
    await expect(codeGroups(page).nth(1)).toContainText('await fetch(')

    // Previous / next in reading order.
    await page.getByRole('link', { name: /Next.*Authentication with API keys/ }).click()
    await expect(
      page.getByRole('heading', { level: 1, name: 'Authentication with API keys' }),
    ).toBeVisible()
    await page.getByRole('link', { name: /Next.*Rate limits and headers/ }).click()
    await expect(
      page.getByRole('heading', { level: 1, name: 'Rate limits and headers' }),
    ).toBeVisible()
    // Python comes first on this page's group; the reader's JavaScript is remembered.
    const retry = codeGroups(page).filter({ hasText: 'Honour Retry-After' })
    await expect(retry.getByRole('tab', { name: 'JavaScript' })).toHaveAttribute(
      'aria-selected',
      'true',
    )
    await page.getByRole('link', { name: /Previous.*Authentication with API keys/ }).click()
    await expect(
      page.getByRole('heading', { level: 1, name: 'Authentication with API keys' }),
    ).toBeVisible()

    // Signed out, feedback asks to log in; nobody signed out sees "Edit in admin".
    await expect(page.getByRole('region', { name: 'Was this page helpful?' })).toContainText(
      'Log in to tell us',
    )
    await expect(page.getByRole('link', { name: 'Edit in admin' })).toHaveCount(0)
    await expectAccessible(page)
    await context.close()
  })
}

test('a member rates a page once; /docs/webhooks leads to its new page', async ({ page }) => {
  const refused: string[] = []
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) refused.push(message.text())
  })
  await logIn(page, DEMO.leo)
  const response = await page.goto('/docs/sdks/python')
  // A static page: no nonce in its policy (cached HTML cannot carry one), nothing refused.
  const headers = response?.headers() ?? {}
  expect(headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline';")
  expect(headers['content-security-policy']).toContain("frame-ancestors 'self'")
  expect(headers['x-frame-options']).toBe('SAMEORIGIN')
  const feedback = page.getByRole('region', { name: 'Was this page helpful?' })
  await feedback.getByRole('button', { name: 'Yes' }).click()
  await expect(feedback.getByRole('status')).toHaveText('Thanks! Glad it helped.')
  await feedback.getByRole('button', { name: 'No' }).click()
  await expect(feedback.getByRole('status')).toHaveText(
    'Thanks. We will use this to improve the page.',
  )
  await expect(feedback.getByRole('button', { name: 'No' })).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByRole('link', { name: 'Edit in admin' })).toHaveCount(0)
  await expectAccessible(page)

  await page.goto('/docs/webhooks')
  await expect(page).toHaveURL('/docs/webhooks/verifying-webhooks')
  await expect(page.getByRole('heading', { level: 1, name: 'Verifying webhooks' })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Retry schedule' })).toBeVisible()
  expect(refused).toEqual([])
})

test('publishing a change in /admin updates the public page without a rebuild', async ({
  page,
  browser,
}) => {
  const path = '/docs/getting-started/errors'
  const reader = await browser.newPage()
  await reader.goto(path)
  await expect(reader.getByRole('heading', { level: 1, name: 'Errors' })).toBeVisible()
  // By now the server's page cache holds it (src/runtime/pageCache.ts): the publish must clear it.
  await expect(async () => {
    const cached = await reader.request.get(path)
    expect(cached.headers()['x-portal-cache']).toBe('HIT')
  }).toPass({ timeout: 10_000 })

  await logIn(page, DEMO.admin)
  await page.goto(path)
  await page.getByRole('link', { name: 'Edit in admin' }).click()
  await expect(page).toHaveURL(/\/admin\/collections\/docs-pages\/\d+/)
  const summary = `Updated in the admin at ${Date.now()}.`
  await page.getByLabel('Summary').fill(summary)
  await page.getByRole('button', { name: 'Publish changes' }).click()
  await expect(page.getByText(/published successfully|updated successfully/i).first()).toBeVisible()

  await expect(async () => {
    await reader.reload()
    await expect(reader.getByText(summary)).toBeVisible({ timeout: 1000 })
  }).toPass({ timeout: 20_000 })
  await reader.close()
})

test('made-up docs paths answer 404, every time', async ({ page }) => {
  for (const path of [
    '/docs/getting-started/no-such-page',
    '/docs/no-such-section/quickstart',
    '/docs/index/other',
  ]) {
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await page.goto(path)
      expect(response?.status(), path).toBe(404)
    }
  }
  // A real page still comes from the cache.
  await page.goto('/docs/getting-started/quickstart')
  const again = await page.goto('/docs/getting-started/quickstart')
  expect(again?.status()).toBe(200)
  // Nothing is written to disk per URL: made-up paths must not be a way to fill it.
  const written = (dir: string): string[] =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir, { recursive: true, encoding: 'utf8' })
          .filter((name) => name.includes('no-such'))
      : []
  expect(written('.next/standalone/.next/server')).toEqual([])
})
