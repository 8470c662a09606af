import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { publicIncidentsBetween } from '@/data/status'
import { latestUpdate } from '@/lib/status/incidents'
import type { StatusComponent, User } from '@/payload-types'

import { asUser, makeUser, rejection, testPayload, unique } from '../helpers/payload'

let payload: Payload
let staff: User
let member: User

beforeAll(async () => {
  payload = await testPayload()
  staff = await makeUser(['staff'])
  member = await makeUser(['member'])
})

const at = (iso: string) => new Date(iso).toISOString()

async function component(name: string, isPublic = true): Promise<StatusComponent> {
  return payload.create({
    collection: 'status-components',
    data: {
      name,
      slug: unique(name.toLowerCase()).replace(/[^a-z0-9-]/g, '-'),
      isPublic,
      order: 100,
      state: 'operational',
      failuresToOutage: 3,
      recoveriesToOperational: 2,
    },
    overrideAccess: false,
    user: asUser(staff),
  })
}

type IncidentInput = {
  title: string
  startedAt: string
  updates: { status: 'investigating' | 'identified' | 'monitoring' | 'resolved'; at: string }[]
  components?: number[]
  publication?: 'draft' | 'published'
}

const incident = (input: IncidentInput) =>
  payload.create({
    collection: 'status-incidents',
    data: {
      title: input.title,
      impact: 'major',
      startedAt: input.startedAt,
      publication: input.publication ?? 'published',
      components: (input.components ?? []).map((id) => ({ component: id, state: 'major_outage' })),
      updates: input.updates.map((update) => ({ ...update, message: `${update.status} text` })),
    },
    overrideAccess: false,
    user: asUser(staff),
  })

describe('incidents', () => {
  it('take their status from the latest update by time, backdating included', () => {
    const updates = [
      { id: 'a', at: '2026-10-01T10:00:00Z', status: 'investigating' },
      { id: 'b', at: '2026-10-01T12:00:00Z', status: 'resolved' },
      { id: 'c', at: '2026-10-01T11:00:00Z', status: 'monitoring' },
    ]
    expect(latestUpdate(updates)?.id).toBe('b')
    expect(latestUpdate([])).toBeUndefined()
  })

  it('record status and resolution from the updates, and refuse an update dated ahead', async () => {
    const doc = await incident({
      title: unique('resolved in order'),
      startedAt: '2026-09-03T08:00:00Z',
      updates: [
        { status: 'investigating', at: '2026-09-03T08:05:00Z' },
        { status: 'resolved', at: '2026-09-03T09:30:00Z' },
      ],
    })
    expect(doc.status).toBe('resolved')
    expect(doc.resolvedAt).toBe(at('2026-09-03T09:30:00Z'))
    const problem = await rejection(
      incident({
        title: unique('future'),
        startedAt: '2026-09-03T08:00:00Z',
        updates: [{ status: 'investigating', at: new Date(Date.now() + 3600_000).toISOString() }],
      }),
    )
    expect(problem).toBe('updates.0.at: An update cannot be dated in the future.')
  })

  it('are written by staff only; members and visitors read published ones only', async () => {
    const draft = await incident({
      title: unique('draft'),
      startedAt: '2026-09-04T08:00:00Z',
      publication: 'draft',
      updates: [{ status: 'investigating', at: '2026-09-04T08:00:00Z' }],
    })
    expect(
      await rejection(
        payload.create({
          collection: 'status-incidents',
          data: { title: 'x', updates: [{ status: 'investigating', message: 'x' }] } as never,
          overrideAccess: false,
          user: asUser(member),
        }),
      ),
    ).toMatch(/not allowed/i)
    for (const user of [asUser(member), undefined]) {
      const { docs } = await payload.find({
        collection: 'status-incidents',
        where: { id: { equals: draft.id } },
        overrideAccess: false,
        user,
      })
      expect(docs).toEqual([])
    }
  })
})

describe('publicIncidentsBetween', () => {
  it('lists published incidents overlapping the range, with their public components only', async () => {
    const api = await component('Tracks API')
    const hidden = await component('Internal replica', false)
    const before = await incident({
      title: unique('over before the range'),
      startedAt: '2026-08-01T00:00:00Z',
      updates: [
        { status: 'investigating', at: '2026-08-01T00:00:00Z' },
        { status: 'resolved', at: '2026-08-01T02:00:00Z' },
      ],
      components: [api.id],
    })
    const spanning = await incident({
      title: unique('resolved inside the range'),
      // Backdated: staff noticed late.
      startedAt: '2026-08-09T22:00:00Z',
      updates: [
        { status: 'identified', at: '2026-08-10T01:00:00Z' },
        { status: 'resolved', at: '2026-08-10T03:00:00Z' },
      ],
      components: [api.id, hidden.id],
    })
    const open = await incident({
      title: unique('still open'),
      startedAt: '2026-08-10T12:00:00Z',
      updates: [{ status: 'monitoring', at: '2026-08-10T12:30:00Z' }],
    })
    const draft = await incident({
      title: unique('draft in range'),
      startedAt: '2026-08-10T05:00:00Z',
      publication: 'draft',
      updates: [{ status: 'investigating', at: '2026-08-10T05:00:00Z' }],
      components: [api.id],
    })
    const after = await incident({
      title: unique('after the range'),
      startedAt: '2026-08-11T00:00:00Z',
      updates: [{ status: 'investigating', at: '2026-08-11T00:00:00Z' }],
    })

    const listed = await publicIncidentsBetween(
      new Date('2026-08-10T00:00:00Z'),
      new Date('2026-08-11T00:00:00Z'),
    )
    const ours = listed.filter((item) =>
      [before.id, spanning.id, open.id, draft.id, after.id].includes(item.id),
    )
    expect(ours).toEqual([
      {
        id: spanning.id,
        title: spanning.title,
        impact: 'major',
        startedAt: at('2026-08-09T22:00:00Z'),
        resolvedAt: at('2026-08-10T03:00:00Z'),
        components: ['Tracks API'],
      },
      {
        id: open.id,
        title: open.title,
        impact: 'major',
        startedAt: at('2026-08-10T12:00:00Z'),
        resolvedAt: null,
        components: [],
      },
    ])
  })

  it('leaves out an incident resolved exactly when the range starts', async () => {
    const edge = await incident({
      title: unique('ends at the edge'),
      startedAt: '2026-07-01T00:00:00Z',
      updates: [
        { status: 'investigating', at: '2026-07-01T00:00:00Z' },
        { status: 'resolved', at: '2026-07-02T00:00:00Z' },
      ],
    })
    const listed = await publicIncidentsBetween(
      new Date('2026-07-02T00:00:00Z'),
      new Date('2026-07-03T00:00:00Z'),
    )
    expect(listed.map((item) => item.id)).not.toContain(edge.id)
    const inside = await publicIncidentsBetween(
      new Date('2026-07-01T23:00:00Z'),
      new Date('2026-07-03T00:00:00Z'),
    )
    expect(inside.map((item) => item.id)).toContain(edge.id)
  })
})
