import { createLocalReq, type Payload } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { hashKey } from '@/lib/keys/format'
import { handleDryRun } from '@/lib/keys/dryRun'
import { revokeKey, rotateKey } from '@/lib/keys/manage'
import { closeKeyService, verifyKey } from '@/lib/keys/service'
import { createVerifier } from '@/lib/keys/verifier'
import { redis } from '@/lib/redis'
import { relationId } from '@/lib/relationId'
import { createUsageBuffer } from '@/lib/usage/events'
import { pruneUsage, rollUp } from '@/lib/usage/rollup'
import type { ApiKey, User } from '@/payload-types'

import { asUser, makeUser, rejection, testPayload, unique } from '../helpers/payload'

type Issued = ApiKey & { key: string }

let payload: Payload
let db: pg.Pool

async function issue(user: User, data: Partial<ApiKey> = {}, ip = '198.51.100.7'): Promise<Issued> {
  return (await payload.create({
    collection: 'api-keys',
    data: {
      name: unique('key'),
      environment: 'development',
      scopes: ['tracks:read'],
      ...data,
    } as never,
    depth: 0,
    overrideAccess: false,
    user: asUser(user),
    context: { ip },
  })) as Issued
}

const reqFor = (user: User) =>
  createLocalReq({ user: asUser(user) as never, context: { ip: '203.0.113.9' } }, payload)

beforeAll(async () => {
  payload = await testPayload()
  db = new pg.Pool({ connectionString: process.env.DATABASE_URL })
})
afterAll(async () => {
  await closeKeyService()
  await db.end()
})

describe('issuing keys', () => {
  it('returns the plaintext once as doc.key and stores only its hash and display form', async () => {
    const user = await makeUser()
    const created = await issue(user, { environment: 'production' })
    expect(created.key).toMatch(/^tt_live_[0-9A-Za-z]{38}$/)
    expect(created.display).toBe(`tt_live_…${created.key.slice(-4)}`)
    expect(created.owner).toBe(user.id)
    const read = await payload.findByID({
      collection: 'api-keys',
      id: created.id,
      overrideAccess: false,
      user: asUser(user),
    })
    expect(read).not.toHaveProperty('keyHash')
    expect((read as Issued).key).toBeFalsy()
    expect(JSON.stringify(read)).not.toContain(created.key)
  })

  it('leaves the plaintext in no column of any table', async () => {
    const user = await makeUser()
    const created = await issue(user)
    const body = created.key.slice(8, 40)
    const { rows: tables } = await db.query(
      `SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema IN ('public', 'graphile_worker')`,
    )
    expect(tables.length).toBeGreaterThan(10)
    const hits: string[] = []
    for (const { table_schema: schema, table_name: table } of tables) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM "${schema}"."${table}" t WHERE t::text LIKE '%' || $1 || '%'`,
        [body],
      )
      if (rows[0].n > 0) hits.push(`${schema}.${table}`)
    }
    expect(hits).toEqual([])
    const { rows } = await db.query('SELECT key_hash FROM api_keys WHERE id = $1', [created.id])
    expect(rows[0].key_hash).toBe(hashKey(created.key))
  })

  it('keeps service scopes for staff and names the field', async () => {
    const member = await makeUser()
    expect(await rejection(issue(member, { scopes: ['keys:verify'] }))).toContain('scopes')
    const staff = await makeUser(['staff'])
    const service = await issue(staff, { scopes: ['keys:verify', 'usage:report'] })
    expect(service.scopes).toEqual(['keys:verify', 'usage:report'])
  })

  it('lets only owners and admins of an organization create its keys, and hides them from others', async () => {
    const owner = await makeUser()
    const outsider = await makeUser()
    const org = await payload.create({
      collection: 'organizations',
      data: { name: 'Key Org', slug: unique('org').toLowerCase(), members: [] },
      overrideAccess: false,
      user: asUser(owner),
    })
    const orgKey = await issue(owner, { organization: org.id })
    expect(orgKey.owner).toBeNull()
    expect(orgKey.organization).toBe(org.id)
    expect(await rejection(issue(outsider, { organization: org.id }))).toContain('organization')
    const seen = await payload.find({
      collection: 'api-keys',
      where: { id: { equals: orgKey.id } },
      overrideAccess: false,
      user: asUser(outsider),
    })
    expect(seen.totalDocs).toBe(0)
  })

  it('refuses bad allowlist entries and past expiry, naming the field', async () => {
    const user = await makeUser()
    expect(await rejection(issue(user, { ipAllowlist: ['10.0.0.0/33'] }))).toContain('ipAllowlist')
    expect(
      await rejection(issue(user, { expiresAt: new Date(Date.now() - 1000).toISOString() })),
    ).toContain('expiresAt')
  })

  it('caps active keys by plan', async () => {
    const user = await makeUser()
    for (let i = 0; i < 5; i++) await issue(user)
    expect(await rejection(issue(user))).toMatch(/free plan allows 5 active keys/)
  })

  it('writes every key action to the audit log with who and from where', async () => {
    const user = await makeUser()
    const created = await issue(user)
    await payload.update({
      collection: 'api-keys',
      id: created.id,
      data: { name: 'Renamed' },
      overrideAccess: false,
      user: asUser(user),
      context: { ip: '192.0.2.44' },
    })
    const rotated = await rotateKey(await reqFor(user), created.id, 3600)
    await revokeKey(await reqFor(user), rotated.id)
    await payload.delete({
      collection: 'api-keys',
      id: created.id,
      overrideAccess: false,
      user: asUser(user),
    })
    const { docs } = await payload.find({
      collection: 'audit-logs',
      where: { owner: { equals: user.id } },
      sort: 'createdAt',
      overrideAccess: false,
      user: asUser(user),
    })
    expect(docs.map((doc) => doc.action)).toEqual([
      'api_key.created',
      'api_key.updated',
      'api_key.created',
      'api_key.rotated',
      'api_key.revoked',
      'api_key.deleted',
    ])
    expect(docs[0].ip).toBe('198.51.100.7')
    expect(docs[1].ip).toBe('192.0.2.44')
    expect(docs[1].changes).toMatchObject({ name: { to: 'Renamed' } })
    expect(docs[3].ip).toBe('203.0.113.9')
    expect(docs.map((doc) => relationId(doc.actor))).toEqual(docs.map(() => String(user.id)))
  })
})

describe('verification', () => {
  it('answers VALID with the account, plan and rate limit', async () => {
    const user = await makeUser()
    const created = await issue(user, { scopes: ['tracks:read', 'models:read'] })
    const result = await verifyKey({ key: created.key, scope: 'models:read' })
    expect(result).toMatchObject({
      valid: true,
      code: 'VALID',
      keyId: created.id,
      owner: user.id,
      organization: null,
      plan: 'free',
      environment: 'development',
      scopes: ['tracks:read', 'models:read'],
      ratelimit: { limit: 10, remaining: 9, window: 'minute' },
    })
  })

  it('rejects malformed and unknown keys as NOT_FOUND', async () => {
    expect(await verifyKey({ key: 'tt_test_nope' })).toEqual({ valid: false, code: 'NOT_FOUND' })
    const user = await makeUser()
    const created = await issue(user)
    await payload.delete({ collection: 'api-keys', id: created.id, overrideAccess: true })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await verifyKey({ key: created.key })).code).toBe('NOT_FOUND')
  })

  it('answers REVOKED, EXPIRED, INSUFFICIENT_SCOPE and IP_NOT_ALLOWED', async () => {
    const user = await makeUser(['member'], { plan: 'pro' })
    const revoked = await issue(user)
    await verifyKey({ key: revoked.key })
    await revokeKey(await reqFor(user), revoked.id)
    expect((await verifyKey({ key: revoked.key })).code).toBe('REVOKED')

    const expiring = await issue(user, { expiresAt: new Date(Date.now() + 60_000).toISOString() })
    const later = createVerifier({ pool: db, redis: redis(), now: () => Date.now() + 61_000 })
    expect((await later.verify({ key: expiring.key })).code).toBe('EXPIRED')

    const scoped = await issue(user, { scopes: ['models:read'] })
    expect((await verifyKey({ key: scoped.key, scope: 'models:write' })).code).toBe(
      'INSUFFICIENT_SCOPE',
    )

    const fenced = await issue(user, { ipAllowlist: ['10.1.0.0/16', '2001:db8::/32'] })
    expect((await verifyKey({ key: fenced.key, ip: '10.1.200.3' })).code).toBe('VALID')
    expect((await verifyKey({ key: fenced.key, ip: '2001:db8:1::5' })).code).toBe('VALID')
    expect((await verifyKey({ key: fenced.key, ip: '10.2.0.1' })).code).toBe('IP_NOT_ALLOWED')
    expect((await verifyKey({ key: fenced.key })).code).toBe('IP_NOT_ALLOWED')
  })

  it('answers RATE_LIMITED past the plan’s minute and USAGE_EXCEEDED past a quota', async () => {
    const user = await makeUser()
    const created = await issue(user)
    for (let i = 0; i < 10; i++) expect((await verifyKey({ key: created.key })).valid).toBe(true)
    const limited = await verifyKey({ key: created.key })
    expect(limited).toMatchObject({
      valid: false,
      code: 'RATE_LIMITED',
      ratelimit: { limit: 10, remaining: 0, window: 'minute' },
    })
    expect(limited.ratelimit?.reset).toBeGreaterThan(0)
    expect(limited.ratelimit?.reset).toBeLessThanOrEqual(60)

    const trainer = await issue(await makeUser())
    expect(await verifyKey({ key: trainer.key, resource: 'model_training' })).toMatchObject({
      valid: false,
      code: 'USAGE_EXCEEDED',
      ratelimit: { resource: 'model_training', window: 'month', limit: 0 },
    })
  })

  it('admits exactly N of many concurrent verifications', async () => {
    const user = await makeUser(['member'], { plan: 'pro' })
    const created = await issue(user, { limits: { apiCallsPerMinute: 25 } })
    const results = await Promise.all(
      Array.from({ length: 120 }, () => verifyKey({ key: created.key })),
    )
    expect(results.filter((result) => result.valid)).toHaveLength(25)
    expect(results.filter((result) => result.code === 'RATE_LIMITED')).toHaveLength(95)
  })

  it('applies the account’s limits across all its keys and enterprise limits set by staff', async () => {
    const user = await makeUser()
    const [a, b] = [await issue(user), await issue(user)]
    for (let i = 0; i < 5; i++) await verifyKey({ key: a.key })
    for (let i = 0; i < 5; i++) await verifyKey({ key: b.key })
    expect((await verifyKey({ key: a.key })).code).toBe('RATE_LIMITED')

    const owner = await makeUser()
    const org = await payload.create({
      collection: 'organizations',
      data: {
        name: 'Big Co',
        slug: unique('big').toLowerCase(),
        plan: 'enterprise',
        limits: { apiCallsPerMinute: 3 },
        members: [{ user: owner.id, role: 'owner' }],
      },
      overrideAccess: true,
    })
    const orgKey = await issue(owner, { organization: org.id })
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => verifyKey({ key: orgKey.key, resource: 'model_training' })),
    )
    expect(answers.filter((answer) => answer.valid)).toHaveLength(3)
    expect(answers.find((answer) => answer.valid)?.plan).toBe('enterprise')
  })

  it('keeps a rotated key working for its grace period, then EXPIRED; grace 0 revokes at once', async () => {
    const user = await makeUser(['member'], { plan: 'pro' })
    const old = await issue(user, { scopes: ['models:read'], ipAllowlist: ['192.0.2.0/24'] })
    await verifyKey({ key: old.key, ip: '192.0.2.1' })
    const fresh = (await rotateKey(await reqFor(user), old.id, 3600)) as Issued
    expect(fresh.key).toMatch(/^tt_test_/)
    expect(fresh.rotatedFrom).toBe(old.id)
    expect(fresh.scopes).toEqual(['models:read'])
    expect(fresh.ipAllowlist).toEqual(['192.0.2.0/24'])
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await verifyKey({ key: old.key, ip: '192.0.2.1' })).code).toBe('VALID')
    expect((await verifyKey({ key: fresh.key, ip: '192.0.2.1' })).code).toBe('VALID')
    const inAnHour = createVerifier({ pool: db, redis: redis(), now: () => Date.now() + 3_601_000 })
    expect((await inAnHour.verify({ key: old.key, ip: '192.0.2.1' })).code).toBe('EXPIRED')
    expect((await inAnHour.verify({ key: fresh.key, ip: '192.0.2.1' })).code).toBe('VALID')

    const now = (await rotateKey(await reqFor(user), fresh.id, 0)) as Issued
    expect((await verifyKey({ key: fresh.key, ip: '192.0.2.1' })).code).toBe('REVOKED')
    expect((await verifyKey({ key: now.key, ip: '192.0.2.1' })).code).toBe('VALID')
    expect(await rejection(rotateKey(await reqFor(user), fresh.id, 0))).toMatch(/active/)
  })

  it('does not let another user revoke or rotate a key', async () => {
    const [owner, other] = [await makeUser(), await makeUser()]
    const created = await issue(owner)
    expect(await rejection(revokeKey(await reqFor(other), created.id))).toMatch(/not found/i)
    expect(await rejection(rotateKey(await reqFor(other), created.id, 0))).toMatch(/not found/i)
    expect((await verifyKey({ key: created.key })).code).toBe('VALID')
  })
})

describe('review fixes', () => {
  it('counts a key’s own stricter limits for that key alone', async () => {
    const user = await makeUser(['member'], { plan: 'pro' })
    const strict = await issue(user, { limits: { apiCallsPerMinute: 2 } })
    const other = await issue(user)
    for (let i = 0; i < 5; i++) expect((await verifyKey({ key: other.key })).valid).toBe(true)
    expect((await verifyKey({ key: strict.key })).valid).toBe(true)
    expect((await verifyKey({ key: strict.key })).valid).toBe(true)
    expect(await verifyKey({ key: strict.key })).toMatchObject({
      code: 'RATE_LIMITED',
      ratelimit: { limit: 2, window: 'minute' },
    })
    expect((await verifyKey({ key: other.key })).valid).toBe(true)
  })

  it('applies an edit at once, even to a key cached everywhere', async () => {
    const user = await makeUser(['member'], { plan: 'pro' })
    const created = await issue(user, { scopes: ['models:read', 'tracks:read'] })
    expect((await verifyKey({ key: created.key, scope: 'models:read' })).valid).toBe(true)
    await payload.update({
      collection: 'api-keys',
      id: created.id,
      data: { scopes: ['tracks:read'] },
      overrideAccess: false,
      user: asUser(user),
    })
    expect((await verifyKey({ key: created.key, scope: 'models:read' })).code).toBe(
      'INSUFFICIENT_SCOPE',
    )
  })

  it('stops the keys of a deleted account', async () => {
    const user = await makeUser(['member'], { plan: 'pro' })
    const created = await issue(user)
    expect((await verifyKey({ key: created.key })).valid).toBe(true)
    await payload.delete({ collection: 'users', id: user.id, overrideAccess: true })
    expect((await verifyKey({ key: created.key })).code).toBe('NOT_FOUND')
  })

  it('refuses a second rotation of the same key and never returns the hash', async () => {
    const user = await makeUser(['member'], { plan: 'pro' })
    const created = await issue(user)
    await rotateKey(await reqFor(user), created.id, 3600)
    expect(await rejection(rotateKey(await reqFor(user), created.id, 3600))).toMatch(
      /already rotated/,
    )
    await revokeKey(await reqFor(user), created.id)
    const again = await revokeKey(await reqFor(user), created.id)
    expect(again.status).toBe('revoked')
    expect(again).not.toHaveProperty('keyHash')
  })

  it('names the field when scopes or the allowlist is not an array', async () => {
    const user = await makeUser()
    expect(await rejection(issue(user, { scopes: 'tracks:read' as never }))).toContain('scopes')
    expect(await rejection(issue(user, { ipAllowlist: '10.0.0.1' as never }))).toContain(
      'ipAllowlist',
    )
  })

  it('lets a key read only its own account’s keys', async () => {
    const owner = await makeUser()
    const org = await payload.create({
      collection: 'organizations',
      data: { name: 'Scoped Org', slug: unique('sorg').toLowerCase(), members: [] },
      overrideAccess: false,
      user: asUser(owner),
    })
    const personal = await issue(owner, { scopes: ['usage:read'] })
    const orgKey = await issue(owner, { organization: org.id, scopes: ['usage:read'] })
    const asKey = (key: Issued) => ({
      ...asUser(owner),
      apiKey: { id: key.id, scopes: key.scopes, organizationId: key.organization ? org.id : null },
    })
    const seenByOrgKey = await payload.find({
      collection: 'api-keys',
      overrideAccess: false,
      user: asKey(orgKey),
    })
    expect(seenByOrgKey.docs.map((doc) => doc.id)).toEqual([orgKey.id])
    const seenByPersonal = await payload.find({
      collection: 'api-keys',
      overrideAccess: false,
      user: asKey(personal),
    })
    expect(seenByPersonal.docs.map((doc) => doc.id)).toEqual([personal.id])
  })
})

describe('usage', () => {
  it('records verifications in batches, moves lastUsedAt and rolls them up', async () => {
    const user = await makeUser(['member'], { plan: 'pro' })
    const created = await issue(user)
    // Its own buffer, flushed only when told: the batching is what is under test.
    const usage = createUsageBuffer(db, { intervalMs: 60_000 })
    const verifier = createVerifier({ pool: db, redis: redis(), usage })
    for (let i = 0; i < 3; i++) {
      await verifier.verify({ key: created.key, endpoint: 'GET /v1/tracks', ip: '198.51.100.1' })
    }
    await verifier.verify({ key: created.key, scope: 'models:write' })
    const { rows: before } = await db.query(
      'SELECT count(*)::int AS n FROM usage_events WHERE key_id = $1',
      [created.id],
    )
    expect(before[0].n).toBe(0)
    expect(usage.pending()).toBe(4)
    await usage.close()
    const { rows } = await db.query(
      `SELECT code, count(*)::int AS n FROM usage_events WHERE key_id = $1 GROUP BY code ORDER BY code`,
      [created.id],
    )
    expect(rows).toEqual([
      { code: 'INSUFFICIENT_SCOPE', n: 1 },
      { code: 'VALID', n: 3 },
    ])
    const after = await payload.findByID({
      collection: 'api-keys',
      id: created.id,
      overrideAccess: true,
    })
    expect(after.lastUsedAt).toBeTruthy()

    // As if made yesterday: hours and days are rolled up once complete.
    await db.query(
      `UPDATE usage_events SET recorded_at = recorded_at - interval '1 minute',
              occurred_at = occurred_at - interval '1 day' WHERE key_id = $1`,
      [created.id],
    )
    // A worker's cron may have moved the watermark past these back-dated events: start over.
    await db.query('DELETE FROM usage_rollup_watermarks')
    expect(await rollUp(db, 'minute')).toBeGreaterThan(0)
    // Days are merged from hours.
    await rollUp(db, 'hour')
    await rollUp(db, 'day')
    const { rows: rollups } = await db.query(
      `SELECT granularity, outcome, requests::int FROM usage_rollups WHERE key_id = $1 ORDER BY granularity, outcome`,
      [created.id],
    )
    expect(rollups).toEqual([
      { granularity: 'day', outcome: 'INSUFFICIENT_SCOPE', requests: 1 },
      { granularity: 'day', outcome: 'VALID', requests: 3 },
      { granularity: 'hour', outcome: 'INSUFFICIENT_SCOPE', requests: 1 },
      { granularity: 'hour', outcome: 'VALID', requests: 3 },
      { granularity: 'minute', outcome: 'INSUFFICIENT_SCOPE', requests: 1 },
      { granularity: 'minute', outcome: 'VALID', requests: 3 },
    ])
    // Idempotent: rolling up again (other tests' events may have come since) changes nothing.
    for (const granularity of ['minute', 'hour', 'day'] as const) await rollUp(db, granularity)
    const { rows: again } = await db.query(
      `SELECT granularity, outcome, requests::int FROM usage_rollups WHERE key_id = $1 ORDER BY granularity, outcome`,
      [created.id],
    )
    expect(again).toEqual(rollups)
  })

  it('writes whatever is buffered on close, and prunes by retention', async () => {
    const buffer = createUsageBuffer(db, { intervalMs: 60_000 })
    const user = await makeUser()
    const created = await issue(user)
    const old = new Date(Date.now() - 40 * 86_400_000)
    buffer.record({ occurredAt: new Date(), kind: 'verify', keyId: created.id, code: 'VALID' })
    buffer.record({ occurredAt: old, kind: 'verify', keyId: created.id, code: 'VALID' })
    expect(buffer.pending()).toBe(2)
    await buffer.close()
    const count = async () =>
      (
        await db.query('SELECT count(*)::int AS n FROM usage_events WHERE key_id = $1', [
          created.id,
        ])
      ).rows[0].n
    expect(await count()).toBe(2)
    const pruned = await pruneUsage(db, { eventDays: 30, rollupDays: 400 })
    expect(pruned.events).toBeGreaterThanOrEqual(1)
    expect(await count()).toBe(1)
  })
})

describe('dry run (the docs playground)', () => {
  it('answers what a call would get without counting it or recording usage', async () => {
    const user = await makeUser()
    const created = await issue(user)
    const usage = createUsageBuffer(db, { intervalMs: 60_000 })
    // One instant for every call: the minute window cannot roll over halfway through the test.
    const at = Date.now()
    const verifier = createVerifier({ pool: db, redis: redis(), usage, now: () => at })
    const dry = (scope?: string) =>
      handleDryRun(payload, verifier, user, JSON.stringify({ key: created.key, scope }), undefined)

    for (let i = 0; i < 15; i++) {
      expect((await dry('tracks:read')).body).toMatchObject({
        valid: true,
        code: 'VALID',
        keyId: created.id,
        ratelimit: { window: 'minute', limit: 10, remaining: 9 },
      })
    }
    expect((await dry('models:write')).body).toMatchObject({ code: 'INSUFFICIENT_SCOPE' })
    expect(usage.pending()).toBe(0)
    // The free plan's 10 a minute are all still there for real calls…
    for (let i = 0; i < 10; i++)
      expect((await verifier.verify({ key: created.key })).valid).toBe(true)
    // …and once they are spent, the dry run says so, still counting nothing.
    expect((await dry()).body).toMatchObject({
      code: 'RATE_LIMITED',
      ratelimit: { window: 'minute', remaining: 0 },
    })
    expect(usage.pending()).toBe(10)
    await usage.close()
  })

  it('answers NOT_FOUND about a key the person may not read, and names a bad field', async () => {
    const [owner, other] = [await makeUser(), await makeUser()]
    const created = await issue(owner)
    const verifier = createVerifier({ pool: db, redis: redis() })
    const asOther = await handleDryRun(
      payload,
      verifier,
      other,
      JSON.stringify({ key: created.key }),
      undefined,
    )
    expect(asOther).toEqual({ status: 200, body: { valid: false, code: 'NOT_FOUND' } })
    await revokeKey(await reqFor(owner), created.id)
    const revokedAsOther = await handleDryRun(
      payload,
      verifier,
      other,
      JSON.stringify({ key: created.key }),
      undefined,
    )
    expect(revokedAsOther.body).toEqual({ valid: false, code: 'NOT_FOUND' })

    const bad = async (body: string) =>
      (await handleDryRun(payload, verifier, owner, body, undefined)) as {
        status: number
        body: { errors: { field?: string }[] }
      }
    expect(await bad('{')).toMatchObject({ status: 400, body: { errors: [{ field: 'body' }] } })
    expect(await bad(JSON.stringify({ key: created.key, scope: 'nope' }))).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'scope' }] },
    })
    expect(await bad(JSON.stringify({ key: created.key, cost: 5 }))).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'cost', message: 'cost is not a field of this request.' }] },
    })
    expect(await bad(JSON.stringify({}))).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'key' }] },
    })
  })
})
