import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { expect, test, type Page } from '@playwright/test'

import { expectAccessible } from './helpers'

/** Static docs pages hydrate after load; the account corner appears once they have. */
async function hydrated(page: Page) {
  await expect(page.getByRole('banner').getByRole('link', { name: 'Log in' })).toBeVisible()
}

test('⌘K on a docs page finds a docs page by its text and opens it', async ({ page }) => {
  await page.goto('/docs/getting-started/quickstart')
  await hydrated(page)
  await page.keyboard.press('Control+K')
  const palette = page.getByRole('dialog')
  await expect(palette).toBeVisible()
  await palette.getByRole('combobox').fill('rotate key')
  const hit = palette.getByRole('option', { name: /Keeping API keys safe/ })
  await expect(hit).toBeVisible()
  // The snippet marks the matched words.
  await expect(hit.locator('mark').first()).toHaveText(/rotate|key/i)
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL('/docs/best-practices/api-keys')
  await expect(page.getByRole('heading', { level: 1, name: 'Keeping API keys safe' })).toBeVisible()
  await expect(palette).toBeHidden()

  // The search page lists docs with their snippets too.
  await page.goto('/search?q=signature')
  const docs = page.getByRole('region', { name: 'Docs' })
  await expect(docs.getByRole('link', { name: 'Verifying webhooks' })).toBeVisible()
  await expect(docs.locator('mark').first()).toHaveText(/signature/i)
})

test('serves each page as Markdown and lists them in /llms.txt, cached', async ({
  request,
  page,
  baseURL,
}) => {
  const markdown = await request.get('/docs/best-practices/api-keys.md')
  expect(markdown.status()).toBe(200)
  expect(markdown.headers()['content-type']).toBe('text/markdown; charset=utf-8')
  const text = await markdown.text()
  expect(text).toMatch(/^# Keeping API keys safe\n\n> Where to store keys/)
  expect(text).toContain('\n## Rotate regularly\n')
  const again = await request.get('/docs/best-practices/api-keys.md')
  expect(again.headers()['x-nextjs-cache']).toBe('HIT')

  expect((await request.get('/docs/best-practices/no-such-page.md')).status()).toBe(404)

  const llms = await request.get('/llms.txt')
  expect(llms.status()).toBe(200)
  expect(llms.headers()['content-type']).toBe('text/plain; charset=utf-8')
  expect(await llms.text()).toContain(
    `- [Keeping API keys safe](${baseURL}/docs/best-practices/api-keys.md): Where to store keys`,
  )

  await page.goto('/docs/best-practices/api-keys')
  await expect(page.locator('link[rel="alternate"][type="text/markdown"]')).toHaveAttribute(
    'href',
    '/docs/best-practices/api-keys.md',
  )
})

for (const width of [360, 1280]) {
  test(`asks the docs at ${width} px, on the assistant page and on a docs page`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } })
    const page = await context.newPage()
    await page.goto('/docs/assistant')
    await expect(page.getByRole('heading', { level: 1, name: 'Ask the docs' })).toBeVisible()
    await hydrated(page)
    await expectAccessible(page)

    await page.getByLabel('Your question').fill('How do I rotate an API key without downtime?')
    await page.getByRole('button', { name: 'Ask' }).click()
    const sources = page.getByRole('main').getByRole('list').last()
    const rotate = sources.getByRole('link', { name: /Keeping API keys safe — Rotate regularly/ })
    await expect(rotate).toBeVisible()
    await expect(page.getByRole('heading', { name: 'From the docs' })).toBeVisible()
    await expect(page.getByRole('main').locator('blockquote').first()).not.toBeEmpty()
    await expectAccessible(page)
    await rotate.click()
    await expect(page).toHaveURL('/docs/best-practices/api-keys#rotate-regularly')
    await expect(page.getByRole('heading', { level: 2, name: 'Rotate regularly' })).toBeVisible()

    // Every docs page has the question box.
    await page.goto('/docs/webhooks/verifying-webhooks')
    await hydrated(page)
    const box = page.getByRole('region', { name: 'Ask the docs' })
    await box.getByLabel('Your question').fill('How do I check a webhook signature?')
    await box.getByRole('button', { name: 'Ask' }).click()
    const signature = box.getByRole('link', { name: /The signature, step by step/ })
    await expect(signature).toBeVisible()
    await expect(signature).toHaveAttribute(
      'href',
      '/docs/webhooks/verifying-webhooks#the-signature-step-by-step',
    )
    await expectAccessible(page)

    // Too short a question is refused in place.
    await box.getByLabel('Your question').fill('x')
    await box.getByRole('button', { name: 'Ask' }).click()
    await expect(box.getByRole('alert')).toHaveText('Ask a question of at least 3 characters.')
    await context.close()
  })
}

/** A fake OpenAI-compatible model that streams its answer in two parts. */
function fakeModel() {
  let release = () => {}
  const secondPart = new Promise<void>((resolve) => (release = resolve))
  const prompts: string[] = []
  const server = http.createServer(async (request, response) => {
    let raw = ''
    for await (const chunk of request) raw += chunk
    prompts.push(raw)
    const delta = (content: string) =>
      `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`
    response.writeHead(200, { 'Content-Type': 'text/event-stream' })
    response.write(delta('Rotate the key in API keys and deploy the new one'))
    await secondPart
    response.write(delta(' [1]; keep the old one until its grace period ends [9].'))
    response.end('data: [DONE]\n\n')
  })
  return { server, prompts, release }
}

test('streams a model’s answer with its citations linked to the passages', async ({ page }) => {
  test.setTimeout(180_000)
  const model = fakeModel()
  await new Promise<void>((resolve) => model.server.listen(0, '127.0.0.1', resolve))
  const port = Number(process.env.E2E_REPLICA_PORT ?? 3102)
  const origin = `http://localhost:${port}`
  // A second web replica of the portal, with the assistant's model configured.
  const env = JSON.parse(process.env.E2E_SERVER_ENV as string) as NodeJS.ProcessEnv
  const replica: ChildProcess = spawn('node', ['.next/standalone/portal-server.mjs'], {
    env: {
      ...env,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      WORKER: 'off',
      VERIFIER: 'off',
      ASSISTANT_OPENAI_BASE_URL: `http://127.0.0.1:${(model.server.address() as AddressInfo).port}/v1`,
      ASSISTANT_API_KEY: 'sk-e2e-key',
      ASSISTANT_MODEL: 'fake-e2e',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  try {
    await expect
      .poll(async () => (await fetch(`${origin}/api/health`).catch(() => null))?.status ?? 0, {
        timeout: 60_000,
      })
      .toBe(200)
    await page.goto(`${origin}/docs/assistant`)
    await hydrated(page)
    await page.getByLabel('Your question').fill('How do I rotate an API key without downtime?')
    await page.getByRole('button', { name: 'Ask' }).click()

    // The first part shows while the model is still writing the rest.
    const main = page.getByRole('main')
    await expect(main.getByText('Rotate the key in API keys and deploy the new one')).toBeVisible()
    await expect(main.getByRole('button', { name: 'Asking…' })).toBeDisabled()
    model.release()
    const answer = main.locator('p').filter({ hasText: 'Rotate the key in API keys and deploy' })
    const citation = answer.getByRole('link', { name: /^\[1\] / })
    await expect(citation).toHaveText('[1]')
    await expect(answer).toHaveText(
      'Rotate the key in API keys and deploy the new one [1]; keep the old one until its grace period ends.',
    )
    await expect(main.getByText('[9]')).toHaveCount(0)
    await expect(page.getByRole('heading', { name: 'Sources' })).toBeVisible()
    const first = main.getByRole('list').last().getByRole('link').first()
    expect(await citation.getAttribute('href')).toBe(await first.getAttribute('href'))
    expect(await citation.getAttribute('href')).toMatch(
      /^\/docs\/[a-z-]+\/[a-z0-9-]+(#[a-z0-9-]+)?$/,
    )
    await expectAccessible(page)
    if (process.env.UPDATE_SCREENSHOTS) {
      await page.screenshot({ path: 'docs/screenshots/docs-assistant.png' })
    }
    expect(model.prompts).toHaveLength(1)
    expect(model.prompts[0]).toContain('Rotate each key every 90 days')
  } finally {
    model.release()
    replica.kill('SIGKILL')
    model.server.closeAllConnections()
    model.server.close()
  }
})
