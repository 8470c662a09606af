import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createTcpServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

import type { Job, JobHelpers } from 'graphile-worker'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { enqueue } from '@/lib/queue'
import { send } from '@/lib/webhooks/send'
import type { User } from '@/payload-types'
import { startWorker } from '@/worker'
import { webhook__deliver } from '@/worker/tasks/webhook__deliver'

import { asUser, makeUser, testPayload, unique } from '../helpers/payload'
import { waitForMail } from '../helpers/smtp'

let db: pg.Pool

beforeAll(async () => {
  await testPayload()
  db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 })
})
afterAll(async () => {
  await db.end()
})

const listening = async (server: Server | ReturnType<typeof createTcpServer>) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
}

/**
 * A receiver that never finishes: it sends its answer one byte every `everyMs`, so the socket is
 * never idle. `headersFirst` answers the status line at once (200) and trickles the body.
 */
async function tricklingReceiver({ headersFirst = false, everyMs = 150 } = {}) {
  const sockets = new Set<Socket>()
  let requests = 0
  let open = 0
  let maxOpen = 0
  const server = createTcpServer((socket) => {
    sockets.add(socket)
    open++
    maxOpen = Math.max(maxOpen, open)
    socket.on('close', () => {
      open--
      sockets.delete(socket)
    })
    socket.on('error', () => undefined)
    socket.once('data', () => {
      requests++
      const head = headersFirst
        ? 'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 100000\r\n\r\n'
        : ''
      if (head) socket.write(head)
      const status = 'HTTP/1.1 200 OK\r\n'
      let i = 0
      const timer = setInterval(() => {
        if (socket.destroyed) return clearInterval(timer)
        socket.write(headersFirst ? 'x' : (status[i++ % status.length] ?? 'x'))
      }, everyMs)
      socket.on('close', () => clearInterval(timer))
    })
  })
  const url = await listening(server)
  return {
    url,
    requests: () => requests,
    maxOpen: () => maxOpen,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** A webhook endpoint of `user`, and a pending delivery to it with no job (the test runs it). */
async function pendingDeliveries(user: User, url: string, count: number) {
  const payload = await testPayload()
  const endpoint = await payload.create({
    collection: 'webhook-endpoints',
    data: { url, events: [] } as never,
    depth: 0,
    overrideAccess: false,
    user: asUser(user),
  })
  const ids: number[] = []
  for (let i = 0; i < count; i++) {
    const { rows } = await db.query<{ id: number }>(
      `WITH ev AS (
         INSERT INTO webhook_events (event_id, type, owner_id, data, is_test, updated_at, created_at)
         VALUES ($1, 'track.deleted', $2, '{"track_id":"t"}', false, now(), now()) RETURNING id)
       INSERT INTO webhook_deliveries (delivery_id, event_id, event_type, endpoint_id, owner_id,
                                       status, attempt_count, attempts, next_attempt_at)
       SELECT $3, ev.id, 'track.deleted', $4, $2, 'pending', 0, '[]'::jsonb, now() FROM ev
       RETURNING id`,
      [unique('evt'), user.id, unique('msg'), endpoint.id],
    )
    ids.push(rows[0].id)
  }
  return { endpointId: endpoint.id, ids }
}

/** Runs the delivery task the way graphile-worker does, on this test's pool. */
const runTask = (deliveryId: number) =>
  webhook__deliver({ deliveryId }, {
    withPgClient: async (work: (client: pg.PoolClient) => Promise<unknown>) => {
      const client = await db.connect()
      try {
        return await work(client)
      } finally {
        client.release()
      }
    },
    query: (text: string, values?: unknown[]) => db.query(text, values),
    addJob: () => Promise.resolve({} as Job),
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined },
  } as unknown as JobHelpers)

const deliveryState = async (id: number) =>
  (
    await db.query(
      `SELECT status, attempt_count::int AS attempts, error, lease_until FROM webhook_deliveries WHERE id = $1`,
      [id],
    )
  ).rows[0]

describe('webhook attempts are bounded', () => {
  it('ends an attempt at the deadline when the receiver trickles its status line', async () => {
    const hook = await tricklingReceiver()
    const user = await makeUser()
    const { ids } = await pendingDeliveries(user, hook.url, 1)
    const started = Date.now()
    await runTask(ids[0])
    // WEBHOOK_TIMEOUT_MS is 1500 in tests: the whole exchange, however many bytes arrive.
    expect(Date.now() - started).toBeLessThan(4000)
    expect(await deliveryState(ids[0])).toMatchObject({
      status: 'pending',
      attempts: 1,
      error: expect.stringMatching(/no response within 1.5 s/),
      lease_until: null,
    })
    await hook.close()
  }, 20_000)

  it('stops reading a body at 4 KB and a trickled body at the deadline', async () => {
    const flood = createHttpServer((_request, response) => {
      response.writeHead(200)
      const chunk = Buffer.alloc(64 * 1024, 'a')
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', pump)
      }
      pump()
    })
    const url = await listening(flood)
    const flooded = await send(url, {}, '{}', { allowLoopback: true, timeoutMs: 5000 })
    expect(flooded.status).toBe(200)
    expect(flooded.body).toHaveLength(4096)
    expect(flooded.durationMs).toBeLessThan(2000)
    flood.closeAllConnections()
    await new Promise((resolve) => flood.close(resolve))

    const hook = await tricklingReceiver({ headersFirst: true })
    const started = Date.now()
    const trickled = await send(hook.url, {}, '{}', { allowLoopback: true, timeoutMs: 800 })
    expect(Date.now() - started).toBeLessThan(2000)
    expect(trickled).toMatchObject({ status: 200, error: expect.stringMatching(/within 0.8 s/) })
    await hook.close()
  }, 20_000)

  it('never attempts one delivery twice at once (a released job running next to the first)', async () => {
    const hook = await tricklingReceiver()
    const user = await makeUser()
    const { ids } = await pendingDeliveries(user, hook.url, 1)
    await Promise.all([runTask(ids[0]), runTask(ids[0]), runTask(ids[0])])
    expect(hook.requests()).toBe(1)
    expect((await deliveryState(ids[0])).attempts).toBe(1)
    await hook.close()
  }, 20_000)

  it('keeps at most 4 attempts in flight per endpoint and per account, and requeues the rest', async () => {
    const hook = await tricklingReceiver()
    const user = await makeUser()
    // Two endpoints of one account: together they still get 4 workers, not 8.
    const first = await pendingDeliveries(user, hook.url, 5)
    const second = await pendingDeliveries(user, hook.url, 5)
    const ids = [...first.ids, ...second.ids]
    await Promise.all(ids.map((id) => runTask(id)))
    expect(hook.maxOpen()).toBeLessThanOrEqual(4)
    expect(hook.requests()).toBe(4)
    const { rows } = await db.query(
      `SELECT count(*)::int AS queued FROM graphile_worker._private_jobs WHERE key = ANY($1::text[])`,
      [ids.map((id) => `webhook__deliver:${id}`)],
    )
    // The six that waited have a job again; the four attempted have their retry scheduled.
    expect(rows[0].queued).toBe(10)
    await hook.close()
    await db.query(`DELETE FROM graphile_worker._private_jobs WHERE key = ANY($1::text[])`, [
      ids.map((id) => `webhook__deliver:${id}`),
    ])
  }, 20_000)

  it('still sends mail while every delivery slot waits on slow receivers', async () => {
    const hook = await tricklingReceiver()
    const worker = await startWorker({ concurrency: 2, deliveryConcurrency: 4 })
    try {
      // Twelve endpoints of twelve accounts, all trickling: more than every delivery slot.
      for (let i = 0; i < 12; i++) {
        const { ids } = await pendingDeliveries(await makeUser(), hook.url, 1)
        await enqueue('webhook__deliver', { deliveryId: ids[0] })
      }
      await expect.poll(() => hook.requests(), { timeout: 10_000 }).toBeGreaterThanOrEqual(4)
      const to = `${unique('mail')}@example.test`
      const queued = Date.now()
      await enqueue('mail__send', { to, subject: 'Still flowing', html: '<p>hello</p>' })
      await waitForMail(process.env.TEST_MAIL_DIR as string, to, /Still flowing/, 5000)
      expect(Date.now() - queued).toBeLessThan(5000)
    } finally {
      await worker.stop()
      await hook.close()
    }
  }, 40_000)
})
