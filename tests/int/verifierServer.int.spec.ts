import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'

import Redis from 'ioredis'
import { createLocalReq, type Payload } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { checkHealth } from '@/lib/health'
import { revokeKey } from '@/lib/keys/manage'
import { closeKeyService, keyService } from '@/lib/keys/service'
import { createVerifier } from '@/lib/keys/verifier'
import type { ApiKey, User } from '@/payload-types'
import { startVerifier, type RunningVerifier } from '@/verifier'

import { asUser, makeUser, testPayload, unique } from '../helpers/payload'

type Issued = ApiKey & { key: string }

let payload: Payload
let server: RunningVerifier
let base: string
let serviceKey: string
let memberKey: Issued

async function issue(user: User, data: Partial<ApiKey> = {}): Promise<Issued> {
  return (await payload.create({
    collection: 'api-keys',
    data: {
      name: unique('key'),
      environment: 'production',
      scopes: ['tracks:read'],
      ...data,
    } as never,
    depth: 0,
    overrideAccess: false,
    user: asUser(user),
  })) as Issued
}

const post = async (path: string, body: unknown, key = serviceKey, url = base) => {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: response.status, body: await response.json() }
}

beforeAll(async () => {
  payload = await testPayload()
  server = await startVerifier(0)
  base = `http://127.0.0.1:${server.port}`
  const staff = await makeUser(['staff'], { plan: 'pro' })
  serviceKey = (await issue(staff, { scopes: ['keys:verify', 'usage:report'] })).key
  memberKey = await issue(await makeUser(['member'], { plan: 'pro' }), {
    scopes: ['tracks:read', 'models:read'],
  })
})
afterAll(async () => {
  await server.stop()
  await closeKeyService()
})

describe('verification server', () => {
  it('answers 401 without a service key and 403 for a key without keys:verify', async () => {
    const anonymous = await fetch(`${base}/verify`, { method: 'POST', body: '{}' })
    expect(anonymous.status).toBe(401)
    expect((await anonymous.json()).errors[0].code).toBe('UNAUTHENTICATED')
    const forbidden = await post('/verify', { key: memberKey.key }, memberKey.key)
    expect(forbidden).toMatchObject({
      status: 403,
      body: { errors: [expect.objectContaining({ code: 'INSUFFICIENT_SCOPE' })] },
    })
    const bogus = await post('/verify', { key: memberKey.key }, 'tt_live_bogus')
    expect(bogus).toMatchObject({
      status: 401,
      body: { errors: [expect.objectContaining({ code: 'NOT_FOUND' })] },
    })
  })

  it('answers 200 with a verdict for every key, and 400 naming a bad field', async () => {
    const valid = await post('/verify', {
      key: memberKey.key,
      scope: 'models:read',
      endpoint: 'GET /v1/models',
    })
    expect(valid.status).toBe(200)
    expect(valid.body).toMatchObject({
      valid: true,
      code: 'VALID',
      keyId: memberKey.id,
      plan: 'pro',
      environment: 'production',
      ratelimit: { limit: 300, window: 'minute' },
    })
    const scope = await post('/verify', { key: memberKey.key, scope: 'models:train' })
    expect(scope).toMatchObject({ status: 200, body: { valid: false, code: 'INSUFFICIENT_SCOPE' } })
    const missing = await post('/verify', { key: 'tt_live_000' })
    expect(missing).toMatchObject({ status: 200, body: { valid: false, code: 'NOT_FOUND' } })

    const badCost = await post('/verify', { key: memberKey.key, cost: 0 })
    expect(badCost).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ field: 'cost' })] },
    })
    const badResource = await post('/verify', { key: memberKey.key, resource: 'gpu' })
    expect(badResource).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ field: 'resource' })] },
    })
    const badJson = await post('/verify', '{nope')
    expect(badJson).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ field: 'body' })] },
    })
    const wrongMethod = await fetch(`${base}/verify`)
    expect(wrongMethod.status).toBe(405)
  })

  it('takes gateway usage reports, written before the 202', async () => {
    const accepted = await post('/api/usage', [
      {
        keyId: memberKey.id,
        endpoint: '/v1/tracks',
        method: 'GET',
        status: 200,
        latencyMs: 12.5,
        region: 'eu-west-1',
        timestamp: new Date().toISOString(),
      },
      {
        keyId: memberKey.id,
        endpoint: '/v1/tracks',
        method: 'POST',
        status: 503,
        latencyMs: 80,
        timestamp: Date.now(),
      },
    ])
    expect(accepted).toEqual({ status: 202, body: { accepted: 2 } })
    const { rows } = await keyService().pool.query(
      `SELECT method, status, latency_ms, code FROM usage_events WHERE key_id = $1 AND kind = 'report' ORDER BY status`,
      [memberKey.id],
    )
    expect(rows).toEqual([
      { method: 'GET', status: 200, latency_ms: 13, code: '2xx' },
      { method: 'POST', status: 503, latency_ms: 80, code: '5xx' },
    ])
    const unknown = await post('/api/usage', {
      events: [
        {
          keyId: 999_999,
          endpoint: '/x',
          method: 'GET',
          status: 200,
          latencyMs: 1,
          timestamp: Date.now(),
        },
      ],
    })
    expect(unknown).toMatchObject({
      status: 422,
      body: { errors: [expect.objectContaining({ field: 'events[0].keyId' })] },
    })
    const bad = await post('/api/usage', [
      {
        keyId: memberKey.id,
        endpoint: '/x',
        method: 'GET',
        status: 99,
        latencyMs: 1,
        timestamp: Date.now(),
      },
    ])
    expect(bad).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ field: '[0].status' })] },
    })
    const old = await post('/api/usage', [
      {
        keyId: memberKey.id,
        endpoint: '/x',
        method: 'GET',
        status: 200,
        latencyMs: 1,
        timestamp: 9e15,
      },
    ])
    expect(old).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ field: '[0].timestamp' })] },
    })
    const hugeId = await post('/api/usage', [
      {
        keyId: 2 ** 40,
        endpoint: '/x',
        method: 'GET',
        status: 200,
        latencyMs: 1,
        timestamp: Date.now(),
      },
    ])
    expect(hugeId).toMatchObject({
      status: 400,
      body: { errors: [expect.objectContaining({ field: '[0].keyId' })] },
    })
    const notAllowed = await post('/api/usage', [], memberKey.key)
    expect(notAllowed.status).toBe(403)
  })
})

describe.skipIf(!process.env.REDIS_URL)('across processes (real Redis)', () => {
  let child: ChildProcess
  let childUrl: string

  beforeAll(async () => {
    // A port below the kernel's ephemeral range (32768+), where the suite's own outgoing
    // connections to Postgres and Redis take theirs; a start that fails anyway (its output is
    // kept) is tried again on another port.
    const output: string[] = []
    for (let attempt = 1; ; attempt++) {
      const port = await freePort(20_000, 32_000)
      childUrl = `http://127.0.0.1:${port}`
      child = spawn('npx', ['tsx', 'scripts/verifier.ts'], {
        env: { ...process.env, VERIFIER_PORT: String(port), NODE_OPTIONS: '--no-deprecation' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      })
      child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
      child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()))
      let exited = false
      child.once('exit', () => {
        exited = true
      })
      const deadline = Date.now() + 60_000
      while (!exited && Date.now() < deadline) {
        const ok = await fetch(`${childUrl}/health`).then(
          (r) => r.ok,
          () => false,
        )
        if (ok) return
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
      if (!exited && child.pid) process.kill(-child.pid, 'SIGTERM')
      if (attempt === 3) {
        throw new Error(`verification server did not start:\n${output.join('').slice(-4000)}`)
      }
    }
  }, 200_000)
  afterAll(() => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM')
  })

  it('rejects a revoked key in another verifier process within one second', async () => {
    const owner = await makeUser(['member'], { plan: 'pro' })
    const created = await issue(owner)
    // Warm the other process's caches (in-process and Redis).
    for (let i = 0; i < 3; i++) {
      expect((await post('/verify', { key: created.key }, serviceKey, childUrl)).body.code).toBe(
        'VALID',
      )
    }
    const req = await createLocalReq({ user: asUser(owner) as never }, payload)
    const revokedAt = Date.now()
    await revokeKey(req, created.id)
    let code = 'VALID'
    while (code === 'VALID' && Date.now() - revokedAt < 3000) {
      code = (await post('/verify', { key: created.key }, serviceKey, childUrl)).body.code
    }
    expect(code).toBe('REVOKED')
    expect(Date.now() - revokedAt).toBeLessThan(1000)
  })

  it('answers within 100 ms without a 5xx while Redis is down, warns, and recovers by itself', async () => {
    // A TCP relay in front of Redis that the test can cut and restore.
    const sockets = new Set<net.Socket>()
    const target = new URL(process.env.REDIS_URL as string)
    const relay = () =>
      net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 6379), target.hostname)
        for (const socket of [client, upstream]) {
          sockets.add(socket)
          socket.on('error', () => undefined)
          socket.on('close', () => sockets.delete(socket))
        }
        client.pipe(upstream).pipe(client)
      })
    let server = relay()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as net.AddressInfo).port
    const client = new Redis(port, '127.0.0.1', {
      keyPrefix: process.env.REDIS_KEY_PREFIX,
      maxRetriesPerRequest: 1,
      retryStrategy: () => 100,
    })
    client.on('error', () => undefined)
    const db = new pg.Pool({ connectionString: process.env.DATABASE_URL })
    const verifier = createVerifier({ pool: db, redis: client })
    const owner = await makeUser(['member'], { plan: 'free' })
    const created = await issue(owner)
    try {
      expect((await verifier.verify({ key: created.key })).code).toBe('VALID')
      expect(verifier.redisState().state).toBe('ok')

      server.close()
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => setTimeout(resolve, 100))

      const timings: number[] = []
      const codes: string[] = []
      for (let i = 0; i < 12; i++) {
        const started = performance.now()
        codes.push((await verifier.verify({ key: created.key })).code)
        timings.push(performance.now() - started)
      }
      expect(Math.max(...timings)).toBeLessThan(100)
      // The per-instance limiter keeps the free plan's 10 a minute (1 already counted in Redis).
      expect(codes.filter((code) => code === 'VALID')).toHaveLength(10)
      expect(codes.slice(10)).toEqual(['RATE_LIMITED', 'RATE_LIMITED'])
      expect(verifier.redisState().state).toBe('degraded')
      // A revocation is seen within a second even without pub/sub (written behind its back).
      await db.query(`UPDATE api_keys SET status = 'revoked' WHERE id = $1`, [created.id])
      await new Promise((resolve) => setTimeout(resolve, 1100))
      expect((await verifier.verify({ key: created.key })).code).toBe('REVOKED')

      server = relay()
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
      const deadline = Date.now() + 5000
      while (verifier.redisState().state !== 'ok' && Date.now() < deadline) {
        await verifier.verify({ key: created.key })
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(verifier.redisState().state).toBe('ok')
    } finally {
      server.close()
      for (const socket of sockets) socket.destroy()
      client.disconnect()
      await db.end()
    }
  })

  it('shows the fallback as a warning on the health report', async () => {
    const service = keyService()
    const original = service.verifier.redisState
    service.verifier.redisState = () => ({ state: 'degraded', since: new Date() })
    try {
      const report = await checkHealth(payload)
      expect(report.warnings[0]).toMatch(/Redis unreachable/)
    } finally {
      service.verifier.redisState = original
    }
  })
})

/** A port from [from, to) that nothing listens on right now. */
async function freePort(from: number, to: number): Promise<number> {
  for (;;) {
    const port = from + Math.floor(Math.random() * (to - from))
    const isFree = await new Promise<boolean>((resolve) => {
      const probe = net.createServer()
      probe.once('error', () => resolve(false))
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
    })
    if (isFree) return port
  }
}
