import { createServer, type Server } from 'node:http'
import net, { type AddressInfo } from 'node:net'

import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import pg from 'pg'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  confirmEndpoint,
  subscribeEndpoint,
  unsubscribeEndpoint,
} from '@collections/StatusSubscribers/endpoints'
import { draftIncidents } from '@/data/adminDashboard'
import { savePreferences, readPreferences } from '@/lib/notifications/preferences'
import { nextState, type ResultKind } from '@/lib/status/evaluate'
import { advanceMaintenances, pruneCheckResults } from '@/lib/status/maintenance'
import { probeHttp, probeTcp } from '@/lib/status/probe'
import { readStatusSnapshot } from '@/lib/status/read'
import { runCheck, type RunDeps } from '@/lib/status/run'
import { readStatusToken, statusToken } from '@/lib/status/tokens'
import { readUptime, uptimeOf, utcDay } from '@/lib/status/uptime'
import { groupViews, type ComponentView } from '@/lib/status/views'
import { dayTone, formatUptime, overallStatus } from '@/lib/status/states'
import type { StatusComponent, User } from '@/payload-types'
import { startWorker, type WorkerHandle } from '@/worker'

import { asUser, makeUser, rejection, testPayload, unique } from '../helpers/payload'
import { waitForMail } from '../helpers/smtp'
import { waitFor } from '../helpers/waitFor'

let payload: Payload
let pool: pg.Pool
let staff: User

const withClient = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
  const client = await pool.connect()
  try {
    return await work(client)
  } finally {
    client.release()
  }
}

const mailDir = () => process.env.TEST_MAIL_DIR as string

beforeAll(async () => {
  payload = await testPayload()
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
  staff = await makeUser(['staff'])
})
afterAll(async () => {
  await pool.end()
})

/** A fake service on loopback that can be stopped and started again on the same port. */
async function fakeService(answer: { status: number; body: string; delayMs?: number }) {
  let server: Server | undefined
  let port = 0
  const start = async () => {
    server = createServer((_request, response) => {
      setTimeout(() => {
        response.writeHead(answer.status, { 'content-type': 'text/plain' })
        response.end(answer.body)
      }, answer.delayMs ?? 0)
    })
    await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  }
  await start()
  return {
    url: () => `http://127.0.0.1:${port}/health`,
    port: () => port,
    answer,
    start,
    stop: async () => {
      server?.closeAllConnections()
      await new Promise((resolve) => server?.close(resolve))
    },
  }
}

const policy = { allowLoopback: true }

describe('the state machine', () => {
  const at = (current: StatusComponent['state'], checks: ResultKind[][]) =>
    nextState({ current, failuresToOutage: 3, recoveriesToOperational: 2, checks })

  it('moves to an outage only after N failures in a row, and back only after M passes', () => {
    expect(at('operational', [['down', 'down', 'up']])).toBe('operational')
    expect(at('operational', [['down', 'down', 'down']])).toBe('major_outage')
    expect(at('major_outage', [['up', 'down', 'down']])).toBe('major_outage')
    expect(at('major_outage', [['up', 'up', 'down']])).toBe('operational')
  })

  it('calls it partial when some checks fail, degraded when one is slow', () => {
    expect(at('operational', [['down', 'down', 'down'], ['up']])).toBe('partial_outage')
    expect(
      at('operational', [
        ['slow', 'slow', 'slow'],
        ['up', 'up'],
      ]),
    ).toBe('degraded_performance')
    expect(
      at('degraded_performance', [
        ['up', 'slow', 'slow'],
        ['up', 'up'],
      ]),
    ).toBe('degraded_performance')
  })

  it('leaves maintenance and components without checks alone', () => {
    expect(at('under_maintenance', [['down', 'down', 'down']])).toBe('under_maintenance')
    expect(at('partial_outage', [])).toBe('partial_outage')
  })
})

describe('what the page shows', () => {
  it('colours each day by its uptime and never rounds a failure up to 100%', () => {
    expect([null, 100, 99.95, 99.5, 97, 50].map(dayTone)).toEqual([
      'none',
      'up',
      'up',
      'minor',
      'major',
      'down',
    ])
    expect(formatUptime(99.999)).toBe('99.99%')
    expect(formatUptime(100)).toBe('100%')
    expect(formatUptime(87.5)).toBe('87.5%')
    expect(formatUptime(null)).toBe('No data')
  })

  it('reads 90 UTC days ending today and windows over them', () => {
    const now = new Date('2026-11-30T12:00:00Z')
    const uptime = uptimeOf(
      [
        { day: '2026-11-30', total: 4, ok: 3 },
        { day: '2026-11-24', total: 10, ok: 10 },
        { day: '2026-09-01', total: 2, ok: 0 },
        { day: '2026-08-01', total: 5, ok: 0 },
      ],
      { total: 8, ok: 6 },
      now,
    )
    expect(uptime.days).toHaveLength(90)
    expect(uptime.days[0].day).toBe('2026-09-02')
    expect(uptime.days[89]).toEqual({ day: '2026-11-30', total: 4, ok: 3, uptime: 75 })
    expect(uptime.windows).toEqual({
      '24h': 75,
      '7d': (13 / 14) * 100,
      '30d': (13 / 14) * 100,
      '90d': (13 / 14) * 100,
    })
    expect(uptimeOf([], { total: 0, ok: 0 }, now).windows['90d']).toBeNull()
  })

  it('gives a group its worst state and the page the worst of components and incidents', () => {
    const view = (id: number, group: string | null, state: ComponentView['state']) =>
      ({ id, name: `c${id}`, slug: `c${id}`, group, state }) as ComponentView
    const groups = groupViews([
      view(1, 'API', 'operational'),
      view(2, null, 'operational'),
      view(3, 'API', 'partial_outage'),
    ])
    expect(groups.map((group) => [group.name, group.state, group.components.length])).toEqual([
      ['API', 'partial_outage', 2],
      [null, 'operational', 1],
    ])
    expect(overallStatus(['operational', 'degraded_performance'])).toMatchObject({
      indicator: 'minor',
      description: 'Minor Service Outage',
    })
    expect(overallStatus(['operational'], ['critical']).indicator).toBe('critical')
    expect(overallStatus(['under_maintenance']).description).toBe('Service Under Maintenance')
  })
})

describe('probes', () => {
  it('pass on the expected status and text, fail otherwise, and flag slowness', async () => {
    const service = await fakeService({ status: 200, body: 'all good' })
    const base = { id: 'x', type: 'http' as const, url: service.url(), timeoutMs: 2000 }
    expect(await probeHttp({ ...base, bodyMatch: 'good' }, policy)).toMatchObject({ ok: true })
    expect(await probeHttp({ ...base, bodyMatch: 'great' }, policy)).toMatchObject({
      ok: false,
      error: 'the answer does not contain “great”',
    })
    expect(await probeHttp({ ...base, expectedStatus: 204 }, policy)).toMatchObject({
      ok: false,
      error: 'HTTP 200 (expected 204)',
    })
    service.answer.delayMs = 1500
    expect(await probeHttp({ ...base, timeoutMs: 600 }, policy)).toMatchObject({
      ok: false,
      error: 'no answer within 0.6 s',
    })
    await service.stop()
    expect(await probeHttp(base, policy)).toMatchObject({ ok: false, error: 'connection refused' })
  })

  it('go through the SSRF guard: loopback only when allowed, private ranges never', async () => {
    const service = await fakeService({ status: 200, body: 'ok' })
    const check = { id: 'x', type: 'http' as const, url: service.url(), timeoutMs: 2000 }
    expect((await probeHttp(check, {})).error).toMatch(/refused to connect: .* loopback/)
    expect(
      (await probeHttp({ ...check, url: 'http://169.254.169.254/latest/meta-data' }, policy)).error,
    ).toMatch(/private or reserved/)
    expect(
      (await probeTcp({ id: 'y', type: 'tcp', host: '10.1.2.3', port: 5432 }, policy)).error,
    ).toMatch(/private or reserved/)
    await service.stop()
  })

  it('check that a TCP port accepts connections', async () => {
    const server = net.createServer((socket) => socket.end())
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    const check = { id: 't', type: 'tcp' as const, host: '127.0.0.1', port, timeoutMs: 2000 }
    expect(await probeTcp(check, policy)).toMatchObject({ ok: true })
    await new Promise((resolve) => server.close(resolve))
    expect(await probeTcp(check, policy)).toMatchObject({ ok: false, error: 'connection refused' })
  })
})

const newComponent = (data: Record<string, unknown>) =>
  payload.create({
    collection: 'status-components',
    data: {
      name: unique('Checked'),
      slug: unique('checked'),
      order: 10,
      state: 'operational',
      failuresToOutage: 2,
      recoveriesToOperational: 2,
      ...data,
    } as never,
    overrideAccess: false,
    user: asUser(staff),
  })

describe('saving checks', () => {
  it('refuses targets on private networks, naming the field', async () => {
    expect(
      await rejection(
        newComponent({
          checks: [
            { type: 'http', url: 'http://169.254.169.254/', intervalSeconds: 60, timeoutMs: 1000 },
          ],
        }),
      ),
    ).toMatch(/^checks\.0\.url: 169\.254\.169\.254 leads to a private network/)
    expect(
      await rejection(
        newComponent({
          checks: [
            { type: 'tcp', host: '10.0.0.5', port: 22, intervalSeconds: 60, timeoutMs: 1000 },
          ],
        }),
      ),
    ).toMatch(/^checks\.0\.host: 10\.0\.0\.5 leads to a private network/)
    expect(
      await rejection(
        newComponent({ checks: [{ type: 'internal', intervalSeconds: 60, timeoutMs: 1000 }] }),
      ),
    ).toBe('checks.0.target: Choose which part of the portal to check.')
  })

  it('hides checks from everyone but staff, and members cannot write components', async () => {
    const component = await newComponent({
      checks: [{ type: 'internal', target: 'postgres', intervalSeconds: 3600, timeoutMs: 1000 }],
    })
    const member = await makeUser(['member'])
    const read = await payload.findByID({
      collection: 'status-components',
      id: component.id,
      overrideAccess: false,
      user: asUser(member),
    })
    expect(read.name).toBe(component.name)
    expect(read.checks ?? []).toEqual([])
    const asStaff = await payload.findByID({
      collection: 'status-components',
      id: component.id,
      overrideAccess: false,
      user: asUser(staff),
    })
    expect(asStaff.checks).toHaveLength(1)
    expect(
      await rejection(
        payload.update({
          collection: 'status-components',
          id: component.id,
          data: { state: 'major_outage' },
          overrideAccess: false,
          user: asUser(member),
        }),
      ),
    ).toMatch(/not allowed/i)
  })

  it('takes the state over from the checks when a person sets it', async () => {
    const component = await newComponent({})
    const changed = await payload.update({
      collection: 'status-components',
      id: component.id,
      data: { state: 'degraded_performance' },
      overrideAccess: false,
      user: asUser(staff),
    })
    expect(changed.isManual).toBe(true)
    const released = await payload.update({
      collection: 'status-components',
      id: component.id,
      data: { isManual: false },
      overrideAccess: false,
      user: asUser(staff),
    })
    expect(released.isManual).toBe(false)
  })
})

/** A Payload request from a client address, for the public endpoints. */
async function endpointReq(ip: string, json?: unknown, search = '') {
  const req = (await createLocalReq({}, payload)) as PayloadRequest
  req.headers = new Headers({ 'x-tt-client-ip': ip })
  req.json = async () => json
  Object.defineProperty(req, 'searchParams', { value: new URLSearchParams(search) })
  return req
}

const call = async (
  endpoint: { handler: (req: PayloadRequest) => Promise<Response> | Response },
  req: PayloadRequest,
) => {
  const response = await endpoint.handler(req)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** Subscribes `email` and confirms it through the mailed link. */
async function confirmedSubscriber(email: string, components: number[] = []) {
  const asked = await call(
    subscribeEndpoint,
    await endpointReq('198.51.100.7', { email, components }),
  )
  expect(asked.status).toBe(202)
  const mail = await waitForMail(mailDir(), email, /Confirm/)
  const token = new URL(mail.link as string).searchParams.get('token')
  const confirmed = await call(confirmEndpoint, await endpointReq('198.51.100.7', { token }))
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200)
  return token
}

describe('subscriptions', () => {
  let worker: WorkerHandle
  beforeAll(async () => {
    worker = await startWorker({ concurrency: 2, deliveryConcurrency: 2 })
  })
  afterAll(async () => {
    await worker.stop()
  })

  it('refuse a bad address or an unknown component, naming the field', async () => {
    const bad = await call(subscribeEndpoint, await endpointReq('203.0.113.10', { email: 'nope' }))
    expect(bad.status).toBe(400)
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ field: 'email', message: expect.stringContaining('valid email') }),
    ])
    const unknown = await call(
      subscribeEndpoint,
      await endpointReq('203.0.113.10', { email: 'x@example.test', components: [987654] }),
    )
    expect(unknown).toMatchObject({ status: 400, body: { errors: [{ field: 'components' }] } })
  })

  it('are limited per client address', async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 200) + 20}`
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const answer = await call(
        subscribeEndpoint,
        await endpointReq(ip, { email: `${unique('rate')}@example.test` }),
      )
      statuses.push(answer.status)
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429])
  })

  it('refuse forged, expired and wrong-purpose tokens', async () => {
    const good = statusToken({
      purpose: 'confirm',
      subscriberId: 1,
      components: [],
      expiresAt: Date.now() + 60_000,
    })
    expect(readStatusToken(good, 'confirm')).toMatchObject({ subscriberId: 1 })
    expect(readStatusToken(good, 'unsubscribe')).toBeNull()
    expect(readStatusToken(`${good.split('.')[0]}.AAAA`, 'confirm')).toBeNull()
    expect(readStatusToken(good, 'confirm', Date.now() + 120_000)).toBeNull()
    const forged = await call(confirmEndpoint, await endpointReq('203.0.113.11', { token: 'x.y' }))
    expect(forged).toMatchObject({ status: 400, body: { errors: [{ field: 'token' }] } })
  })

  it('unsubscribe by the signed link, without an account', async () => {
    const email = `${unique('leaver')}@example.test`
    await confirmedSubscriber(email)
    const { docs } = await payload.find({
      collection: 'status-subscribers',
      where: { email: { equals: email } },
      overrideAccess: true,
    })
    expect(docs[0].confirmedAt).toBeTruthy()
    const token = statusToken({ purpose: 'unsubscribe', subscriberId: docs[0].id })
    const answer = await call(
      unsubscribeEndpoint,
      await endpointReq('203.0.113.12', undefined, `token=${token}`),
    )
    expect(answer.status).toBe(200)
    const after = await payload.count({
      collection: 'status-subscribers',
      where: { email: { equals: email } },
      overrideAccess: true,
    })
    expect(after.totalDocs).toBe(0)
  })
})

describe('from failing checks to notices', () => {
  let worker: WorkerHandle | undefined
  afterAll(async () => {
    await worker?.stop()
  })

  it('turns a stopped service into an outage and a draft; staff publish; confirmed subscribers, endpoints and followers hear; recovery heals it', async () => {
    const service = await fakeService({ status: 200, body: 'tracks ok' })
    const component = await newComponent({
      name: unique('Tracks'),
      checks: [
        {
          type: 'http',
          url: service.url(),
          bodyMatch: 'ok',
          intervalSeconds: 3600,
          timeoutMs: 2000,
        },
      ],
    })
    const check = component.checks?.[0]
    const checkId = String(check?.id)
    // The hook queued a run at once; this test runs the checks itself, in order.
    await pool.query('SELECT graphile_worker.remove_job($1)', [
      `status__check:${component.id}:${checkId}`,
    ])
    const deps: RunDeps = { policy, internal: {} as RunDeps['internal'] }
    const run = () => runCheck(withClient, { componentId: component.id, checkId }, deps)

    expect((await run())?.outcome?.state).toBe('operational')
    await service.stop()
    const first = await run()
    expect(first?.result).toMatchObject({ ok: false, error: 'connection refused' })
    expect(first?.outcome?.state).toBe('operational')
    const second = await run()
    expect(second?.outcome).toMatchObject({ previous: 'operational', state: 'major_outage' })
    const draftId = second?.outcome?.draftedIncident as number
    expect(draftId).toBeGreaterThan(0)
    expect((await run())?.outcome?.draftedIncident).toBeUndefined()

    const draft = await payload.findByID({
      collection: 'status-incidents',
      id: draftId,
      overrideAccess: true,
    })
    expect(draft).toMatchObject({ publication: 'draft', source: 'checks', status: 'investigating' })
    // The public update names the component only; the check's address and error are staff's.
    expect(draft.updates?.[0].message).toBe(
      `Automatic checks found ${component.name} failing. We are investigating.`,
    )
    expect(draft.checkReport).toMatch(/127\.0\.0\.1.*failed 2 times in a row: connection refused/)
    const asStaff = await payload.findByID({
      collection: 'status-incidents',
      id: draftId,
      overrideAccess: false,
      user: asUser(staff),
    })
    expect(asStaff.checkReport).toBeTruthy()
    // Nobody outside staff sees a draft.
    const anonymous = await payload.find({
      collection: 'status-incidents',
      where: { id: { equals: draftId } },
      overrideAccess: false,
    })
    expect(anonymous.docs).toEqual([])

    // Later checks are left to this test: no job may run this check meanwhile.
    await payload.update({
      collection: 'status-components',
      id: component.id,
      data: { checks: [{ ...check, enabled: false }] } as never,
      overrideAccess: true,
    })

    // Who hears: a confirmed subscriber of everything, one of another component, an unconfirmed
    // one; an endpoint listing the incident types, one taking "every event"; a follower.
    const other = await newComponent({ name: unique('Other') })
    const everything = `${unique('all')}@example.test`
    const elsewhere = `${unique('elsewhere')}@example.test`
    const pending = `${unique('pending')}@example.test`
    worker = await startWorker({ concurrency: 3, deliveryConcurrency: 2 })
    await confirmedSubscriber(everything)
    await confirmedSubscriber(elsewhere, [other.id])
    // Staff were mailed about the draft (with what the check saw), and /admin counts it.
    const drafted = await waitForMail(mailDir(), staff.email, /Draft incident: .* is failing/)
    expect(drafted.html).toContain(`/admin/collections/status-incidents/${draftId}`)
    expect(drafted.html).toContain('connection refused')
    expect(await draftIncidents(payload, staff)).toBeGreaterThanOrEqual(1)
    expect(
      (await call(subscribeEndpoint, await endpointReq('198.51.100.8', { email: pending }))).status,
    ).toBe(202)

    const received: { path?: string; headers: Record<string, string>; body: string }[] = []
    const hook = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        received.push({
          path: request.url,
          headers: request.headers as Record<string, string>,
          body: Buffer.concat(chunks).toString('utf8'),
        })
        response.writeHead(204).end()
      })
    })
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve))
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/status-hook`
    const integrator = await makeUser(['member'])
    const endpoint = (await payload.create({
      collection: 'webhook-endpoints',
      data: {
        url: hookUrl,
        events: ['incident.created', 'incident.updated', 'incident.resolved'],
      } as never,
      overrideAccess: false,
      user: asUser(integrator),
    })) as unknown as { id: number; secret: string }
    const allEvents = (await payload.create({
      collection: 'webhook-endpoints',
      data: { url: `${hookUrl}/all`, events: [] } as never,
      overrideAccess: false,
      user: asUser(integrator),
    })) as unknown as { id: number }
    // A family takes each of its types.
    const family = (await payload.create({
      collection: 'webhook-endpoints',
      data: { url: `${hookUrl}/family`, events: ['incident.*'] } as never,
      overrideAccess: false,
      user: asUser(integrator),
    })) as unknown as { id: number }

    const follower = await makeUser(['member'])
    const { preferences } = await readPreferences(payload, follower.id)
    preferences.channels['incident.created'] = { inApp: true, email: false, webhook: false }
    await savePreferences(payload, follower.id, preferences)

    // Staff confirm the draft, post an update without notice, then resolve it.
    await payload.update({
      collection: 'status-incidents',
      id: draftId,
      data: { publication: 'published', impact: 'major' },
      overrideAccess: false,
      user: asUser(staff),
    })
    const created = await waitForMail(mailDir(), everything, /\[TuneTrail status\] Incident:/)
    expect(created.html).toContain(`/status/incidents/${draftId}`)
    expect(created.listUnsubscribe).toMatch(/status-subscribers\/unsubscribe\?token=/)

    const published = await payload.findByID({
      collection: 'status-incidents',
      id: draftId,
      overrideAccess: true,
    })
    await payload.update({
      collection: 'status-incidents',
      id: draftId,
      data: {
        updates: [
          ...(published.updates ?? []),
          {
            status: 'identified',
            message: 'A bad deploy; rolling back.',
            notify: false,
            at: new Date().toISOString(),
          },
        ],
      },
      overrideAccess: false,
      user: asUser(staff),
    })
    await service.start()
    const identified = await payload.findByID({
      collection: 'status-incidents',
      id: draftId,
      overrideAccess: true,
    })
    await payload.update({
      collection: 'status-incidents',
      id: draftId,
      data: {
        updates: [
          ...(identified.updates ?? []),
          {
            status: 'resolved',
            message: 'Back to normal.',
            notify: true,
            at: new Date(Date.now() + 1000).toISOString(),
          },
        ],
      },
      overrideAccess: false,
      user: asUser(staff),
    })
    await waitForMail(mailDir(), everything, /\[TuneTrail status\] Resolved:/)

    // Every event reached the endpoint that lists them, signed; the "every event" one got none.
    const bodies = await waitFor(async () => {
      const listed = received.filter((delivery) => delivery.path === '/status-hook')
      return listed.length >= 3 ? listed : undefined
    })
    const events = bodies.map((delivery) => {
      const verified = new Webhook(endpoint.secret).verify(delivery.body, {
        'webhook-id': delivery.headers['webhook-id'],
        'webhook-timestamp': delivery.headers['webhook-timestamp'],
        'webhook-signature': delivery.headers['webhook-signature'],
      }) as { event: string; data: { status: string; components: { id: number }[] } }
      return [verified.event, verified.data.status, verified.data.components.map((c) => c.id)]
    })
    expect(events.sort()).toEqual([
      ['incident.created', 'investigating', [component.id]],
      ['incident.resolved', 'resolved', [component.id]],
      ['incident.updated', 'identified', [component.id]],
    ])
    const { rows: others } = await pool.query(
      'SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1',
      [allEvents.id],
    )
    expect(others[0].n).toBe(0)
    const { rows: familyTypes } = await pool.query(
      'SELECT event_type FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY event_type',
      [family.id],
    )
    expect(familyTypes.map((row) => row.event_type)).toEqual([
      'incident.created',
      'incident.resolved',
      'incident.updated',
    ])

    // Mail: the "notify" updates only, to the confirmed subscriber of everything only.
    const { rows: sent } = await pool.query(
      `SELECT DISTINCT ev.type FROM webhook_events ev
        WHERE ev.type LIKE 'incident.%' AND (ev.data->>'incident_id')::int = $1`,
      [draftId],
    )
    expect(sent.map((row) => row.type).sort()).toEqual([
      'incident.created',
      'incident.resolved',
      'incident.updated',
    ])
    await expect(waitForMail(mailDir(), pending, /\[TuneTrail status\]/, 1500)).rejects.toThrow()
    await expect(waitForMail(mailDir(), elsewhere, /\[TuneTrail status\]/, 500)).rejects.toThrow()
    await expect(
      waitForMail(mailDir(), everything, /\[TuneTrail status\] Identified:/, 500),
    ).rejects.toThrow()

    // The follower has it in the portal.
    const notification = await waitFor(async () => {
      const { rows } = await pool.query(
        `SELECT title, link FROM notifications WHERE recipient_id = $1 AND type = 'incident.created'`,
        [follower.id],
      )
      return rows[0]
    })
    expect(notification.link).toBe(`/status/incidents/${draftId}`)

    // The service is back: two passes and the component is operational.
    await worker.stop()
    worker = undefined
    await payload.update({
      collection: 'status-components',
      id: component.id,
      data: { checks: [{ ...check, enabled: true }] } as never,
      overrideAccess: true,
    })
    await pool.query('SELECT graphile_worker.remove_job($1)', [
      `status__check:${component.id}:${checkId}`,
    ])
    expect((await run())?.outcome?.state).toBe('major_outage')
    expect((await run())?.outcome).toMatchObject({ previous: 'major_outage', state: 'operational' })
    await pool.query('SELECT graphile_worker.remove_job($1)', [
      `status__check:${component.id}:${checkId}`,
    ])

    // Uptime is exactly the stored results: 1 pass, 3 failures, 2 passes today.
    const uptime = (await readUptime(pool, [component.id]))[component.id]
    expect(uptime.days[89]).toEqual({ day: utcDay(new Date()), total: 6, ok: 3, uptime: 50 })
    expect(uptime.windows).toEqual({ '24h': 50, '7d': 50, '30d': 50, '90d': 50 })
    expect(uptime.days.slice(0, 89).every((day) => day.uptime === null)).toBe(true)
    await new Promise((resolve) => hook.close(resolve))
    await service.stop()
  })

  it('resolves its own unpublished draft when the checks pass again', async () => {
    const service = await fakeService({ status: 200, body: 'ok' })
    const component = await newComponent({
      checks: [{ type: 'http', url: service.url(), intervalSeconds: 3600, timeoutMs: 2000 }],
    })
    const checkId = String(component.checks?.[0].id)
    await pool.query('SELECT graphile_worker.remove_job($1)', [
      `status__check:${component.id}:${checkId}`,
    ])
    const run = () =>
      runCheck(
        withClient,
        { componentId: component.id, checkId },
        { policy, internal: {} as RunDeps['internal'] },
      )
    await service.stop()
    await run()
    const drafted = (await run())?.outcome?.draftedIncident as number
    await service.start()
    await run()
    expect((await run())?.outcome?.resolvedDrafts).toEqual([drafted])
    const draft = await payload.findByID({
      collection: 'status-incidents',
      id: drafted,
      overrideAccess: true,
    })
    expect(draft).toMatchObject({ publication: 'draft', status: 'resolved' })
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM webhook_events WHERE data->>'incident_id' = $1`,
      [String(drafted)],
    )
    expect(rows[0].n).toBe(0)
    await pool.query('SELECT graphile_worker.remove_job($1)', [
      `status__check:${component.id}:${checkId}`,
    ])
    await service.stop()
  })
})

describe('maintenance', () => {
  it('starts and completes on schedule with its notices, and shows its components under maintenance', async () => {
    const component = await newComponent({ name: unique('Training') })
    const start = new Date(Date.now() - 60_000)
    const maintenance = await payload.create({
      collection: 'status-maintenances',
      data: {
        title: unique('Database upgrade'),
        components: [component.id],
        scheduledStart: start.toISOString(),
        scheduledEnd: new Date(Date.now() + 3600_000).toISOString(),
        status: 'scheduled',
      },
      overrideAccess: false,
      user: asUser(staff),
    })
    expect(maintenance.status).toBe('scheduled')
    await advanceMaintenances(withClient)
    const started = await payload.findByID({
      collection: 'status-maintenances',
      id: maintenance.id,
      overrideAccess: true,
    })
    expect(started.status).toBe('in_progress')
    const snapshot = await readStatusSnapshot(payload)
    expect(snapshot.components.find((c) => c.id === component.id)?.state).toBe('under_maintenance')
    expect(snapshot.activeMaintenances.map((m) => m.id)).toContain(maintenance.id)

    await pool.query(
      `UPDATE status_maintenances SET scheduled_end = now() - interval '1 second' WHERE id = $1`,
      [maintenance.id],
    )
    await advanceMaintenances(withClient)
    const { rows } = await pool.query(
      `SELECT type FROM webhook_events WHERE data->>'maintenance_id' = $1::text ORDER BY id`,
      [maintenance.id],
    )
    expect(rows.map((row) => row.type)).toEqual([
      'maintenance.scheduled',
      'maintenance.started',
      'maintenance.completed',
    ])
    const after = await readStatusSnapshot(payload)
    expect(after.components.find((c) => c.id === component.id)?.state).toBe('operational')
  })

  it('refuses a window that ends before it starts', async () => {
    const component = await newComponent({})
    expect(
      await rejection(
        payload.create({
          collection: 'status-maintenances',
          data: {
            title: 'Backwards',
            components: [component.id],
            scheduledStart: '2026-12-02T03:00:00Z',
            scheduledEnd: '2026-12-02T02:00:00Z',
            status: 'scheduled',
          },
          overrideAccess: false,
          user: asUser(staff),
        }),
      ),
    ).toBe('scheduledEnd: The end must come after the start.')
  })
})

describe('pruning', () => {
  it('drops results older than the page shows and subscriptions never confirmed in time', async () => {
    const component = await newComponent({})
    await pool.query(
      `INSERT INTO status_checks (component_id, check_id, checked_at, ok)
       VALUES ($1, 'old', now() - interval '100 days', true), ($1, 'new', now(), true)`,
      [component.id],
    )
    const stale = await payload.create({
      collection: 'status-subscribers',
      data: { email: `${unique('stale')}@example.test` },
      overrideAccess: true,
    })
    const kept = await payload.create({
      collection: 'status-subscribers',
      data: { email: `${unique('kept')}@example.test`, confirmedAt: new Date().toISOString() },
      overrideAccess: true,
    })
    await pool.query(
      `UPDATE status_subscribers SET created_at = now() - interval '9 days' WHERE id = ANY($1)`,
      [[stale.id, kept.id]],
    )
    await pruneCheckResults(withClient)
    const { rows } = await pool.query(
      'SELECT check_id FROM status_checks WHERE component_id = $1',
      [component.id],
    )
    expect(rows.map((row) => row.check_id)).toEqual(['new'])
    const { rows: left } = await pool.query(
      'SELECT id FROM status_subscribers WHERE id = ANY($1) ORDER BY id',
      [[stale.id, kept.id]],
    )
    expect(left.map((row) => row.id)).toEqual([kept.id])
  })
})
