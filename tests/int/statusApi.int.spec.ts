import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { followEndpoint, followStateEndpoint } from '@collections/StatusComponents/endpoints'
import { badgeSvg } from '@/lib/status/badge'
import { statusFeed } from '@/lib/status/feed'
import { isFollowing } from '@/lib/status/follow'
import {
  readIncidentsInMonths,
  readPublishedIncident,
  readRecentIncidents,
  readRecentMaintenances,
  readStatusSnapshot,
} from '@/lib/status/read'
import { v2Document, V2_PATHS } from '@/lib/status/statuspage'
import type { StatusComponent, User } from '@/payload-types'

import { asUser, makeUser, testPayload, unique } from '../helpers/payload'
import { statuspageErrors } from '../helpers/statuspage'

let payload: Payload
let staff: User

const component = (name: string, extra: Partial<StatusComponent> = {}) =>
  payload.create({
    collection: 'status-components',
    data: {
      name,
      slug: unique('api').toLowerCase(),
      order: 5,
      state: 'operational',
      failuresToOutage: 3,
      recoveriesToOperational: 2,
      ...extra,
    },
    overrideAccess: false,
    user: asUser(staff),
  })

let group: string
let ids: Record<string, number>
let incidents: Record<string, number>

beforeAll(async () => {
  payload = await testPayload()
  staff = await makeUser(['staff'])
  group = unique('Group')
  const [first, second, alone, hidden] = await Promise.all([
    component(unique('Grouped one'), { group, state: 'degraded_performance' }),
    component(unique('Grouped two'), { group }),
    component(unique('Alone')),
    component(unique('Secret replica'), { isPublic: false }),
  ])
  ids = { first: first.id, second: second.id, alone: alone.id, hidden: hidden.id }
  const incident = (title: string, data: Record<string, unknown>) =>
    payload.create({
      collection: 'status-incidents',
      data: { title, impact: 'major', startedAt: new Date().toISOString(), ...data } as never,
      overrideAccess: false,
      user: asUser(staff),
    })
  const now = Date.now()
  const open = await incident(unique('Open incident'), {
    components: [
      { component: first.id, state: 'degraded_performance' },
      { component: hidden.id, state: 'major_outage' },
    ],
    updates: [
      { status: 'investigating', at: new Date(now - 600_000).toISOString(), message: 'Looking' },
      { status: 'monitoring', at: new Date(now - 60_000).toISOString(), message: 'Watching' },
    ],
  })
  const resolved = await incident(unique('Resolved incident'), {
    impact: 'minor',
    updates: [
      { status: 'investigating', at: new Date(now - 7200_000).toISOString(), message: 'Slow' },
      { status: 'resolved', at: new Date(now - 3600_000).toISOString(), message: 'Fixed' },
    ],
  })
  const draft = await incident(unique('Draft incident'), {
    publication: 'draft',
    updates: [{ status: 'investigating', message: 'Not yet public' }],
  })
  incidents = { open: open.id, resolved: resolved.id, draft: draft.id }
  const maintenance = (title: string, data: Record<string, unknown>) =>
    payload.create({
      collection: 'status-maintenances',
      data: { title, components: [alone.id], ...data } as never,
      overrideAccess: false,
      user: asUser(staff),
    })
  await maintenance(unique('Upcoming work'), {
    scheduledStart: new Date(now + 86_400_000).toISOString(),
    scheduledEnd: new Date(now + 90_000_000).toISOString(),
  })
  await maintenance(unique('Work under way'), {
    status: 'in_progress',
    scheduledStart: new Date(now - 600_000).toISOString(),
    scheduledEnd: new Date(now + 3600_000).toISOString(),
  })
})

describe('the Statuspage v2 JSON', () => {
  it('validates every document against schemas written from Statuspage’s shapes', async () => {
    const snapshot = await readStatusSnapshot(payload)
    const recent = {
      incidents: await readRecentIncidents(payload),
      maintenances: await readRecentMaintenances(payload),
    }
    for (const path of V2_PATHS) {
      const body = JSON.parse(JSON.stringify(v2Document(path, snapshot, recent)))
      expect(statuspageErrors(path, body), path).toEqual([])
    }
    // The schemas can fail: a made-up indicator and a page without its fields do.
    const wrong = { page: { id: 'x' }, status: { indicator: 'green', description: 'ok' } }
    expect(statuspageErrors('status.json', wrong).length).toBeGreaterThan(0)
  })

  it('says the worst state, groups components, and never names a private component or a draft', async () => {
    const snapshot = await readStatusSnapshot(payload)
    const recent = {
      incidents: await readRecentIncidents(payload),
      maintenances: await readRecentMaintenances(payload),
    }
    const summary = v2Document('summary.json', snapshot, recent) as {
      status: { indicator: string }
      components: {
        id: string
        group: boolean
        name: string
        status: string
        components?: string[]
      }[]
      incidents: { id: string; status: string }[]
      scheduled_maintenances: { name: string; status: string }[]
    }
    // An open major incident makes it major, whatever the components say.
    expect(summary.status.indicator).toBe('major')
    const grouped = summary.components.find((c) => c.group && c.name === group)
    expect(grouped).toMatchObject({
      status: 'degraded_performance',
      components: [String(ids.first), String(ids.second)],
    })
    // Maintenance under way shows its component under maintenance.
    expect(summary.components.find((c) => c.id === String(ids.alone))?.status).toBe(
      'under_maintenance',
    )
    expect(summary.incidents.map((i) => i.id)).toContain(String(incidents.open))
    expect(summary.incidents.map((i) => i.id)).not.toContain(String(incidents.resolved))
    const everything = JSON.stringify(V2_PATHS.map((path) => v2Document(path, snapshot, recent)))
    expect(everything).not.toContain('Secret replica')
    // Statuspage's component objects (they carry group_id), wherever the documents nest them.
    const componentIds: string[] = []
    JSON.parse(everything, (key, value) => {
      if (value && typeof value === 'object' && 'group_id' in value) componentIds.push(value.id)
      return value
    })
    expect(componentIds.length).toBeGreaterThan(0)
    expect(componentIds).not.toContain(String(ids.hidden))
    expect(everything).not.toContain('Draft incident')
    const upcoming = v2Document('scheduled-maintenances/upcoming.json', snapshot, recent) as {
      scheduled_maintenances: { status: string }[]
    }
    expect(new Set(upcoming.scheduled_maintenances.map((m) => m.status))).toEqual(
      new Set(['scheduled']),
    )
  })

  it('shows a published incident alone, and no draft', async () => {
    const page = await readPublishedIncident(payload, incidents.open)
    expect(page?.incident.updates.map((update) => update.status)).toEqual([
      'monitoring',
      'investigating',
    ])
    expect(page?.incident.components.map((c) => c.id)).toEqual([ids.first])
    expect(await readPublishedIncident(payload, incidents.draft)).toBeNull()
    const month = new Date().toISOString().slice(0, 7)
    const history = await readIncidentsInMonths(payload, [month])
    expect(history[month].map((incident) => incident.id)).toEqual(
      expect.arrayContaining([incidents.open, incidents.resolved]),
    )
    expect(history[month].map((incident) => incident.id)).not.toContain(incidents.draft)
  })
})

describe('feeds and badges', () => {
  it('builds RSS 2.0 and Atom 1.0 with one entry per incident and maintenance', async () => {
    const recentIncidents = await readRecentIncidents(payload)
    const recentMaintenances = await readRecentMaintenances(payload)
    const feed = statusFeed(recentIncidents, recentMaintenances, new Date().toISOString())
    const rss = feed.rss2()
    const atom = feed.atom1()
    expect(rss).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\s*<rss version="2\.0"/)
    expect(atom).toMatch(/<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/)
    const entries = recentIncidents.length + recentMaintenances.length
    expect(rss.match(/<item>/g)).toHaveLength(entries)
    expect(atom.match(/<entry>/g)).toHaveLength(entries)
    expect(rss).toContain(`/status/incidents/${incidents.open}</link>`)
    expect(rss).not.toContain('Draft incident')
    expect(rss).not.toContain('Secret replica')
  })

  it('draws a badge that names its state and escapes what it is given', () => {
    const svg = badgeSvg({ label: 'A <script>', state: 'major_outage' })
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* role="img"/)
    expect(svg).toContain('<title>A &#60;script&#62;: major outage</title>')
    expect(svg).not.toContain('<script')
    expect(svg).toContain('#b91c1c')
  })
})

describe('following status', () => {
  const call = async (
    endpoint: { handler: (req: PayloadRequest) => Promise<Response> | Response },
    user: Record<string, unknown> | null,
    json?: unknown,
  ) => {
    const req = (await createLocalReq(
      user ? { user: user as never } : {},
      payload,
    )) as PayloadRequest
    req.json = async () => json
    const response = await endpoint.handler(req)
    return { status: response.status, body: await response.json() }
  }

  it('is a signed-in person’s choice, never an API key’s', async () => {
    const member = await makeUser(['member'])
    expect(await call(followStateEndpoint, asUser(member))).toEqual({
      status: 200,
      body: { following: false },
    })
    expect(await call(followEndpoint, asUser(member), { follow: true })).toEqual({
      status: 200,
      body: { following: true },
    })
    expect(await isFollowing(payload, member.id)).toBe(true)
    expect((await call(followEndpoint, asUser(member), { follow: 'yes' })).status).toBe(400)
    expect((await call(followEndpoint, null, { follow: true })).status).toBe(401)
    const keyed = {
      ...asUser(member),
      apiKey: { id: 1, scopes: ['usage:read'], organizationId: null },
    }
    expect((await call(followEndpoint, keyed, { follow: false })).status).toBe(403)
  })
})
