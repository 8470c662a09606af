import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

import { expect, test, type APIRequestContext } from '@playwright/test'
import { Webhook } from 'standardwebhooks'

import { createVerifiedUser, DEMO } from './helpers'

type Received = { headers: IncomingMessage['headers']; body: string }

/** A receiver on loopback (the e2e server runs with WEBHOOK_ALLOW_LOOPBACK=true). */
async function receiver(status: () => number = () => 200) {
  const received: Received[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      response.writeHead(status())
      response.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

async function jwt(request: APIRequestContext, credentials: { email: string; password: string }) {
  const response = await request.post('/api/users/login', { data: credentials })
  expect(response.status()).toBe(200)
  return `JWT ${(await response.json()).token}`
}

const signedWith = (secret: string, { headers, body }: Received) =>
  new Webhook(secret).verify(body, {
    'webhook-id': headers['webhook-id'] as string,
    'webhook-timestamp': headers['webhook-timestamp'] as string,
    'webhook-signature': headers['webhook-signature'] as string,
  })

test('an endpoint receives signed test events, keeps verifying across a secret rotation', async ({
  request,
}) => {
  const hook = await receiver()
  const auth = await jwt(request, await createVerifiedUser(request))
  const refused = await request.post('/api/webhook-endpoints', {
    headers: { Authorization: auth },
    data: { url: 'https://169.254.169.254/latest/meta-data', events: [] },
  })
  expect(refused.status()).toBe(400)
  expect(JSON.stringify(await refused.json())).toContain('url')

  const created = await request.post('/api/webhook-endpoints', {
    headers: { Authorization: auth },
    data: { url: hook.url, events: ['track.created'], description: 'e2e receiver' },
  })
  expect(created.status(), await created.text()).toBe(201)
  const endpoint = (await created.json()).doc
  expect(endpoint.secret).toMatch(/^whsec_/)
  const again = await request.get(`/api/webhook-endpoints/${endpoint.id}`, {
    headers: { Authorization: auth },
  })
  expect((await again.json()).secret ?? null).toBeNull()

  const test1 = await request.post(`/api/webhook-endpoints/${endpoint.id}/test`, {
    headers: { Authorization: auth },
    data: { type: 'track.created' },
  })
  expect(test1.status()).toBe(202)
  await expect.poll(() => hook.received.length, { timeout: 15_000 }).toBe(1)
  expect(signedWith(endpoint.secret, hook.received[0])).toMatchObject({ event: 'track.created' })

  const rotated = await request.post(`/api/webhook-endpoints/${endpoint.id}/rotate-secret`, {
    headers: { Authorization: auth },
  })
  const { secret } = await rotated.json()
  expect(secret).not.toBe(endpoint.secret)
  await request.post(`/api/webhook-endpoints/${endpoint.id}/test`, {
    headers: { Authorization: auth },
    data: {},
  })
  await expect.poll(() => hook.received.length, { timeout: 15_000 }).toBe(2)
  expect(signedWith(secret, hook.received[1])).toBeTruthy()
  expect(signedWith(endpoint.secret, hook.received[1])).toBeTruthy()

  // The receiver answers before the worker records the outcome: wait for the record.
  const statuses = async () => {
    const deliveries = await request.get(
      `/api/webhook-deliveries?where[endpoint][equals]=${endpoint.id}`,
      { headers: { Authorization: auth } },
    )
    return (await deliveries.json()).docs.map((d: { status: string }) => d.status)
  }
  await expect.poll(statuses, { timeout: 15_000 }).toEqual(['succeeded', 'succeeded'])
  await hook.close()
})

test('services publish events once per idempotency key; 410 disables and re-enabling works', async ({
  request,
}) => {
  const hook = await receiver(() => 410)
  const user = await createVerifiedUser(request)
  const auth = await jwt(request, user)
  const me = await (await request.get('/api/users/me', { headers: { Authorization: auth } })).json()
  const created = await request.post('/api/webhook-endpoints', {
    headers: { Authorization: auth },
    data: { url: hook.url, events: [] },
  })
  const endpoint = (await created.json()).doc

  const admin = await jwt(request, DEMO.admin)
  const service = await request.post('/api/api-keys', {
    headers: { Authorization: admin },
    data: { name: 'publisher', scopes: ['events:publish'], environment: 'production' },
  })
  const serviceKey = (await service.json()).doc.key
  const event = {
    type: 'audio.processing_completed',
    account: `user:${me.user.id}`,
    data: { job_id: 'aud_1', status: 'succeeded' },
    idempotencyKey: `e2e-${Date.now()}`,
  }
  const first = await request.post('/api/events', {
    headers: { Authorization: `Bearer ${serviceKey}` },
    data: event,
  })
  expect(first.status()).toBe(202)
  const second = await request.post('/api/events', {
    headers: { Authorization: `Bearer ${serviceKey}` },
    data: event,
  })
  expect(second.status()).toBe(200)
  expect((await second.json()).id).toBe((await first.json()).id)

  await expect.poll(() => hook.received.length, { timeout: 15_000 }).toBe(1)
  await expect
    .poll(
      async () =>
        (
          await (
            await request.get(`/api/webhook-endpoints/${endpoint.id}`, {
              headers: { Authorization: auth },
            })
          ).json()
        ).enabled,
      { timeout: 10_000 },
    )
    .toBe(false)
  const enabled = await request.post(`/api/webhook-endpoints/${endpoint.id}/enable`, {
    headers: { Authorization: auth },
  })
  expect((await enabled.json()).doc.enabled).toBe(true)
  await hook.close()
})
