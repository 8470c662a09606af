import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

import { expect, test, type Page } from '@playwright/test'
import { Webhook } from 'standardwebhooks'

import { createVerifiedUser, expectAccessible, logIn } from './helpers'

type Received = { headers: IncomingMessage['headers']; body: string }

async function receiver() {
  const received: Received[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      response.writeHead(200)
      response.end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

/** A tab of the endpoint page. */
const tab = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Endpoint sections' }).getByRole('link', { name })

test('add an endpoint, send a test event, read the delivery log and redeliver', async ({
  browser,
  request,
}) => {
  const hook = await receiver()
  const user = await createVerifiedUser(request)
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const page = await context.newPage()
  await logIn(page, user)

  await page.goto('/settings/webhooks')
  await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('main').getByRole('link', { name: 'Add endpoint' }).first().click()
  await expectAccessible(page)

  const url = page.getByRole('textbox', { name: /^URL/ })
  await url.fill('https://10.0.0.1/hook')
  await page.getByRole('button', { name: 'Add endpoint' }).click()
  await expect(
    page
      .getByRole('main')
      .getByText(/leads to a private network/i)
      .first(),
  ).toBeVisible()

  await url.fill(hook.url)
  await page.getByRole('button', { name: 'Add endpoint' }).click()
  const shown = page.getByTestId('endpoint-secret')
  await expect(shown).toHaveText(/^whsec_/)
  const secret = (await shown.textContent()) as string
  await page.getByRole('button', { name: 'Copy secret' }).click()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret)

  await page.goto('/settings/webhooks')
  await page
    .getByRole('main')
    .getByRole('link', { name: new RegExp(hook.url.replace(/[.:/]/g, '\\$&')) })
    .first()
    .click()
  await expectAccessible(page)
  await tab(page, 'Deliveries').click()
  await expect(page).toHaveURL(/\/deliveries$/)
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Send test event' }).click()
  await expect.poll(() => hook.received.length, { timeout: 15_000 }).toBe(1)
  const first = hook.received[0]
  const verified = new Webhook(secret).verify(first.body, {
    'webhook-id': first.headers['webhook-id'] as string,
    'webhook-timestamp': first.headers['webhook-timestamp'] as string,
    'webhook-signature': first.headers['webhook-signature'] as string,
  })
  expect(verified).toHaveProperty('event')

  // The result arrives live (no reload): the worker announces the attempt, the page refreshes.
  await expect(page.getByRole('table').getByText('Succeeded')).toBeVisible({ timeout: 15_000 })
  await page.getByRole('button', { name: 'Redeliver' }).first().click()
  await expect.poll(() => hook.received.length, { timeout: 15_000 }).toBe(2)
  expect(hook.received[1].headers['webhook-id']).toBe(first.headers['webhook-id'])

  await page.getByLabel(/Failed since/).fill('2026-01-01T00:00')
  await page.getByRole('button', { name: 'Replay', exact: true }).click()
  await expect(
    page
      .getByRole('main')
      .getByText(/replay|no failed/i)
      .first(),
  ).toBeVisible()

  await tab(page, 'Settings').click()
  await expect(page).toHaveURL(/\/settings$/)
  await expectAccessible(page)
  await page.getByRole('button', { name: 'Reveal secret' }).click()
  await expect(page.getByTestId('endpoint-secret')).toHaveText(secret)
  await page.getByRole('button', { name: 'Rotate secret' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Rotate secret' }).click()
  await expect(page.getByTestId('endpoint-secret')).not.toHaveText(secret)
  await expect(page.getByTestId('endpoint-secret')).toHaveText(/^whsec_/)

  await tab(page, 'Danger zone').click()
  await expect(page).toHaveURL(/\/danger$/)
  await expectAccessible(page)

  await page.goto('/docs/webhooks')
  await expect(page.getByRole('heading', { level: 1, name: 'Verifying webhooks' })).toBeVisible()
  await expectAccessible(page)
  await context.close()
  await hook.close()
})
