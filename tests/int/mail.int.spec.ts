import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import Redis from 'ioredis'

import { checkHealth } from '@/lib/health'
import { startWorker, type WorkerHandle } from '@/worker'

import { testPayload, unique } from '../helpers/payload'
import { waitForMail } from '../helpers/smtp'

const mailDir = () => process.env.TEST_MAIL_DIR as string

describe('transactional mail through the queue', () => {
  let worker: WorkerHandle
  let db: pg.Client

  beforeAll(async () => {
    await testPayload()
    db = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await db.connect()
  })
  afterAll(async () => {
    await worker?.stop()
    await db.end()
  })

  it('enqueues mail__send instead of sending inside the request', async () => {
    const payload = await testPayload()
    const to = `${unique('queued')}@example.test`
    await payload.sendEmail({ to, subject: 'Queued only', html: '<p>hi</p>' })
    const { rows } = await db.query(
      `SELECT t.identifier AS task_identifier, j.payload FROM graphile_worker._private_jobs j
         JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE j.payload->>'to' = $1`,
      [to],
    )
    expect(rows).toHaveLength(1)
    expect(rows[0].task_identifier).toBe('mail__send')
    expect(rows[0].payload.subject).toBe('Queued only')
  })

  it('delivers queued mail over SMTP once a worker runs, and beats while it runs', async () => {
    worker = await startWorker({ concurrency: 2 })
    const payload = await testPayload()
    const to = `${unique('delivered')}@example.test`
    await payload.sendEmail({
      to,
      subject: 'Hello from the worker',
      html: '<a href="https://x.test/a?b=1&amp;c=2">go</a>',
    })
    const mail = await waitForMail(mailDir(), to, /Hello from the worker/)
    expect(mail.link).toBe('https://x.test/a?b=1&c=2')
    const { rows } = await db.query(
      'SELECT worker_id FROM worker_heartbeats WHERE worker_id = $1',
      [worker.id],
    )
    expect(rows).toHaveLength(1)
  })

  it('retries a mail the SMTP server refused the first time', async () => {
    const payload = await testPayload()
    const to = `flaky-${unique('retry')}@example.test`
    await payload.sendEmail({ to, subject: 'Second time lucky', html: '<p>retry</p>' })
    const mail = await waitForMail(mailDir(), to, /Second time lucky/, 25_000)
    expect(mail.subject).toBe('Second time lucky')
    const { rows } = await db.query(
      `SELECT count(*)::int AS left FROM graphile_worker._private_jobs WHERE payload->>'to' = $1`,
      [to],
    )
    expect(rows[0].left).toBe(0)
  }, 40_000)

  it('sends the verification mail with a working link on sign-up', async () => {
    const payload = await testPayload()
    const username = unique('verify').toLowerCase()
    const email = `${username}@example.test`
    await payload.create({
      collection: 'users',
      data: { email, username, name: 'New Person', password: 'correct-horse-battery' },
      overrideAccess: false,
    })
    const mail = await waitForMail(mailDir(), email, /Confirm your email/)
    const token = new URL(mail.link as string).searchParams.get('token')
    expect(new URL(mail.link as string).pathname).toBe('/verify-email')
    await payload.verifyEmail({ collection: 'users', token: token as string })
    const { docs } = await payload.find({
      collection: 'users',
      where: { email: { equals: email } },
      overrideAccess: true,
    })
    expect(docs[0]._verified).toBe(true)
  })

  it('reports health per dependency and names the failing one', async () => {
    const payload = await testPayload()
    const healthy = await checkHealth(payload)
    expect(healthy.failing).toEqual([])
    expect(healthy.status).toBe('ok')
    const deadRedis = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: true,
      retryStrategy: () => null,
    })
    const connectionErrors: Error[] = []
    deadRedis.on('error', (err: Error) => connectionErrors.push(err))
    const report = await checkHealth(payload, { redis: deadRedis })
    expect(report.status).toBe('fail')
    expect(report.failing).toEqual(['redis'])
    expect(report.checks.redis.error).toBeTruthy()
    deadRedis.disconnect()
  })

  it('keeps delivering after Postgres drops the worker’s idle connections', async () => {
    const { rows } = await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'
          AND (query ILIKE '%graphile_worker%' OR query ILIKE '%worker_heartbeats%')`,
    )
    expect(rows.length).toBeGreaterThan(0)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const payload = await testPayload()
    const to = `${unique('survivor')}@example.test`
    await payload.sendEmail({ to, subject: 'Still here', html: '<p>ok</p>' })
    expect((await waitForMail(mailDir(), to, /Still here/)).subject).toBe('Still here')
  })

  it('reports a missing worker once it stops', async () => {
    const payload = await testPayload()
    await worker.stop()
    await db.query('DELETE FROM worker_heartbeats')
    const report = await checkHealth(payload)
    expect(report.failing).toEqual(['worker'])
    expect(report.checks.worker.error).toMatch(/no worker heartbeat/)
  })
})
