import { spawn } from 'node:child_process'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { createLocalReq, initTransaction, killTransaction, type Payload } from 'payload'
import pg from 'pg'
import { Webhook } from 'standardwebhooks'
import { Webhook as SvixWebhook } from 'svix'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { keyService } from '@/lib/keys/service'
import { endpointTopic, listen } from '@/lib/notifications/live'
import { redeliver, rotateSecret, sendTestEvent } from '@/lib/webhooks/manage'
import { handlePublish } from '@/lib/webhooks/http'
import { publishEventFor as publishEvent } from '@/lib/events/publish'
import { send } from '@/lib/webhooks/send'
import type { User } from '@/payload-types'
import { startWorker, type WorkerHandle } from '@/worker'

import { asUser, makeUser, rejection, testPayload, unique } from '../helpers/payload'
import { waitFor } from '../helpers/waitFor'

type Received = { headers: IncomingMessage['headers']; body: string }
type Behaviour = (count: number) => {
  status: number
  delayMs?: number
  headers?: Record<string, string>
}

/** A local receiver: answers each request by `behaviour(n)` and records what it got. */
async function receiver(behaviour: Behaviour) {
  const received: Received[] = []
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') })
      const answer = behaviour(received.length)
      setTimeout(() => {
        response.writeHead(answer.status, answer.headers)
        response.end(`answer ${received.length}`)
      }, answer.delayMs ?? 0)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  return { url, received, close: () => new Promise((resolve) => server.close(resolve)) }
}

let payload: Payload
let db: pg.Pool
let worker: WorkerHandle

async function endpointFor(user: User, url: string, events: string[] = []) {
  return (await payload.create({
    collection: 'webhook-endpoints',
    data: { url, events } as never,
    depth: 0,
    overrideAccess: false,
    user: asUser(user),
  })) as { id: number; secret: string }
}

const deliveryOf = async (endpointId: number) => {
  const { rows } = await db.query(
    `SELECT id, status, attempt_count::int AS attempts, error, response_status::int AS response_status,
            next_attempt_at FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY id`,
    [endpointId],
  )
  return rows
}

const account = (user: User) => ({ owner: user.id, organization: null })

beforeAll(async () => {
  payload = await testPayload()
  db = new pg.Pool({ connectionString: process.env.DATABASE_URL })
  worker = await startWorker({ concurrency: 4 })
})
afterAll(async () => {
  await worker.stop()
  await db.end()
})

describe('webhook delivery', () => {
  it('signs each delivery so the standardwebhooks library verifies it', async () => {
    const hook = await receiver(() => ({ status: 204 }))
    const user = await makeUser()
    const endpoint = await endpointFor(user, hook.url, ['track.created'])
    expect(endpoint.secret).toMatch(/^whsec_/)
    const req = await createLocalReq({}, payload)
    await publishEvent(req, {
      type: 'track.created',
      account: account(user),
      data: { track_id: 't1', title: 'Night Drive', artist: 'Maya' },
    })
    await publishEvent(req, {
      type: 'track.deleted',
      account: account(user),
      data: { track_id: 't1' },
    })
    const [delivery] = await waitFor(async () => {
      const rows = await deliveryOf(endpoint.id)
      return rows[0]?.status === 'succeeded' ? rows : undefined
    })
    expect(delivery).toMatchObject({ attempts: 1, response_status: 204 })
    expect(hook.received).toHaveLength(1)
    const { headers, body } = hook.received[0]
    const verified = new Webhook(endpoint.secret).verify(body, {
      'webhook-id': headers['webhook-id'] as string,
      'webhook-timestamp': headers['webhook-timestamp'] as string,
      'webhook-signature': headers['webhook-signature'] as string,
    })
    // Svix's own library accepts it too (same scheme, its own implementation).
    expect(
      new SvixWebhook(endpoint.secret).verify(body, {
        'svix-id': headers['webhook-id'] as string,
        'svix-timestamp': headers['webhook-timestamp'] as string,
        'svix-signature': headers['webhook-signature'] as string,
      }),
    ).toMatchObject({ event: 'track.created' })
    expect(verified).toMatchObject({
      event: 'track.created',
      data: { track_id: 't1', title: 'Night Drive' },
      webhook_id: String(endpoint.id),
      delivery_id: headers['webhook-id'],
    })
    await hook.close()
  })

  it('retries a failing receiver with the same webhook-id until it succeeds', async () => {
    const hook = await receiver((n) => ({
      status: n <= 2 ? 503 : 200,
      headers: { 'X-Receiver-Try': String(n) },
    }))
    const user = await makeUser()
    const endpoint = await endpointFor(user, hook.url)
    await publishEvent(await createLocalReq({}, payload), {
      type: 'track.deleted',
      account: account(user),
      data: { track_id: 't2' },
    })
    // First retry after about 5 s; the next one is 5 minutes out, so bring it forward.
    const second = await waitFor(async () => {
      const rows = await deliveryOf(endpoint.id)
      return rows[0]?.attempts === 2 ? rows[0] : undefined
    })
    expect(second).toMatchObject({ status: 'pending', error: 'HTTP 503' })
    expect(new Date(second.next_attempt_at).getTime() - Date.now()).toBeGreaterThan(200_000)
    await db.query(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = $1`, [
      `webhook__deliver:${second.id}`,
    ])
    const done = await waitFor(async () => {
      const rows = await deliveryOf(endpoint.id)
      return rows[0]?.status === 'succeeded' ? rows[0] : undefined
    })
    expect(done.attempts).toBe(3)
    const ids = hook.received.map((r) => r.headers['webhook-id'])
    expect(new Set(ids).size).toBe(1)
    // Each attempt's log entry keeps what was sent and answered (never the signature).
    const { rows: logged } = await db.query<{ attempts: Record<string, unknown>[] }>(
      'SELECT attempts FROM webhook_deliveries WHERE id = $1',
      [done.id],
    )
    expect(logged[0].attempts.map((attempt) => attempt.responseStatus)).toEqual([503, 503, 200])
    logged[0].attempts.forEach((attempt, index) => {
      expect(attempt).toMatchObject({
        responseHeaders: { 'x-receiver-try': String(index + 1) },
        responseBody: `answer ${index + 1}`,
        requestHeaders: { 'webhook-id': ids[0], 'content-type': 'application/json' },
      })
      expect(attempt.requestHeaders).not.toHaveProperty('webhook-signature')
    })
    const { rows } = await db.query('SELECT failing_since FROM webhook_endpoints WHERE id = $1', [
      endpoint.id,
    ])
    expect(rows[0].failing_since).toBeNull()
    await hook.close()
  }, 30_000)

  it('disables an endpoint that answers 410 Gone, and a timeout counts as a failure', async () => {
    const gone = await receiver(() => ({ status: 410 }))
    const user = await makeUser()
    const endpoint = await endpointFor(user, gone.url)
    await publishEvent(await createLocalReq({}, payload), {
      type: 'track.deleted',
      account: account(user),
      data: { track_id: 't3' },
    })
    const failed = await waitFor(async () => {
      const rows = await deliveryOf(endpoint.id)
      return rows[0]?.status === 'failed' ? rows[0] : undefined
    })
    expect(failed.error).toMatch(/410/)
    const stored = await payload.findByID({
      collection: 'webhook-endpoints',
      id: endpoint.id,
      overrideAccess: true,
    })
    expect(stored.enabled).toBe(false)
    expect(stored.disabledReason).toMatch(/410/)
    // One event tells the account: a notification in the bell (and mail, by default).
    const told = await waitFor(async () => {
      const { rows } = await db.query(
        `SELECT n.title, e.type FROM notifications n JOIN webhook_events e ON e.id = n.event_id
          WHERE n.recipient_id = $1 AND n.type = 'webhook_endpoint.disabled'`,
        [user.id],
      )
      return rows.length ? rows : undefined
    })
    expect(told).toEqual([
      { title: 'Webhook endpoint disabled', type: 'webhook_endpoint.disabled' },
    ])
    await gone.close()

    const slow = await receiver(() => ({ status: 200, delayMs: 3000 }))
    const result = await send(slow.url, {}, '{}', { allowLoopback: true, timeoutMs: 300 })
    expect(result.error).toMatch(/no response within/)
    await slow.close()
  })

  it('does not mark an endpoint failing for a failed test event, and announces each attempt', async () => {
    const hook = await receiver(() => ({ status: 500 }))
    const user = await makeUser()
    const endpoint = await endpointFor(user, hook.url)
    const heard: string[] = []
    const unlisten = listen(endpointTopic(endpoint.id), () => heard.push('changed'))
    const req = await createLocalReq({ user: asUser(user) }, payload)
    await sendTestEvent(req, endpoint.id, 'track.created')
    const failed = await waitFor(async () => {
      const rows = await deliveryOf(endpoint.id)
      return rows[0]?.attempts === 1 ? rows[0] : undefined
    })
    expect(failed.error).toBe('HTTP 500')
    const { rows } = await db.query('SELECT failing_since FROM webhook_endpoints WHERE id = $1', [
      endpoint.id,
    ])
    expect(rows[0].failing_since).toBeNull()
    // The open endpoint page heard of the new delivery and of its attempt.
    await waitFor(async () => (heard.length >= 2 ? heard : undefined))
    unlisten()
    await hook.close()
  }, 30_000)

  it('logs an endpoint’s own header by name only, and keeps the latest 20 attempts', async () => {
    const hook = await receiver(() => ({ status: 200 }))
    const user = await makeUser()
    const endpoint = (await payload.create({
      collection: 'webhook-endpoints',
      data: { url: hook.url, events: [], headers: { 'X-Api-Token': 'tok-secret-123' } } as never,
      depth: 0,
      overrideAccess: false,
      user: asUser(user),
    })) as { id: number }
    const req = await createLocalReq({ user: asUser(user) }, payload)
    await sendTestEvent(req, endpoint.id, 'track.created')
    const done = await waitFor(async () => {
      const rows = await deliveryOf(endpoint.id)
      return rows[0]?.status === 'succeeded' ? rows[0] : undefined
    })
    // The receiver got the value; the log has the name only.
    expect(hook.received[0].headers['x-api-token']).toBe('tok-secret-123')
    const stored = await db.query(
      `SELECT request_headers::text AS last, attempts::text AS attempts
         FROM webhook_deliveries WHERE id = $1`,
      [done.id],
    )
    expect(stored.rows[0].last).toContain('X-Api-Token')
    expect(`${stored.rows[0].last}${stored.rows[0].attempts}`).not.toContain('tok-secret-123')

    // A delivery redelivered again and again keeps its latest 20 attempts.
    await db.query(
      `UPDATE webhook_deliveries
          SET attempts = (SELECT jsonb_agg(jsonb_build_object('at', now(), 'old', n))
                            FROM generate_series(1, 20) n), attempt_count = 20
        WHERE id = $1`,
      [done.id],
    )
    await redeliver(req, done.id)
    const again = await waitFor(async () => {
      const { rows } = await db.query(
        `SELECT attempt_count::int AS count, jsonb_array_length(attempts) AS kept,
                attempts -> 0 ->> 'old' AS first, attempts -> 19 ->> 'responseStatus' AS last
           FROM webhook_deliveries WHERE id = $1`,
        [done.id],
      )
      return rows[0].count === 21 ? rows[0] : undefined
    })
    expect(again).toEqual({ count: 21, kept: 20, first: '2', last: '200' })
    await hook.close()
  }, 30_000)

  it('honours Retry-After', async () => {
    const hook = await receiver(() => ({ status: 429, headers: { 'retry-after': '120' } }))
    const user = await makeUser()
    const endpoint = await endpointFor(user, hook.url)
    await publishEvent(await createLocalReq({}, payload), {
      type: 'track.deleted',
      account: account(user),
      data: { track_id: 't4' },
    })
    const pending = await waitFor(async () => {
      const rows = await deliveryOf(endpoint.id)
      return rows[0]?.attempts === 1 ? rows[0] : undefined
    })
    const wait = new Date(pending.next_attempt_at).getTime() - Date.now()
    expect(wait).toBeGreaterThan(110_000)
    expect(wait).toBeLessThan(125_000)
    await hook.close()
  })

  it('sends nothing for a write that rolled back', async () => {
    const hook = await receiver(() => ({ status: 200 }))
    const user = await makeUser()
    const endpoint = await endpointFor(user, hook.url)
    const req = await createLocalReq({}, payload)
    await initTransaction(req)
    const event = await publishEvent(req, {
      type: 'track.deleted',
      account: account(user),
      data: { track_id: 'rolled-back' },
    })
    await killTransaction(req)
    const { rows } = await db.query('SELECT 1 FROM webhook_events WHERE event_id = $1', [
      event.eventId,
    ])
    expect(rows).toHaveLength(0)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(await deliveryOf(endpoint.id)).toEqual([])
    expect(hook.received).toHaveLength(0)
    await hook.close()
  })

  it('signs with both secrets for a day after a rotation', async () => {
    const hook = await receiver(() => ({ status: 200 }))
    const user = await makeUser()
    const endpoint = await endpointFor(user, hook.url)
    const fresh = await rotateSecret(
      await createLocalReq({ user: asUser(user) as never }, payload),
      endpoint.id,
    )
    expect(fresh).not.toBe(endpoint.secret)
    await publishEvent(await createLocalReq({}, payload), {
      type: 'track.deleted',
      account: account(user),
      data: { track_id: 't5' },
    })
    await waitFor(async () => (hook.received.length ? true : undefined))
    const { headers, body } = hook.received[0]
    const signed = {
      'webhook-id': headers['webhook-id'] as string,
      'webhook-timestamp': headers['webhook-timestamp'] as string,
      'webhook-signature': headers['webhook-signature'] as string,
    }
    expect(signed['webhook-signature'].split(' ')).toHaveLength(2)
    expect(() => new Webhook(fresh).verify(body, signed)).not.toThrow()
    expect(() => new Webhook(endpoint.secret).verify(body, signed)).not.toThrow()
    await hook.close()
  })

  it('attempts again a delivery whose worker died holding it', async () => {
    const hook = await receiver(() => ({ status: 200 }))
    const user = await makeUser()
    const endpoint = await endpointFor(user, hook.url)
    const event = await publishEvent(await createLocalReq({}, payload), {
      type: 'track.deleted',
      account: account(user),
      data: { track_id: 't6' },
    })
    await waitFor(async () => ((await deliveryOf(endpoint.id)).length ? true : undefined))
    await waitFor(async () => (hook.received.length ? true : undefined))
    // Make it look as if a worker took the job 6 minutes ago and died.
    const [delivery] = await deliveryOf(endpoint.id)
    await db.query(`UPDATE webhook_deliveries SET status = 'pending' WHERE id = $1`, [delivery.id])
    await db.query(
      `SELECT graphile_worker.add_job('webhook__deliver', json_build_object('deliveryId', $1::int),
                job_key => 'webhook__deliver:' || $1, run_at => now() + interval '1 hour')`,
      [delivery.id],
    )
    await db.query(
      `UPDATE graphile_worker._private_jobs SET locked_at = now() - interval '6 minutes',
              locked_by = 'worker-that-died', run_at = now() - interval '6 minutes' WHERE key = $1`,
      [`webhook__deliver:${delivery.id}`],
    )
    await db.query(`SELECT graphile_worker.add_job('webhook__recover', '{}'::json)`)
    await waitFor(async () => (hook.received.length === 2 ? true : undefined))
    expect(hook.received[1].headers['webhook-id']).toBe(hook.received[0].headers['webhook-id'])
    expect(event.isDuplicate).toBe(false)
    await hook.close()
  })

  it('emits api_key.created to the key owner’s endpoints', async () => {
    const hook = await receiver(() => ({ status: 200 }))
    const user = await makeUser()
    await endpointFor(user, hook.url, ['api_key.created'])
    await payload.create({
      collection: 'api-keys',
      data: { name: 'emitting key', environment: 'development', scopes: ['tracks:read'] } as never,
      overrideAccess: false,
      user: asUser(user),
    })
    await waitFor(async () => (hook.received.length ? true : undefined))
    const body = JSON.parse(hook.received[0].body)
    expect(body).toMatchObject({ event: 'api_key.created', data: { name: 'emitting key' } })
    expect(hook.received[0].body).not.toMatch(/tt_test_[0-9A-Za-z]{38}/)
    await hook.close()
  })

  it('delivers every type of a family an endpoint lists (api_key.*), and refuses unknown ones', async () => {
    const hook = await receiver(() => ({ status: 200 }))
    const user = await makeUser()
    await endpointFor(user, hook.url, ['api_key.*'])
    await payload.create({
      collection: 'api-keys',
      data: { name: 'family key', environment: 'development', scopes: ['tracks:read'] } as never,
      overrideAccess: false,
      user: asUser(user),
    })
    await waitFor(async () => (hook.received.length ? true : undefined))
    const types = hook.received.map((delivery) => JSON.parse(delivery.body).event as string)
    expect(types.every((type) => type.startsWith('api_key.'))).toBe(true)
    expect(types).toContain('api_key.created')
    const problem = await rejection(
      payload.create({
        collection: 'webhook-endpoints',
        data: { url: hook.url, events: ['nonsense.*'] } as never,
        overrideAccess: false,
        user: asUser(user),
      }),
    )
    expect(problem).toMatch(/^events: Unknown event type "nonsense\.\*"/)
    await hook.close()
  })
})

describe('publishing and endpoints', () => {
  it('publishes through POST /api/events once per idempotency key, validating the data', async () => {
    const staff = await makeUser(['staff'])
    const service = (await payload.create({
      collection: 'api-keys',
      data: { name: 'publisher', environment: 'production', scopes: ['events:publish'] } as never,
      overrideAccess: false,
      user: asUser(staff),
    })) as unknown as { key: string }
    const user = await makeUser()
    const call = (body: unknown, key = service.key) =>
      handlePublish(
        payload,
        keyService().verifier,
        `Bearer ${key}`,
        JSON.stringify(body),
        undefined,
      )
    const body = {
      type: 'model.training_failed',
      account: `user:${user.id}`,
      data: { model_id: 'm1', run_id: 'r1', error: 'OOM' },
      idempotencyKey: unique('idem'),
    }
    const first = await call(body)
    expect(first.status).toBe(202)
    const again = await call(body)
    expect(again).toMatchObject({ status: 200, body: { duplicate: true } })
    expect((again.body as { id: string }).id).toBe((first.body as { id: string }).id)
    // A service's keys are its own: one cannot claim a key the portal uses for its events.
    const portal = await publishEvent(await createLocalReq({}, payload), {
      type: 'model.training_failed',
      account: { owner: user.id, organization: null },
      data: body.data,
      idempotencyKey: body.idempotencyKey,
    })
    expect(portal.isDuplicate).toBe(false)
    expect(
      await call({ ...body, data: { model_id: 'm1' }, idempotencyKey: undefined }),
    ).toMatchObject({
      status: 422,
      body: { errors: [expect.objectContaining({ field: 'data.run_id' })] },
    })
    expect(await call({ ...body, type: 'track.exploded' })).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ field: 'type' })] },
    })
    expect(await call({ ...body, account: 'user:999999' })).toMatchObject({ status: 422 })
    const member = (await payload.create({
      collection: 'api-keys',
      data: {
        name: 'not a publisher',
        environment: 'development',
        scopes: ['tracks:read'],
      } as never,
      overrideAccess: false,
      user: asUser(user),
    })) as unknown as { key: string }
    expect((await call(body, member.key)).status).toBe(403)
  })

  it('refuses endpoints whose URL is private, and names the field', async () => {
    const user = await makeUser()
    for (const url of [
      'https://10.0.0.1/hook',
      'https://169.254.169.254/latest',
      'ftp://example.com',
    ]) {
      expect(await rejection(endpointFor(user, url))).toContain('url')
    }
    const refused = await send('http://127.0.0.1:9/', {}, '{}', { allowLoopback: false })
    expect(refused.error).toMatch(/refused to connect/)
  })
})

describe('usage.limit_reached', () => {
  it('is published once per account, limit and window, reaching the bell and webhooks', async () => {
    const user = await makeUser()
    const hook = await receiver(() => ({ status: 200 }))
    await endpointFor(user, hook.url, ['usage.limit_reached'])
    const key = (await payload.create({
      collection: 'api-keys',
      data: { name: 'limited', environment: 'development', scopes: ['tracks:read'] } as never,
      overrideAccess: false,
      user: asUser(user),
    })) as unknown as { key: string }
    for (let i = 0; i < 14; i++) await keyService().verifier.verify({ key: key.key })
    const events = await waitFor(async () => {
      const { rows } = await db.query(
        `SELECT data FROM webhook_events WHERE type = 'usage.limit_reached' AND owner_id = $1`,
        [user.id],
      )
      return rows.length ? rows : undefined
    })
    await new Promise((resolve) => setTimeout(resolve, 300))
    const { rows } = await db.query(
      `SELECT data FROM webhook_events WHERE type = 'usage.limit_reached' AND owner_id = $1`,
      [user.id],
    )
    expect(rows).toHaveLength(1)
    expect(events[0].data).toMatchObject({ resource: 'api_calls', window: 'minute', limit: 10 })
    await waitFor(async () => (hook.received.length ? true : undefined))
    expect(JSON.parse(hook.received[0].body)).toMatchObject({ event: 'usage.limit_reached' })
    const told = await waitFor(async () => {
      const { rows: found } = await db.query(
        `SELECT title FROM notifications WHERE recipient_id = $1 AND type = 'usage.limit_reached'`,
        [user.id],
      )
      return found.length ? found : undefined
    })
    expect(told).toHaveLength(1)
    await hook.close()
  })
})

describe('deleting an endpoint', () => {
  it('takes its delivery log with it', async () => {
    const hook = await receiver(() => ({ status: 200 }))
    const user = await makeUser()
    const endpoint = await endpointFor(user, hook.url)
    await publishEvent(await createLocalReq({}, payload), {
      type: 'track.deleted',
      account: account(user),
      data: { track_id: 'gone' },
    })
    await waitFor(async () => ((await deliveryOf(endpoint.id)).length ? true : undefined))
    await payload.delete({
      collection: 'webhook-endpoints',
      id: endpoint.id,
      overrideAccess: false,
      user: asUser(user),
    })
    expect(await deliveryOf(endpoint.id)).toEqual([])
    await hook.close()
  })
})

describe('delivery limits and failures', () => {
  it('keeps deliveries to one endpoint under its maximum rate', async () => {
    const arrivals: number[] = []
    const hook = await receiver(() => {
      arrivals.push(Date.now())
      return { status: 200 }
    })
    const user = await makeUser()
    const endpoint = await endpointFor(user, hook.url)
    await db.query('UPDATE webhook_endpoints SET max_per_second = 2 WHERE id = $1', [endpoint.id])
    const req = await createLocalReq({}, payload)
    for (let i = 0; i < 6; i++) {
      await publishEvent(req, {
        type: 'track.deleted',
        account: account(user),
        data: { track_id: `r${i}` },
      })
    }
    await waitFor(async () => (arrivals.length === 6 ? true : undefined), 20_000)
    const perSecond = new Map<number, number>()
    for (const at of arrivals)
      perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1)
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(3)
    // The limit counts sends per clock second: six sends at two a second take three seconds'
    // windows, so the first and the last are more than a second apart (less a little latency
    // between sender and receiver). They need not be 1.5 s apart: a burst can start at the end of one.
    expect(arrivals[5] - arrivals[0]).toBeGreaterThanOrEqual(950)
    await hook.close()
  }, 30_000)

  it('disables an endpoint failing for 5 days and tells its owner by mail', async () => {
    const hook = await receiver(() => ({ status: 500 }))
    const user = await makeUser()
    const endpoint = await endpointFor(user, hook.url)
    await db.query(
      `UPDATE webhook_endpoints SET failing_since = now() - interval '6 days' WHERE id = $1`,
      [endpoint.id],
    )
    await publishEvent(await createLocalReq({}, payload), {
      type: 'track.deleted',
      account: account(user),
      data: { track_id: 'five-days' },
    })
    const disabled = await waitFor(async () => {
      const { rows } = await db.query(
        'SELECT enabled, disabled_reason FROM webhook_endpoints WHERE id = $1',
        [endpoint.id],
      )
      return rows[0].enabled === false ? rows[0] : undefined
    })
    expect(disabled.disabled_reason).toMatch(/5 days/)
    // The mail job is queued with the failure; the worker may already have sent it.
    const mails = await waitFor(async () => {
      const { rows } = await db.query(
        `SELECT 1 FROM graphile_worker._private_jobs j
           JOIN graphile_worker._private_tasks t ON t.id = j.task_id
          WHERE t.identifier = 'mail__send' AND j.payload->>'to' = $1`,
        [user.email],
      )
      const count = rows.length + (await mailCaught(user.email))
      return count > 0 ? count : undefined
    })
    expect(mails).toBeGreaterThan(0)
    await hook.close()
  })
})

/** Mail already delivered by the worker lands in the test SMTP server's directory. */
async function mailCaught(to: string): Promise<number> {
  const { readdir, readFile } = await import('node:fs/promises')
  const dir = process.env.TEST_MAIL_DIR as string
  const files = await readdir(dir).catch(() => [] as string[])
  let count = 0
  for (const file of files) {
    if ((await readFile(`${dir}/${file}`, 'utf8')).includes(to)) count++
  }
  return count
}

describe('a worker killed in the middle of a delivery', () => {
  it('loses nothing: the delivery is attempted again when a worker runs', async () => {
    let isHanging = true
    const hook = await receiver(() =>
      isHanging ? { status: 200, delayMs: 30_000 } : { status: 200 },
    )
    const user = await makeUser()
    const endpoint = await endpointFor(user, hook.url)
    // Only a separate worker process runs jobs now; it is killed once it is mid-delivery.
    await worker.stop()
    const child = spawn('npx', ['tsx', 'scripts/worker.ts'], {
      env: { ...process.env, NODE_OPTIONS: '--no-deprecation' },
      stdio: 'ignore',
      detached: true,
    })
    await publishEvent(await createLocalReq({}, payload), {
      type: 'track.deleted',
      account: account(user),
      data: { track_id: 'killed' },
    })
    await waitFor(async () => (hook.received.length === 1 ? true : undefined), 60_000)
    process.kill(-(child.pid as number), 'SIGKILL')
    isHanging = false
    const [delivery] = await deliveryOf(endpoint.id)
    expect(delivery).toMatchObject({ status: 'pending', attempts: 0 })
    const { rows: locked } = await db.query(
      'SELECT locked_at FROM graphile_worker._private_jobs WHERE key = $1',
      [`webhook__deliver:${delivery.id}`],
    )
    expect(locked[0].locked_at).not.toBeNull()
    // The recovery job releases jobs locked for over 2 minutes, by which time the dead attempt's
    // lease has run out: move both back in time.
    await db.query(
      `UPDATE graphile_worker._private_jobs SET locked_at = now() - interval '3 minutes' WHERE key = $1`,
      [`webhook__deliver:${delivery.id}`],
    )
    await db.query(
      `UPDATE webhook_deliveries SET lease_until = now() - interval '1 minute' WHERE id = $1`,
      [delivery.id],
    )
    worker = await startWorker({ concurrency: 4 })
    await db.query(`SELECT graphile_worker.add_job('webhook__recover', '{}'::json)`)
    const done = await waitFor(async () => {
      const [row] = await deliveryOf(endpoint.id)
      return row.status === 'succeeded' ? row : undefined
    })
    expect(done.attempts).toBe(1)
    expect(hook.received).toHaveLength(2)
    expect(hook.received[1].headers['webhook-id']).toBe(hook.received[0].headers['webhook-id'])
    await hook.close()
  }, 120_000)
})

describe('review fixes', () => {
  it('refuses header values Node cannot send, and a bad header fails an attempt instead of the task', async () => {
    const user = await makeUser()
    const hook = await receiver(() => ({ status: 200 }))
    expect(
      await rejection(
        payload.create({
          collection: 'webhook-endpoints',
          data: { url: hook.url, headers: { 'X-Price': '5 €' } } as never,
          overrideAccess: false,
          user: asUser(user),
        }),
      ),
    ).toContain('headers')
    const result = await send(hook.url, { 'x-bad': 'a\u0001b' }, '{}', { allowLoopback: true })
    expect(result.error).toBeTruthy()
    await hook.close()
  })

  it('lets an organization key create endpoints only in its own organization', async () => {
    const owner = await makeUser()
    const [mine, other] = await Promise.all(
      ['A', 'B'].map((name) =>
        payload.create({
          collection: 'organizations',
          data: { name, slug: unique(`o${name}`).toLowerCase(), members: [] },
          overrideAccess: false,
          user: asUser(owner),
        }),
      ),
    )
    const asKey = {
      ...asUser(owner),
      apiKey: { id: 1, scopes: ['webhooks:manage'], organizationId: mine.id },
    }
    const hook = await receiver(() => ({ status: 200 }))
    const created = await payload.create({
      collection: 'webhook-endpoints',
      data: { url: hook.url } as never,
      depth: 0,
      overrideAccess: false,
      user: asKey,
    })
    expect(created.organization).toBe(mine.id)
    expect(created.owner).toBeNull()
    expect(
      await rejection(
        payload.create({
          collection: 'webhook-endpoints',
          data: { url: hook.url, organization: other.id } as never,
          overrideAccess: false,
          user: asKey,
        }),
      ),
    ).toContain('organization')
    await hook.close()
  })

  it('mails an organization’s owners when its endpoint is disabled after 5 days', async () => {
    const hook = await receiver(() => ({ status: 500 }))
    const owner = await makeUser()
    const org = await payload.create({
      collection: 'organizations',
      data: { name: 'Failing Org', slug: unique('fail').toLowerCase(), members: [] },
      overrideAccess: false,
      user: asUser(owner),
    })
    const endpoint = (await payload.create({
      collection: 'webhook-endpoints',
      data: { url: hook.url, organization: org.id } as never,
      overrideAccess: false,
      user: asUser(owner),
    })) as { id: number }
    await db.query(
      `UPDATE webhook_endpoints SET failing_since = now() - interval '6 days' WHERE id = $1`,
      [endpoint.id],
    )
    await publishEvent(await createLocalReq({}, payload), {
      type: 'track.deleted',
      account: { owner: null, organization: org.id },
      data: { track_id: 'org-five-days' },
    })
    const mails = await waitFor(async () => {
      const { rows } = await db.query(
        `SELECT 1 FROM graphile_worker._private_jobs j
           JOIN graphile_worker._private_tasks t ON t.id = j.task_id
          WHERE t.identifier = 'mail__send' AND j.payload->>'to' = $1`,
        [owner.email],
      )
      const count = rows.length + (await mailCaught(owner.email))
      return count > 0 ? count : undefined
    })
    expect(mails).toBeGreaterThan(0)
    await hook.close()
  })

  it('does not record an attempt over one recorded meanwhile (a redelivery in flight)', async () => {
    const hook = await receiver(() => ({ status: 200, delayMs: 800 }))
    const user = await makeUser()
    const endpoint = await endpointFor(user, hook.url)
    await publishEvent(await createLocalReq({}, payload), {
      type: 'track.deleted',
      account: account(user),
      data: { track_id: 'raced' },
    })
    await waitFor(async () => (hook.received.length ? true : undefined))
    const [delivery] = await deliveryOf(endpoint.id)
    await db.query('UPDATE webhook_deliveries SET attempt_count = 1 WHERE id = $1', [delivery.id])
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const { rows } = await db.query(
      'SELECT status, attempt_count::int AS n, jsonb_array_length(attempts) AS logged FROM webhook_deliveries WHERE id = $1',
      [delivery.id],
    )
    expect(rows[0]).toEqual({ status: 'pending', n: 1, logged: 0 })
    await hook.close()
  })
})
