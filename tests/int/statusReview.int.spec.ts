import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { confirmEndpoint, subscribeEndpoint } from '@collections/StatusSubscribers/endpoints'
import { publicIncidentsBetween } from '@/data/status'
import { env, setEnv } from '@/lib/env'
import { overallBadge } from '@/lib/status/badge'
import { publishMaintenanceEvent } from '@/lib/status/events'
import { subscribersFor } from '@/lib/status/notices'
import {
  monthRange,
  readFirstIncidentMonth,
  readMaintenance,
  readStatusSnapshot,
} from '@/lib/status/read'
import { recordResult } from '@/lib/status/run'
import { groupId } from '@/lib/status/statuspage'
import { confirmSubscription } from '@/lib/status/subscriptions'
import { enqueueOn } from '@/lib/queue'
import { statusToken } from '@/lib/status/tokens'
import { verifierProbe } from '@/lib/status/verifierProbe'
import type { StatusComponent, User } from '@/payload-types'
import { startWorker } from '@/worker'

import { asUser, makeUser, rejection, testPayload, unique } from '../helpers/payload'
import { waitForMail } from '../helpers/smtp'
import { waitFor } from '../helpers/waitFor'

// Defects an attacker's and a newcomer's review of the status page found, each shown here.

let payload: Payload
let pool: pg.Pool
let staff: User
const startedAt = new Date().toISOString()

beforeAll(async () => {
  payload = await testPayload()
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 5 })
  staff = await makeUser(['staff'])
})
// Other files share this database and read the whole page: leave nothing open behind.
afterAll(async () => {
  for (const collection of [
    'status-incidents',
    'status-maintenances',
    'status-components',
  ] as const) {
    await payload.delete({
      collection,
      where: { createdAt: { greater_than_equal: startedAt } },
      overrideAccess: true,
    })
  }
  await pool.end()
})

const component = (data: Partial<StatusComponent> = {}) =>
  payload.create({
    collection: 'status-components',
    data: {
      name: unique('Part'),
      slug: unique('part'),
      order: 50,
      state: 'operational',
      isPublic: true,
      failuresToOutage: 2,
      recoveriesToOperational: 2,
      ...data,
    } as never,
    overrideAccess: false,
    user: asUser(staff),
  })

const hour = 3600_000

async function eventsAbout(key: 'maintenance_id' | 'incident_id', id: number) {
  const { rows } = await pool.query<{ type: string }>(
    `SELECT type FROM webhook_events WHERE (data->>'${key}')::int = $1 ORDER BY id`,
    [id],
  )
  return rows.map((row) => row.type)
}

describe('a save in /admin', () => {
  it('keeps the state the checks set after the form was opened, and does not take it over', async () => {
    const part = await component()
    const loaded = await payload.findByID({
      collection: 'status-components',
      id: part.id,
      overrideAccess: false,
      user: asUser(staff),
    })
    expect(loaded.stateAsLoaded).toBe('operational')
    // The worker moves it meanwhile (straight in the database).
    await pool.query(`UPDATE status_components SET state = 'major_outage' WHERE id = $1`, [part.id])
    const saved = await payload.update({
      collection: 'status-components',
      id: part.id,
      data: { ...loaded, description: 'Edited while it broke' },
      overrideAccess: false,
      user: asUser(staff),
    })
    expect(saved).toMatchObject({ state: 'major_outage', isManual: false })
  })

  it('refuses a state set by hand over one the checks changed since, naming the field', async () => {
    const part = await component()
    const loaded = await payload.findByID({
      collection: 'status-components',
      id: part.id,
      overrideAccess: false,
      user: asUser(staff),
    })
    await pool.query(`UPDATE status_components SET state = 'major_outage' WHERE id = $1`, [part.id])
    const problem = await rejection(
      payload.update({
        collection: 'status-components',
        id: part.id,
        data: { ...loaded, state: 'degraded_performance' },
        overrideAccess: false,
        user: asUser(staff),
      }),
    )
    expect(problem).toMatch(/^state: The checks changed the state to "Major outage"/)
  })

  it('still takes over a state set by hand through the API (no form)', async () => {
    const part = await component()
    const saved = await payload.update({
      collection: 'status-components',
      id: part.id,
      data: { state: 'partial_outage' },
      overrideAccess: false,
      user: asUser(staff),
    })
    expect(saved).toMatchObject({ state: 'partial_outage', isManual: true })
  })
})

describe('non-public components', () => {
  it('make maintenance of them alone internal: no event, not listed, not on the page', async () => {
    const hidden = await component({ isPublic: false })
    const start = new Date(Date.now() + 2 * hour).toISOString()
    const end = new Date(Date.now() + 3 * hour).toISOString()
    const internal = await payload.create({
      collection: 'status-maintenances',
      data: {
        title: unique('Rotate internal certificates'),
        components: [hidden.id],
        scheduledStart: start,
        scheduledEnd: end,
      } as never,
      overrideAccess: false,
      user: asUser(staff),
    })
    expect(await eventsAbout('maintenance_id', internal.id)).toEqual([])
    const anonymous = await payload.find({
      collection: 'status-maintenances',
      where: { id: { equals: internal.id } },
      overrideAccess: false,
    })
    expect(anonymous.docs).toEqual([])
    const member = await makeUser(['member'])
    const asMember = await payload.find({
      collection: 'status-maintenances',
      where: { id: { equals: internal.id } },
      overrideAccess: false,
      user: asUser(member),
    })
    expect(asMember.docs).toEqual([])
    const snapshot = await readStatusSnapshot(payload)
    expect(snapshot.upcomingMaintenances.map((m) => m.id)).not.toContain(internal.id)

    // One public component among them: public, and the event names only that one.
    const shown = await component()
    const mixed = await payload.create({
      collection: 'status-maintenances',
      data: {
        title: unique('Database upgrade'),
        components: [hidden.id, shown.id],
        scheduledStart: start,
        scheduledEnd: end,
      } as never,
      overrideAccess: false,
      user: asUser(staff),
    })
    expect(await eventsAbout('maintenance_id', mixed.id)).toEqual(['maintenance.scheduled'])
    const { rows } = await pool.query<{ data: { components: { id: number }[] } }>(
      `SELECT data FROM webhook_events WHERE data->>'maintenance_id' = $1::text`,
      [mixed.id],
    )
    expect(rows[0].data.components.map((c) => c.id)).toEqual([shown.id])
    // Its link is a page of its own, which lasts after it completes; the internal one has none.
    expect((rows[0].data as unknown as { url: string }).url).toMatch(
      new RegExp(`/status/maintenances/${mixed.id}$`),
    )
    expect((await readMaintenance(payload, mixed.id))?.components.map((c) => c.id)).toEqual([
      shown.id,
    ])
    expect(await readMaintenance(payload, internal.id)).toBeNull()
    const listed = await payload.find({
      collection: 'status-maintenances',
      where: { id: { equals: mixed.id } },
      overrideAccess: false,
    })
    expect(listed.docs.map((doc) => doc.id)).toEqual([mixed.id])
  })

  it('make an incident of them alone internal, while one naming no component stays public', async () => {
    const hidden = await component({ isPublic: false })
    const create = (components: number[]) =>
      payload.create({
        collection: 'status-incidents',
        data: {
          title: unique('Queue backlog'),
          impact: 'minor',
          publication: 'published',
          components: components.map((id) => ({ component: id, state: 'degraded_performance' })),
          updates: [{ status: 'investigating', message: 'Looking.', at: new Date().toISOString() }],
        } as never,
        overrideAccess: false,
        user: asUser(staff),
      })
    const internal = await create([hidden.id])
    const general = await create([])
    expect(await eventsAbout('incident_id', internal.id)).toEqual([])
    expect(await eventsAbout('incident_id', general.id)).toEqual(['incident.created'])
    const anonymous = await payload.find({
      collection: 'status-incidents',
      where: { id: { in: [internal.id, general.id] } },
      overrideAccess: false,
    })
    expect(anonymous.docs.map((doc) => doc.id)).toEqual([general.id])
    const snapshot = await readStatusSnapshot(payload)
    const open = snapshot.activeIncidents.map((incident) => incident.id)
    expect(open).toContain(general.id)
    expect(open).not.toContain(internal.id)
    // Nor do members' analytics charts mark it.
    const marked = (
      await publicIncidentsBetween(new Date(Date.now() - hour), new Date(Date.now() + hour))
    ).map((incident) => incident.id)
    expect(marked).toContain(general.id)
    expect(marked).not.toContain(internal.id)
  })
})

describe('what the page says during an incident', () => {
  it('shows the states an open incident gives its unchecked components, and the badge follows status.json', async () => {
    const part = await component()
    const incident = await payload.create({
      collection: 'status-incidents',
      data: {
        title: unique('Recommendations down'),
        impact: 'critical',
        publication: 'published',
        components: [{ component: part.id, state: 'major_outage' }],
        updates: [{ status: 'identified', message: 'Bad deploy.', at: new Date().toISOString() }],
      } as never,
      overrideAccess: false,
      user: asUser(staff),
    })
    const snapshot = await readStatusSnapshot(payload)
    expect(snapshot.components.find((c) => c.id === part.id)?.state).toBe('major_outage')
    expect(snapshot.overall.indicator).toBe('critical')
    expect(overallBadge(snapshot.overall)).toEqual({
      state: 'major_outage',
      message: 'major outage',
    })
    expect(
      overallBadge({ indicator: 'major', description: '', state: 'operational' }),
    ).toMatchObject({ state: 'partial_outage' })
    // Resolved, the component is back to its own state.
    await payload.update({
      collection: 'status-incidents',
      id: incident.id,
      data: {
        updates: [
          ...(incident.updates ?? []),
          { status: 'resolved', message: 'Rolled back.', at: new Date().toISOString() },
        ],
      } as never,
      overrideAccess: false,
      user: asUser(staff),
    })
    const after = await readStatusSnapshot(payload)
    expect(after.components.find((c) => c.id === part.id)?.state).toBe('operational')
  })
})

describe('checks', () => {
  it('count a check that has not run yet: one failing check of two is a partial outage', async () => {
    // A staff address Payload takes but the mail schema refuses must not undo the result.
    await makeUser(['staff'], { email: `ops/${unique('oncall')}@example.test`.toLowerCase() })
    const part = await component({
      checks: [
        { type: 'tcp', host: '127.0.0.1', port: 9, intervalSeconds: 3600, timeoutMs: 500 },
        { type: 'tcp', host: '127.0.0.1', port: 10, intervalSeconds: 3600, timeoutMs: 500 },
      ],
    } as never)
    const [first] = part.checks ?? []
    const client = await pool.connect()
    try {
      const check = { id: String(first.id), type: 'tcp' as const, host: '127.0.0.1', port: 9 }
      const down = { ok: false, latencyMs: 1, error: 'connection refused' }
      await recordResult(client, part.id, check, down)
      const outcome = await recordResult(client, part.id, check, down)
      expect(outcome?.state).toBe('partial_outage')
      expect(outcome?.draftedIncident).toBeGreaterThan(0)
    } finally {
      client.release()
    }
  })
})

describe('the worker', () => {
  it('sends mail while a check hangs on its target, even with one slot for everything else', async () => {
    let isAsked = false
    const hanging = createServer(() => {
      isAsked = true // and never answers
    })
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve))
    const worker = await startWorker({ concurrency: 1, deliveryConcurrency: 1 })
    try {
      const part = await component({
        checks: [
          {
            type: 'http',
            url: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/health`,
            intervalSeconds: 3600,
            timeoutMs: 20_000,
          },
        ],
      } as never)
      // The check is in flight (its target was asked) …
      await waitFor(async () => (isAsked ? true : undefined))
      const to = `${unique('oncall')}@example.test`.toLowerCase()
      await enqueueOn(pool, 'mail__send', [{ to, subject: 'Incident notice', html: '<p>x</p>' }])
      // … and the mail goes out before it ends: nothing recorded for the check yet.
      await waitForMail(process.env.TEST_MAIL_DIR as string, to, /Incident notice/)
      const { rows } = await pool.query(
        'SELECT count(*)::int AS n FROM status_checks WHERE component_id = $1',
        [part.id],
      )
      expect(rows[0].n).toBe(0)
    } finally {
      hanging.closeAllConnections()
      hanging.close()
      await worker.stop()
    }
  }, 40_000)
})

describe('the verifier check', () => {
  it('reaches a verifier that runs apart at VERIFIER_URL', async () => {
    const server = createServer((request, response) => {
      response.writeHead(request.url === '/health' ? 200 : 404, {
        'content-type': 'application/json',
      })
      response.end(JSON.stringify({ status: 'ok', redis: 'ok' }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      setEnv('VERIFIER_URL', `http://127.0.0.1:${(server.address() as AddressInfo).port}`)
      expect(await verifierProbe()).toBe('redis ok')
    } finally {
      delete process.env.VERIFIER_URL
      setEnv('VERIFIER_PORT', String(env().VERIFIER_PORT))
      server.close()
    }
  })
})

describe('checks that stopped', () => {
  it('are shown as such: the last state is not presented as current', async () => {
    const part = await component({
      checks: [{ type: 'tcp', host: '127.0.0.1', port: 9, intervalSeconds: 60, timeoutMs: 500 }],
    } as never)
    const checkId = String(part.checks?.[0].id)
    const record = (minutesAgo: number) =>
      pool.query(
        `INSERT INTO status_checks (component_id, check_id, checked_at, ok, is_degraded, latency_ms)
         VALUES ($1, $2, now() - make_interval(mins => $3), true, false, 5)`,
        [part.id, checkId, minutesAgo],
      )
    await record(30)
    const shown = async () =>
      (await readStatusSnapshot(payload)).components.find((c) => c.id === part.id)
    const quiet = await shown()
    expect(quiet?.isStale).toBe(true)
    expect(Date.parse(quiet?.lastCheckedAt as string)).toBeLessThan(Date.now() - 29 * 60_000)
    await record(0)
    expect(await shown()).toMatchObject({ isStale: false, lastCheckedAt: null })
  })
})

describe('history and JSON details', () => {
  it('refuses two-digit years, and reaches maintenance older than every incident', async () => {
    expect(monthRange('0050-03')).toBeNull()
    expect(monthRange('2026-03')?.from.toISOString()).toBe('2026-03-01T00:00:00.000Z')
    const part = await component()
    await payload.create({
      collection: 'status-maintenances',
      data: {
        title: unique('Datacentre move'),
        components: [part.id],
        scheduledStart: '2001-02-03T10:00:00.000Z',
        scheduledEnd: '2001-02-03T12:00:00.000Z',
        status: 'completed',
        notify: false,
      } as never,
      overrideAccess: false,
      user: asUser(staff),
    })
    expect(await readFirstIncidentMonth(payload)).toBe('2001-02')
  })

  it('lets staff delete a component incidents and maintenance name; nobody is told of the orphan', async () => {
    const part = await component()
    const named = await payload.create({
      collection: 'status-incidents',
      data: {
        title: unique('Old outage'),
        impact: 'minor',
        publication: 'published',
        components: [{ component: part.id, state: 'partial_outage' }],
        updates: [{ status: 'resolved', message: 'Fixed.', at: new Date().toISOString() }],
      } as never,
      overrideAccess: false,
      user: asUser(staff),
    })
    const planned = await payload.create({
      collection: 'status-maintenances',
      data: {
        title: unique('Retire the part'),
        components: [part.id],
        scheduledStart: new Date(Date.now() + hour).toISOString(),
        scheduledEnd: new Date(Date.now() + 2 * hour).toISOString(),
        notify: true,
      } as never,
      overrideAccess: false,
      user: asUser(staff),
    })
    await payload.delete({
      collection: 'status-components',
      id: part.id,
      overrideAccess: false,
      user: asUser(staff),
    })
    const kept = await payload.findByID({
      collection: 'status-incidents',
      id: named.id,
      overrideAccess: true,
    })
    expect(kept.components).toEqual([])
    // The maintenance names nothing now: the worker completing it tells nobody.
    const after = await payload.findByID({
      collection: 'status-maintenances',
      id: planned.id,
      overrideAccess: true,
      depth: 0,
    })
    expect(after.components).toEqual([])
    const published = await publishMaintenanceEvent(pool, 'maintenance.completed', {
      id: planned.id,
      title: after.title,
      description: '',
      status: 'completed',
      notify: true,
      scheduledStart: after.scheduledStart,
      scheduledEnd: after.scheduledEnd,
      componentIds: [],
    })
    expect(published).toBeNull()
    expect(await eventsAbout('maintenance_id', planned.id)).toEqual(['maintenance.scheduled'])
  })

  it('gives groups whose names differ only in case, or slugify away, their own ids', () => {
    const ids = ['API', 'api', 'Ядро', 'Сеть'].map(groupId)
    expect(new Set(ids).size).toBe(4)
    expect(groupId('API')).toBe(groupId('API'))
  })
})

/** A Payload request from a client address, for the public endpoints. */
async function endpointReq(ip: string, json?: unknown) {
  const req = (await createLocalReq({}, payload)) as PayloadRequest
  req.headers = new Headers({ 'x-tt-client-ip': ip })
  req.json = async () => json
  return req
}

const call = async (
  endpoint: { handler: (req: PayloadRequest) => Promise<Response> | Response },
  req: PayloadRequest,
) => {
  const response = await endpoint.handler(req)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('subscriptions', () => {
  it('answer an out-of-range component id with a 400 naming it', async () => {
    const answer = await call(
      subscribeEndpoint,
      await endpointReq('198.51.100.61', {
        email: 'range@example.test',
        components: [99999999999],
      }),
    )
    expect(answer.status).toBe(400)
    expect(JSON.stringify(answer.body)).toMatch(/components/)
  })

  it('take two requests for one new address at once', async () => {
    const email = `${unique('race')}@example.test`.toLowerCase()
    const answers = await Promise.all([
      call(subscribeEndpoint, await endpointReq('198.51.100.62', { email })),
      call(subscribeEndpoint, await endpointReq('198.51.100.63', { email })),
    ])
    expect(answers.map((answer) => answer.status)).toEqual([202, 202])
    const { rows } = await pool.query('SELECT id FROM status_subscribers WHERE email = $1', [email])
    expect(rows).toHaveLength(1)
  })

  it('of some components never widen to every component when those components go', async () => {
    const [chosen, other] = [await component(), await component()]
    const email = `${unique('some')}@example.test`.toLowerCase()
    const asked = await call(
      subscribeEndpoint,
      await endpointReq('198.51.100.64', { email, components: [chosen.id] }),
    )
    expect(asked.status).toBe(202)
    const { rows } = await pool.query<{ id: number }>(
      'SELECT id FROM status_subscribers WHERE email = $1',
      [email],
    )
    const subscriberId = rows[0].id
    const token = (components: number[]) =>
      statusToken({
        purpose: 'confirm',
        subscriberId,
        components,
        expiresAt: Date.now() + hour,
      })
    const confirmed = await call(
      confirmEndpoint,
      await endpointReq('198.51.100.64', { token: token([chosen.id]) }),
    )
    expect(confirmed.status).toBe(200)
    const aboutOther = {
      id: 1,
      type: 'incident.created',
      data: { components: [{ id: other.id }] },
    } as never
    const wanted = async () =>
      (await subscribersFor(pool, aboutOther)).some((each) => each.id === subscriberId)
    expect(await wanted()).toBe(false)
    // The chosen component is deleted: the subscription does not become "everything".
    await payload.delete({
      collection: 'status-components',
      id: chosen.id,
      overrideAccess: false,
      user: asUser(staff),
    })
    expect(await wanted()).toBe(false)

    // A link whose components all left the page confirms nothing, and says so.
    const hidden = await component()
    await payload.update({
      collection: 'status-components',
      id: hidden.id,
      data: { isPublic: false },
      overrideAccess: false,
      user: asUser(staff),
    })
    const stale = await call(
      confirmEndpoint,
      await endpointReq('198.51.100.64', { token: token([hidden.id]) }),
    )
    expect(stale.status).toBe(409)
    expect(JSON.stringify(stale.body)).toMatch(/no longer on the status page/)
    const direct = await confirmSubscription(payload, {
      purpose: 'confirm',
      subscriberId,
      components: [hidden.id],
      expiresAt: Date.now() + hour,
    })
    expect(direct?.isConfirmed).toBe(false)
  })
})
