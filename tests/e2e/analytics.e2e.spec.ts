import { expect, test, type Page } from '@playwright/test'

import { createVerifiedUser, DEMO, expectAccessible, expectNoOverflow, logIn } from './helpers'

/** Shows Groove Labs (a pro organization with seeded usage) through the header's switcher. */
async function showGrooveLabs(page: Page) {
  await page.goto('/dashboard/analytics')
  const switcher = page.getByRole('button', { name: /^Account: / })
  if ((await switcher.textContent())?.includes('Groove Labs')) return
  await switcher.click()
  await page.getByRole('menuitemradio', { name: /Groove Labs/ }).click()
  await expect(page.getByRole('button', { name: 'Account: Groove Labs' })).toBeVisible()
  await page.goto('/dashboard/analytics')
}

test('a free account sees what analytics bring and how to get them', async ({ page, request }) => {
  const user = await createVerifiedUser(request)
  await logIn(page, user)
  await page.getByRole('link', { name: 'Analytics' }).click()
  await expect(
    page.getByRole('heading', { name: 'Analytics come with the Pro and Enterprise plans' }),
  ).toBeVisible()
  await expect(page.getByRole('main')).toContainText('is on the free plan')
  await expectAccessible(page)
  const api = await page.request.get('/api/analytics/requests?range=24h', {
    headers: { 'Sec-Fetch-Site': 'same-origin' },
  })
  expect(api.status()).toBe(403)
})

test('a pro organization’s analytics: charts with tables, CSV, drill-down into the log', async ({
  page,
}) => {
  await logIn(page, DEMO.maya)
  await showGrooveLabs(page)
  await page.getByLabel('Range', { exact: true }).selectOption('30d')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/range=30d/)
  const main = page.getByRole('main')
  await expect(main.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible()
  await expect(main).toContainText('Groove Labs · pro plan')
  if (process.env.UPDATE_SCREENSHOTS) {
    await page.setViewportSize({ width: 1280, height: 1100 })
    await page.screenshot({ path: 'docs/screenshots/analytics.png' })
  }

  // Charts draw, and each has its numbers as a table.
  const requests = page.getByRole('region', { name: 'Requests per day' })
  await expect(requests.locator('svg.recharts-surface').first()).toBeVisible()
  await requests.getByText('Show as a table').click()
  await expect(requests.getByRole('table')).toBeVisible()
  await expect(
    page.getByRole('region', { name: 'Top endpoints' }).getByRole('table'),
  ).toContainText('/v1/')

  // CSV of a series, from the API with the page's own view.
  const csvHref = await requests.getByRole('link', { name: 'Download CSV' }).getAttribute('href')
  expect(csvHref).toContain('/api/analytics/requests?')
  const csv = await page.request.get(csvHref as string, {
    headers: { 'Sec-Fetch-Site': 'same-origin' },
  })
  expect(csv.status()).toBe(200)
  expect(csv.headers()['content-type']).toContain('text/csv')
  expect((await csv.text()).split('\n')[0]).toMatch(/^bucket,/)

  // An error group opens the matching requests in the log.
  const errors = page.getByRole('region', { name: 'Errors by endpoint' })
  await errors
    .getByRole('link', { name: /View requests/ })
    .first()
    .click()
  await expect(page).toHaveURL(/status=\d{3}/)
  const log = page.getByRole('region', { name: 'Request log' })
  const status = new URL(page.url()).searchParams.get('status') as string
  await expect(log.getByRole('table')).toContainText(status)
  await expect(log.getByLabel('Status')).toHaveValue(status)
})

test('analytics pass axe in every theme at 360 and 1280 px', async ({ page, context }) => {
  await logIn(page, DEMO.maya)
  await showGrooveLabs(page)
  for (const theme of ['light', 'dark', 'contrast']) {
    await context.addCookies([{ name: 'tt-theme', value: theme, domain: 'localhost', path: '/' }])
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 900 })
      await page.goto('/dashboard/analytics?range=7d')
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
      await expect(page.locator('svg.recharts-surface').first()).toBeVisible()
      // Every mark of every chart is painted with the theme's tokens, never a fixed colour.
      const fills = await page
        .locator('.recharts-bar-rectangle path, .recharts-line-curve')
        .evaluateAll((marks) =>
          marks.map((mark) =>
            mark.getAttribute(mark.classList.contains('recharts-line-curve') ? 'stroke' : 'fill'),
          ),
        )
      expect(fills.length).toBeGreaterThan(0)
      for (const fill of fills) expect(fill).toMatch(/^var\(--[a-z-]+\)$/)
      await expectAccessible(page)
      await expectNoOverflow(page)
    }
  }
})
