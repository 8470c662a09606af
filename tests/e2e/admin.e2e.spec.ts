import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import AxeBuilder from '@axe-core/playwright'
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'

import { createVerifiedUser, DEMO, logIn } from './helpers'

/** A loopback receiver answering `status(n)` to the n-th request, with a header and a body. */
async function receiver(status: (n: number) => number) {
  let count = 0
  const server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      count += 1
      response.writeHead(status(count), { 'X-Receiver': 'e2e' })
      response.end(JSON.stringify({ received: count }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

/**
 * An endpoint with one delivery: a test event, or (`isReal`) a real event — a new API key's
 * `api_key.created` — since a failed test event does not make an endpoint failing.
 */
async function endpointWithDelivery(
  request: APIRequestContext,
  auth: string,
  url: string,
  isReal = false,
) {
  const created = await request.post('/api/webhook-endpoints', {
    headers: { Authorization: auth },
    data: { url, events: [isReal ? 'api_key.created' : 'track.created'] },
  })
  expect(created.status(), await created.text()).toBe(201)
  const endpoint = (await created.json()).doc as { id: number }
  const sent = isReal
    ? await request.post('/api/api-keys', {
        headers: { Authorization: auth },
        data: { name: 'announced', environment: 'development', scopes: ['tracks:read'] },
      })
    : await request.post(`/api/webhook-endpoints/${endpoint.id}/test`, {
        headers: { Authorization: auth },
        data: { type: 'track.created' },
      })
  expect(sent.status()).toBe(isReal ? 201 : 202)
  return endpoint.id
}

async function deliveryOf(request: APIRequestContext, auth: string, endpointId: number) {
  const response = await request.get(
    `/api/webhook-deliveries?where[endpoint][equals]=${endpointId}&depth=0`,
    { headers: { Authorization: auth } },
  )
  return (await response.json()).docs[0] as
    { id: number; status: string; attemptCount: number } | undefined
}

/** Every request the page makes to another host is refused and remembered. */
async function blockOutside(page: Page) {
  const outside: string[] = []
  await page.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url())
    if (hostname === 'localhost' || hostname === '127.0.0.1') return route.continue()
    outside.push(route.request().url())
    return route.abort('blockedbyclient')
  })
  return outside
}

/** Serious or critical WCAG A/AA violations inside the portal's own admin components. */
async function violationsIn(page: Page, selector: string) {
  const { violations } = await new AxeBuilder({ page })
    .include(selector)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

const brokenImages = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.images)
      .filter((image) => !image.complete || image.naturalWidth === 0)
      .map((image) => image.currentSrc || image.src),
  )

test('the admin shows delivery attempts, the dashboard and editors with every outside request blocked', async ({
  page,
  request,
}) => {
  // One delivery that fails once and then succeeds (retried about 5 s later), one endpoint that
  // keeps failing.
  const flaky = await receiver((n) => (n === 1 ? 500 : 200))
  const broken = await receiver(() => 503)
  const user = await createVerifiedUser(request)
  const login = await request.post('/api/users/login', { data: user })
  const auth = `JWT ${(await login.json()).token}`
  const flakyId = await endpointWithDelivery(request, auth, flaky.url)
  const brokenId = await endpointWithDelivery(request, auth, broken.url, true)
  await expect
    .poll(async () => (await deliveryOf(request, auth, flakyId))?.status, { timeout: 30_000 })
    .toBe('succeeded')
  await expect
    .poll(async () => (await deliveryOf(request, auth, brokenId))?.attemptCount, {
      timeout: 15_000,
    })
    .toBeGreaterThan(0)
  const delivery = (await deliveryOf(request, auth, flakyId)) as { id: number }

  const outside = await blockOutside(page)
  await logIn(page, DEMO.admin)

  await page.goto(`/admin/collections/webhook-deliveries/${delivery.id}`)
  const timeline = page.getByRole('list', { name: 'Attempts' })
  await expect(timeline).toBeVisible()
  const attempts = timeline.getByRole('listitem')
  await expect(attempts).toHaveCount(2)
  await expect(attempts.nth(0)).toContainText('Attempt 1')
  await expect(attempts.nth(0)).toContainText('HTTP 500')
  await expect(attempts.nth(0)).toContainText(/\d+ ms/)
  await expect(attempts.nth(1)).toContainText('HTTP 200')
  await expect(attempts.nth(1)).toContainText(/\d+ ms/)
  await attempts.nth(1).getByText('Response headers', { exact: true }).click()
  await expect(
    attempts.nth(1).getByRole('table', { name: 'Response headers of attempt 2' }),
  ).toContainText('x-receiver')
  await attempts.nth(1).getByText('Response body', { exact: true }).click()
  await expect(
    attempts.nth(1).getByRole('region', { name: 'Response body of attempt 2' }),
  ).toContainText('"received":2')
  await expect(page.getByRole('table', { name: /^Request headers$/i })).toContainText('webhook-id')
  expect(await brokenImages(page)).toEqual([])
  expect(await violationsIn(page, '.tt-field')).toEqual([])
  if (process.env.UPDATE_SCREENSHOTS) {
    // Tall enough for the whole view: a scrolled capture would repeat the sticky header.
    await page.setViewportSize({ width: 1280, height: 2200 })
    await page.screenshot({ path: 'docs/screenshots/admin-delivery.png', fullPage: true })
  }

  // The dashboard names the failing endpoint and links to it.
  await page.goto('/admin')
  const failing = page.getByRole('region', { name: 'Failing webhook endpoints' })
  await expect(failing.getByRole('link', { name: broken.url })).toHaveAttribute(
    'href',
    `/admin/collections/webhook-endpoints/${brokenId}`,
  )
  await expect(page.getByText('Sign-ups today (UTC)')).toBeVisible()
  expect(await brokenImages(page)).toEqual([])
  expect(await violationsIn(page, '.tt-dashboard')).toEqual([])
  if (process.env.UPDATE_SCREENSHOTS) {
    await page.screenshot({ path: 'docs/screenshots/admin-dashboard.png' })
  }

  // The endpoint's headers are rows to edit, not a code editor from a CDN.
  await page.goto(`/admin/collections/webhook-endpoints/${brokenId}`)
  await page.getByRole('button', { name: 'Add header' }).click()
  await expect(page.getByRole('textbox', { name: 'Header 1 name' })).toBeVisible()
  expect(await violationsIn(page, '.tt-headers-editor')).toEqual([])
  await expect(page.locator('.monaco-editor')).toHaveCount(0)

  expect(outside).toEqual([])
  await flaky.close()
  await broken.close()
})
