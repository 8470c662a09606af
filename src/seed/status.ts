import type { Payload } from 'payload'

import { db } from '@/lib/db'

import { markdownToLexical } from './docs/lexical'

/**
 * The status page's demo data: the TuneTrail API's components (and the portal's own, checked
 * live), 90 days of check history generated at a 5-minute interval, two past incidents with
 * postmortems whose outages the history shows, and one upcoming maintenance. Created once;
 * running it again changes nothing.
 */

type SeedComponent = {
  slug: string
  name: string
  description: string
  group: string | null
  order: number
  /** Typical response time in ms, for the generated history. */
  latency: number
  checks: Record<string, unknown>[]
}

const API_URL = 'https://api.tunetrail.dev'

/** A check of the TuneTrail API, off until an operator points it at a live deployment. */
const apiCheck = (path: string) => ({
  type: 'http',
  url: `${API_URL}${path}`,
  method: 'GET',
  expectedStatus: 200,
  intervalSeconds: 300,
  timeoutMs: 10_000,
  degradedAboveMs: 1500,
  enabled: false,
})

export const STATUS_SEED_COMPONENTS: SeedComponent[] = [
  {
    slug: 'tracks',
    name: 'Tracks API',
    description: 'Track catalogue: search, metadata and features.',
    group: 'TuneTrail API',
    order: 10,
    latency: 85,
    checks: [apiCheck('/v1/health/tracks')],
  },
  {
    slug: 'recommendations',
    name: 'Recommendations',
    description: 'Recommendation requests and playlists.',
    group: 'TuneTrail API',
    order: 20,
    latency: 140,
    checks: [apiCheck('/v1/health/recommendations')],
  },
  {
    slug: 'audio-processing',
    name: 'Audio processing',
    description: 'Uploads, analysis jobs and audio features.',
    group: 'TuneTrail API',
    order: 30,
    latency: 230,
    checks: [apiCheck('/v1/health/audio')],
  },
  {
    slug: 'training',
    name: 'Model training',
    description: 'Training runs on your data.',
    group: 'TuneTrail API',
    order: 40,
    latency: 180,
    checks: [apiCheck('/v1/health/training')],
  },
  {
    slug: 'model-hub',
    name: 'Model hub',
    description: 'Model uploads and downloads.',
    group: 'TuneTrail API',
    order: 50,
    latency: 110,
    checks: [apiCheck('/v1/health/models')],
  },
  {
    slug: 'webhooks',
    name: 'Webhooks',
    description: 'Event deliveries to your endpoints.',
    group: null,
    order: 60,
    latency: 60,
    checks: [],
  },
  {
    slug: 'portal',
    name: 'Community portal',
    description: 'This site: sign-in, keys, docs and the admin.',
    group: null,
    order: 70,
    latency: 12,
    checks: [
      { type: 'internal', target: 'postgres', intervalSeconds: 60, timeoutMs: 5000 },
      { type: 'internal', target: 'redis', intervalSeconds: 60, timeoutMs: 5000 },
      { type: 'internal', target: 'worker', intervalSeconds: 60, timeoutMs: 5000 },
    ],
  },
]

const DAY = 24 * 3600_000

/** Midnight UTC `days` ago, plus `hours`. */
const daysAgo = (days: number, hours = 0, minutes = 0) => {
  const now = new Date()
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) -
      days * DAY +
      (hours * 60 + minutes) * 60_000,
  )
}

/** The past incidents, with the windows the generated history fails (or slows) in. */
function pastIncidents() {
  return [
    {
      slug: 'recommendations',
      window: { from: daysAgo(12, 14, 5), to: daysAgo(12, 14, 50) },
      kind: 'down' as const,
      incident: {
        title: 'Recommendation requests failing',
        impact: 'major' as const,
        startedAt: daysAgo(12, 14, 5).toISOString(),
        state: 'major_outage' as const,
        updates: [
          {
            status: 'investigating' as const,
            at: daysAgo(12, 14, 12),
            message: 'Recommendation requests return errors (HTTP 503). We are investigating.',
          },
          {
            status: 'identified' as const,
            at: daysAgo(12, 14, 30),
            message:
              'A configuration change exhausted the feature store’s connection pool. Rolling it back.',
          },
          {
            status: 'monitoring' as const,
            at: daysAgo(12, 14, 50),
            message: 'Error rates are back to normal; we are watching them.',
          },
          {
            status: 'resolved' as const,
            at: daysAgo(12, 15, 20),
            message: 'Resolved: recommendations have answered normally for 30 minutes.',
          },
        ],
        postmortem: `### What happened

Between 14:05 and 14:50 UTC, 38% of recommendation requests failed with HTTP 503.

### Why

A configuration change lowered the feature store's connection pool from 200 to 20. Under the
afternoon peak, requests waited for a connection until their deadline.

### What changes

- Pool sizes are checked against the last week's peak before a change ships.
- An alert now fires when more than 1% of requests wait for a connection.`,
      },
    },
    {
      slug: 'audio-processing',
      window: { from: daysAgo(41, 9, 0), to: daysAgo(41, 11, 30) },
      kind: 'slow' as const,
      incident: {
        title: 'Slow audio analysis',
        impact: 'minor' as const,
        startedAt: daysAgo(41, 9, 0).toISOString(),
        state: 'degraded_performance' as const,
        updates: [
          {
            status: 'investigating' as const,
            at: daysAgo(41, 9, 20),
            message: 'Audio analysis jobs take several minutes longer than usual.',
          },
          {
            status: 'resolved' as const,
            at: daysAgo(41, 11, 30),
            message: 'Extra workers cleared the queue; jobs finish in their usual time again.',
          },
        ],
        postmortem: `### What happened

From 09:00 to 11:30 UTC, audio analysis jobs took up to 12 minutes instead of 40 seconds.

### Why

A large batch of uploads from one account filled the shared queue, and autoscaling waited on
a quota that had been reached the day before.

### What changes

- Uploads are queued per account, so one batch cannot hold up everyone else's jobs.
- The worker quota was raised, and reaching 80% of it now pages the on-call engineer.`,
      },
    },
  ]
}

/**
 * 90 days of results at a 5-minute interval for one component, and their per-day counts, in
 * SQL: latency waves around the component's typical time; failures or slowness inside the
 * given windows only.
 */
async function seedHistory(
  payload: Payload,
  componentId: number,
  latency: number,
  windows: { from: Date; to: Date; kind: 'down' | 'slow' }[],
) {
  const queryable = await db({ payload })
  const { rows } = await queryable.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM status_checks WHERE component_id = $1',
    [componentId],
  )
  if (rows[0].n > 0) return
  const down = windows.filter((w) => w.kind === 'down')
  const slow = windows.filter((w) => w.kind === 'slow')
  const within = (list: typeof windows) =>
    list.length
      ? list
          .map((w) => `(t >= '${w.from.toISOString()}' AND t < '${w.to.toISOString()}')`)
          .join(' OR ')
      : 'false'
  await queryable.query(
    `INSERT INTO status_checks (component_id, check_id, checked_at, ok, is_degraded, latency_ms, error)
     SELECT $1, 'seed', t, NOT (${within(down)}), (${within(slow)}),
            CASE WHEN ${within(slow)} THEN 4000 + (extract(epoch FROM t)::bigint % 7) * 500
                 ELSE ($2 + $2 * 0.25 * sin(extract(epoch FROM t) / 5400.0)
                       + (extract(epoch FROM t)::bigint % 13))::int END,
            CASE WHEN ${within(down)} THEN 'HTTP 503 (expected 200)' END
       FROM generate_series($3::timestamptz, now() - interval '1 minute', interval '5 minutes') AS t`,
    [componentId, latency, daysAgo(89).toISOString()],
  )
  await queryable.query(
    `INSERT INTO status_check_days AS d (component_id, day, total, ok, degraded, latency_ms_sum,
                                         latency_count)
     SELECT component_id, (checked_at AT TIME ZONE 'UTC')::date, count(*), count(*) FILTER (WHERE ok),
            count(*) FILTER (WHERE is_degraded), coalesce(sum(latency_ms) FILTER (WHERE ok), 0),
            count(*) FILTER (WHERE ok)
       FROM status_checks WHERE component_id = $1 GROUP BY 1, 2
     ON CONFLICT (component_id, day) DO UPDATE SET
       total = d.total + excluded.total, ok = d.ok + excluded.ok,
       degraded = d.degraded + excluded.degraded,
       latency_ms_sum = d.latency_ms_sum + excluded.latency_ms_sum,
       latency_count = d.latency_count + excluded.latency_count`,
    [componentId],
  )
}

export async function seedStatus(payload: Payload): Promise<string[]> {
  const created: string[] = []
  const ids: Record<string, number> = {}
  const incidents = pastIncidents()
  for (const component of STATUS_SEED_COMPONENTS) {
    const existing = await payload.find({
      collection: 'status-components',
      where: { slug: { equals: component.slug } },
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
    let id = existing.docs[0]?.id
    if (!id) {
      const { latency: _latency, ...data } = component
      const doc = await payload.create({
        collection: 'status-components',
        data: {
          ...data,
          state: 'operational',
          isPublic: true,
          failuresToOutage: 3,
          recoveriesToOperational: 2,
        } as never,
        overrideAccess: true,
      })
      id = doc.id
      created.push(`status component ${component.slug}`)
    }
    ids[component.slug] = id
    await seedHistory(
      payload,
      id,
      component.latency,
      incidents
        .filter((past) => past.slug === component.slug)
        .map((past) => ({ ...past.window, kind: past.kind })),
    )
  }
  for (const past of incidents) {
    const { totalDocs } = await payload.count({
      collection: 'status-incidents',
      where: { title: { equals: past.incident.title } },
      overrideAccess: true,
    })
    if (totalDocs > 0) continue
    await payload.create({
      collection: 'status-incidents',
      data: {
        title: past.incident.title,
        impact: past.incident.impact,
        publication: 'published',
        startedAt: past.incident.startedAt,
        components: [{ component: ids[past.slug], state: past.incident.state }],
        updates: past.incident.updates.map((update) => ({
          ...update,
          at: update.at.toISOString(),
          // Long past: nobody is mailed about it when the demo is seeded.
          notify: false,
        })),
        postmortem: markdownToLexical(past.incident.postmortem) as never,
      },
      overrideAccess: true,
    })
    created.push(`incident “${past.incident.title}”`)
  }
  const title = 'Model training database upgrade'
  const { totalDocs } = await payload.count({
    collection: 'status-maintenances',
    where: { title: { equals: title } },
    overrideAccess: true,
  })
  if (totalDocs === 0) {
    const start = daysAgo(-5, 2)
    await payload.create({
      collection: 'status-maintenances',
      data: {
        title,
        description:
          'Training runs started during the window wait in the queue and begin once it ends. Running jobs are not affected.',
        components: [ids.training],
        scheduledStart: start.toISOString(),
        scheduledEnd: new Date(start.getTime() + 3600_000).toISOString(),
        status: 'scheduled',
        notify: true,
      },
      overrideAccess: true,
    })
    created.push('maintenance of model training')
  }
  return created
}
