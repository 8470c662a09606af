import type { Payload } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { incidentMarks } from '@/lib/analytics/incidents'
import { insertUsageEvents, type UsageEvent } from '@/lib/usage/events'
import { rollUpAll } from '@/lib/usage/rollup'

import { makeUser, testPayload, unique } from '../helpers/payload'

let payload: Payload
let db: pg.Pool

beforeAll(async () => {
  payload = await testPayload()
  db = new pg.Pool({ connectionString: process.env.DATABASE_URL })
})
afterAll(async () => {
  await db.end()
})

const MINUTE = 60_000

async function incident(
  title: string,
  startedAt: Date,
  resolvedAt: Date | null,
  publication: 'published' | 'draft' = 'published',
) {
  return payload.create({
    collection: 'status-incidents',
    data: {
      title,
      impact: 'major',
      publication,
      startedAt: startedAt.toISOString(),
      updates: [
        { status: 'investigating', at: startedAt.toISOString(), message: 'Looking into it.' },
        ...(resolvedAt
          ? [{ status: 'resolved', at: resolvedAt.toISOString(), message: 'Fixed.' }]
          : []),
      ],
    },
    overrideAccess: true,
  } as never)
}

/** Gateway reports of one account: `ok` 200s and `failed` 503s at `at`. */
const reports = (account: string, keyId: number, at: Date, ok: number, failed: number) =>
  Array.from({ length: ok + failed }, (_, i): UsageEvent => ({
    occurredAt: at,
    kind: 'report',
    keyId,
    account,
    endpoint: 'GET /v1/tracks',
    method: 'GET',
    status: i < failed ? 503 : 200,
    latencyMs: 40,
  }))

describe('incidents on the analytics charts', () => {
  it('names the published incidents of a range and counts the account’s failures during each', async () => {
    const me = await makeUser()
    const other = await makeUser()
    const now = new Date()
    const start = new Date(Math.floor(now.getTime() / MINUTE) * MINUTE - 40 * MINUTE)
    const end = new Date(start.getTime() + 20 * MINUTE)
    const title = unique('API outage')
    await incident(title, start, end)
    await incident(unique('Draft'), start, end, 'draft')
    await incident(
      unique('Long ago'),
      new Date(start.getTime() - 3 * 86_400_000),
      new Date(start.getTime() - 3 * 86_400_000 + MINUTE),
    )
    const keyId = 900_000 + me.id
    await insertUsageEvents(db, [
      // During the incident: 3 of 10 failed.
      ...reports(`u${me.id}`, keyId, new Date(start.getTime() + 5 * MINUTE), 7, 3),
      // Before and after it: failures that are not the incident's.
      ...reports(`u${me.id}`, keyId, new Date(start.getTime() - 10 * MINUTE), 0, 4),
      ...reports(`u${me.id}`, keyId, new Date(end.getTime() + 5 * MINUTE), 0, 2),
      // Another account's failures during it are never counted for me.
      ...reports(`u${other.id}`, keyId + 1, new Date(start.getTime() + 5 * MINUTE), 0, 9),
    ])
    // Past the roll-up's settling delay, then rolled up from the start.
    await db.query(
      `UPDATE usage_events SET recorded_at = recorded_at - interval '1 minute'
        WHERE account = ANY($1::text[])`,
      [[`u${me.id}`, `u${other.id}`]],
    )
    await db.query('DELETE FROM usage_rollup_watermarks')
    await rollUpAll(db)

    const marks = await incidentMarks(
      db,
      { accounts: [`u${me.id}`] },
      { from: new Date(now.getTime() - 2 * 3_600_000), to: now },
      now,
    )
    const mine = marks.filter((mark) => mark.title === title)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({
      impact: 'major',
      startedAt: start.toISOString(),
      resolvedAt: end.toISOString(),
      reported: 10,
      failed: 3,
    })
    for (const mark of marks) expect(mark.title).not.toMatch(/^(Draft|Long ago)/)
  })
})
