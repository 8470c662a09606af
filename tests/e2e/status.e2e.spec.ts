import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import pg from 'pg'
import { Webhook } from 'standardwebhooks'

import { waitForMail } from '../helpers/smtp'
import { STATUSPAGE_V2_SCHEMAS, statuspageErrors } from '../helpers/statuspage'
import {
  createVerifiedUser,
  DEMO,
  expectAccessible,
  expectNoOverflow,
  mailDir,
  uniqueName,
} from './helpers'

type Received = { headers: IncomingMessage['headers']; body: string }

/** A fake service on loopback that staff check; it can be stopped and started on its port. */
async function fakeService() {
  let server: Server | undefined
  let port = 0
  const start = async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' })
      response.end('recommendations ok')
    })
    await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  }
  await start()
  return {
    url: () => `http://127.0.0.1:${port}/health`,
    start,
    stop: async () => {
      server?.closeAllConnections()
      await new Promise((resolve) => server?.close(resolve))
    },
  }
}

async function receiver() {
  const received: Received[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/status-hook`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

async function jwt(request: APIRequestContext, credentials: { email: string; password: string }) {
  const response = await request.post('/api/users/login', { data: credentials })
  expect(response.status()).toBe(200)
  return `JWT ${(await response.json()).token}`
}

/** The component's state as the public JSON (Statuspage's components.json) says it. */
async function stateOf(request: APIRequestContext, id: number) {
  const body = await (await request.get('/status/api/v2/components.json')).json()
  return (body.components as { id: string; status: string }[]).find((c) => c.id === String(id))
    ?.status
}

/** The e2e server's database (for counting stored check results). */
const database = () =>
  new pg.Client({
    connectionString: (JSON.parse(process.env.E2E_SERVER_ENV as string) as { DATABASE_URL: string })
      .DATABASE_URL,
  })

/** Subscribes on /status and confirms through the mailed link, as a person would. */
async function subscribeAndConfirm(page: Page, email: string) {
  await page.goto('/status')
  const form = page.getByRole('region', { name: 'Get notified' })
  await form.getByLabel('Email address').fill(email)
  await form.getByRole('button', { name: 'Subscribe' }).click()
  await expect(form.getByText(/Check your inbox/)).toBeVisible()
  const mail = await waitForMail(mailDir(), email, /Confirm your subscription/)
  await page.goto(mail.link as string)
  await page.getByRole('button', { name: 'Confirm subscription' }).click()
  await expect(page.getByRole('main').getByText(/You are subscribed/)).toBeVisible()
}

test('a checked service that stops becomes an outage with a draft; staff publish; subscribers and webhooks hear; it recovers', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000)
  const service = await fakeService()
  const hook = await receiver()
  const admin = await jwt(request, DEMO.admin)
  const name = `Checked ${uniqueName('svc')}`
  const created = await request.post('/api/status-components', {
    headers: { Authorization: admin },
    data: {
      name,
      slug: uniqueName('svc'),
      order: 5,
      failuresToOutage: 2,
      recoveriesToOperational: 2,
      checks: [
        { type: 'http', url: service.url(), bodyMatch: 'ok', intervalSeconds: 5, timeoutMs: 2000 },
      ],
    },
  })
  expect(created.status(), await created.text()).toBe(201)
  const component = (await created.json()).doc as { id: number; checks: { id: string }[] }

  // A confirmed subscriber (through the page), an unconfirmed one, a webhook endpoint.
  const confirmed = `${uniqueName('sub')}@example.test`
  const pending = `${uniqueName('pending')}@example.test`
  await subscribeAndConfirm(page, confirmed)
  const asked = await request.post('/api/status-subscribers/subscribe', {
    data: { email: pending },
  })
  expect(asked.status()).toBe(202)
  const integrator = await jwt(request, await createVerifiedUser(request))
  const endpoint = await request.post('/api/webhook-endpoints', {
    headers: { Authorization: integrator },
    data: { url: hook.url, events: ['incident.created', 'incident.updated', 'incident.resolved'] },
  })
  expect(endpoint.status(), await endpoint.text()).toBe(201)
  const secret = (await endpoint.json()).doc.secret as string

  // The service stops: after two failed checks the page says so, and staff find a draft.
  await expect.poll(() => stateOf(request, component.id), { timeout: 30_000 }).toBe('operational')
  await service.stop()
  await expect.poll(() => stateOf(request, component.id), { timeout: 60_000 }).toBe('major_outage')
  const drafts = await request.get(
    `/api/status-incidents?where[source][equals]=checks&where[publication][equals]=draft&where[components.component][equals]=${component.id}`,
    { headers: { Authorization: admin } },
  )
  const draft = (await drafts.json()).docs[0] as { id: number; updates: unknown[] }
  expect(draft).toBeTruthy()
  expect((await request.get(`/api/status-incidents/${draft.id}`)).status()).toBe(404)
  expect((await request.get(`/status/incidents/${draft.id}`)).status()).toBe(404)

  // Staff confirm it: the page shows it, the subscriber and the endpoint hear of it.
  const publish = await request.patch(`/api/status-incidents/${draft.id}`, {
    headers: { Authorization: admin },
    data: { publication: 'published', title: `${name} is down` },
  })
  expect(publish.status(), await publish.text()).toBe(200)
  await waitForMail(mailDir(), confirmed, /\[TuneTrail status\] Incident: .* is down/)
  await page.goto('/status')
  await expect(
    page
      .getByRole('region', { name: 'Active incidents' })
      .getByRole('link', { name: `${name} is down` }),
  ).toBeVisible()

  const addUpdate = async (status: string, message: string) => {
    const current = await (
      await request.get(`/api/status-incidents/${draft.id}?depth=0`, {
        headers: { Authorization: admin },
      })
    ).json()
    const answer = await request.patch(`/api/status-incidents/${draft.id}`, {
      headers: { Authorization: admin },
      data: {
        updates: [
          ...current.updates,
          { status, message, notify: true, at: new Date(Date.now() + 1000).toISOString() },
        ],
      },
    })
    expect(answer.status(), await answer.text()).toBe(200)
  }
  await addUpdate('identified', 'The service was stopped on purpose.')
  await waitForMail(mailDir(), confirmed, /\[TuneTrail status\] Identified:/)

  // The service is back: two passing checks and it is operational again; staff resolve.
  await service.start()
  await expect.poll(() => stateOf(request, component.id), { timeout: 60_000 }).toBe('operational')
  await addUpdate('resolved', 'Back to normal.')
  const resolvedMail = await waitForMail(mailDir(), confirmed, /\[TuneTrail status\] Resolved:/)
  expect(resolvedMail.listUnsubscribe).toMatch(/\/api\/status-subscribers\/unsubscribe\?token=/)

  // Signed deliveries of all three, verified with the Standard Webhooks library.
  await expect.poll(() => hook.received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3)
  const events = hook.received.map((delivery) => {
    const body = new Webhook(secret).verify(delivery.body, {
      'webhook-id': delivery.headers['webhook-id'] as string,
      'webhook-timestamp': delivery.headers['webhook-timestamp'] as string,
      'webhook-signature': delivery.headers['webhook-signature'] as string,
    }) as { event: string; data: { incident_id: number } }
    expect(body.data.incident_id).toBe(draft.id)
    return body.event
  })
  expect(events.sort()).toEqual(['incident.created', 'incident.resolved', 'incident.updated'])

  // The unconfirmed address got its confirmation mail and nothing else.
  await expect(waitForMail(mailDir(), pending, /\[TuneTrail status\]/, 2000)).rejects.toThrow()

  // No more checks; then the bars and percentages are exactly the stored results.
  const stop = await request.patch(`/api/status-components/${component.id}`, {
    headers: { Authorization: admin },
    data: { checks: [{ ...component.checks[0], enabled: false }] },
  })
  expect(stop.status(), await stop.text()).toBe(200)
  const client = database()
  await client.connect()
  const { rows } = await client.query(
    `SELECT count(*)::int AS total, (count(*) FILTER (WHERE ok))::int AS ok
       FROM status_checks WHERE component_id = $1`,
    [component.id],
  )
  await client.end()
  const { total, ok } = rows[0] as { total: number; ok: number }
  expect(total - ok).toBeGreaterThanOrEqual(2)
  await page.goto('/status')
  const bars = page.getByRole('slider', { name: `Daily uptime of ${name}, last 90 days` })
  await expect(bars).toHaveAttribute(
    'aria-valuetext',
    new RegExp(`: [\\d.]+% uptime, ${ok} of ${total} checks passed$`),
  )
  const percent = Math.floor((ok / total) * 10_000) / 100
  const figure = page.getByRole('figure').filter({ has: bars })
  await expect(figure.getByText(`${Number(percent.toFixed(2))}%`).first()).toBeVisible()

  await service.stop()
  await hook.close()
})

test('the status pages pass axe at 360 and 1280 px, and the days are a keyboard control', async ({
  page,
  request,
}) => {
  const incidents = await (await request.get('/status/api/v2/incidents.json')).json()
  const incidentId = incidents.incidents[0].id as string
  const maintenances = await (
    await request.get('/status/api/v2/scheduled-maintenances.json')
  ).json()
  const maintenanceLink = maintenances.scheduled_maintenances[0].shortlink as string
  const maintenancePath = new URL(maintenanceLink).pathname
  expect(maintenancePath).toMatch(/^\/status\/maintenances\/\d+$/)
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 })
    for (const path of [
      '/status',
      '/status/history',
      `/status/incidents/${incidentId}`,
      maintenancePath,
    ]) {
      await page.goto(path)
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      await expectAccessible(page)
      await expectNoOverflow(page)
    }
  }
  await page.goto('/status')
  await expect(page.getByRole('heading', { level: 1, name: 'TuneTrail status' })).toBeVisible()
  await expect(page.getByText('Model training database upgrade')).toBeVisible()
  const bars = page.getByRole('slider', { name: 'Daily uptime of Webhooks, last 90 days' })
  await bars.focus()
  await page.keyboard.press('End')
  await expect(bars).toHaveAttribute('aria-valuenow', '90')
  await page.keyboard.press('Home')
  await expect(bars).toHaveAttribute('aria-valuenow', '1')
  await expect(bars).toHaveAttribute('aria-valuetext', /: 100% uptime, 288 of 288 checks passed$/)
  await page.keyboard.press('ArrowRight')
  await expect(bars).toHaveAttribute('aria-valuenow', '2')
  // The seeded outage of recommendations shows in its history, with its postmortem.
  await page.goto('/status/history')
  await page.getByRole('link', { name: 'Recommendation requests failing' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Postmortem' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'What changes' })).toBeVisible()
})

test('the JSON API has Statuspage v2 shapes, the feeds are valid XML feeds, badges are SVG', async ({
  page,
  request,
}) => {
  for (const path of Object.keys(STATUSPAGE_V2_SCHEMAS)) {
    const response = await request.get(`/status/api/v2/${path}`)
    expect(response.status(), path).toBe(200)
    expect(response.headers()['access-control-allow-origin']).toBe('*')
    expect(statuspageErrors(path, await response.json()), path).toEqual([])
  }
  expect((await request.get('/status/api/v2/nothing.json')).status()).toBe(404)

  await page.goto('/status')
  const feeds = await page.evaluate(async () => {
    const parse = async (url: string) => {
      const response = await fetch(url)
      const text = await response.text()
      const doc = new DOMParser().parseFromString(text, 'application/xml')
      return { type: response.headers.get('content-type'), doc }
    }
    const rss = await parse('/status/feed.rss')
    const atom = await parse('/status/feed.atom')
    const items = [...rss.doc.querySelectorAll('channel > item')]
    const entries = [...atom.doc.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'entry')]
    return {
      rssType: rss.type,
      atomType: atom.type,
      rssErrors: rss.doc.getElementsByTagName('parsererror').length,
      atomErrors: atom.doc.getElementsByTagName('parsererror').length,
      rssRoot: `${rss.doc.documentElement.nodeName} ${rss.doc.documentElement.getAttribute('version')}`,
      channel: ['title', 'link', 'description'].map(
        (tag) => rss.doc.querySelector(`channel > ${tag}`)?.textContent ?? '',
      ),
      items: items.map((item) =>
        ['title', 'link', 'guid', 'pubDate'].every((tag) => item.querySelector(tag)?.textContent),
      ),
      atomRoot: `${atom.doc.documentElement.namespaceURI} ${atom.doc.documentElement.localName}`,
      entries: entries.map((entry) =>
        ['id', 'title', 'updated'].every(
          (tag) => entry.getElementsByTagNameNS('http://www.w3.org/2005/Atom', tag)[0]?.textContent,
        ),
      ),
      titles: entries.map(
        (entry) =>
          entry.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'title')[0]?.textContent,
      ),
    }
  })
  expect(feeds).toMatchObject({
    rssType: 'application/rss+xml; charset=utf-8',
    atomType: 'application/atom+xml; charset=utf-8',
    rssErrors: 0,
    atomErrors: 0,
    rssRoot: 'rss 2.0',
    atomRoot: 'http://www.w3.org/2005/Atom feed',
  })
  expect(feeds.channel.every(Boolean)).toBe(true)
  expect(feeds.items.length).toBeGreaterThanOrEqual(3)
  expect(feeds.items.every(Boolean)).toBe(true)
  expect(feeds.entries.every(Boolean)).toBe(true)
  expect(feeds.titles).toContain('Resolved: Recommendation requests failing')

  const badge = await request.get('/status/badge.svg?component=recommendations')
  expect(badge.headers()['content-type']).toBe('image/svg+xml; charset=utf-8')
  expect(await badge.text()).toMatch(/<title>Recommendations: (operational|.+)<\/title>/)
  expect((await request.get('/status/badge.svg?component=nope')).status()).toBe(404)
  // The badge draws in a page from this origin (no outside font or image needed).
  await page.setContent(`<img alt="status" src="${new URL('/status/badge.svg', page.url())}">`)
  await expect
    .poll(() =>
      page.evaluate(() => (document.querySelector('img') as HTMLImageElement).naturalWidth),
    )
    .toBeGreaterThan(50)
})

test('members follow status from the page and the header links to it', async ({ page }) => {
  await page.goto('/status')
  await expect(
    page.getByText('Members can follow status in the portal’s notifications.'),
  ).toBeVisible()
  await page.goto('/login')
  await page.getByLabel('Email').fill(DEMO.leo.email)
  await page.getByLabel('Password').fill(DEMO.leo.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page).toHaveURL(/\/dashboard$/)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Status' }).click()
  await expect(page).toHaveURL(/\/status$/)
  const follow = page.getByRole('button', { name: 'Follow status in the portal' })
  await follow.click()
  await expect(page.getByRole('button', { name: 'Following status' })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await page.reload()
  await expect(page.getByRole('button', { name: 'Following status' })).toBeVisible()
  await page.getByRole('button', { name: 'Following status' }).click()
  await expect(page.getByRole('button', { name: 'Follow status in the portal' })).toBeVisible()
})
