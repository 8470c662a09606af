import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { GHOST, purgeDueAccounts, scheduleDeletion } from '@/lib/accountData/deletion'
import { openExport, pruneExports, requestExport, runExport } from '@/lib/accountData/exports'
import { isPasswordCorrect } from '@/lib/accountData/password'
import { closeKeyService, verifyKey } from '@/lib/keys/service'
import { sha256 } from '@/lib/tokens'
import type { User } from '@/payload-types'
import { startWorker } from '@/worker'

import { category, discussion, reply, resetForumLimits, veteran } from '../helpers/forum'
import { asUser, issueKey, makeUser, testPayload, unique } from '../helpers/payload'
import { waitForMail } from '../helpers/smtp'
import { inPgTransaction } from '../helpers/pgTransaction'

const DAY = 86_400_000
let db: pg.Pool

beforeAll(() => {
  db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 })
})
afterAll(async () => {
  await closeKeyService()
  await db.end()
})

async function webhook(user: User) {
  const payload = await testPayload()
  return (await payload.create({
    collection: 'webhook-endpoints',
    data: { url: `http://127.0.0.1:9/${unique('hook')}`, events: [] } as never,
    depth: 0,
    overrideAccess: false,
    user: asUser(user),
  })) as unknown as { id: number }
}

/** A member with a key, a webhook, a discussion and a reply of their own. */
async function memberWithContent() {
  const payload = await testPayload()
  const user = await veteran()
  await resetForumLimits([user])
  const key = await issueKey(user)
  const endpoint = await webhook(user)
  const cat = await category(payload)
  const thread = await discussion(payload, user, { category: cat.id, title: unique('Thread') })
  const answer = await reply(payload, user, thread.id, 'My own answer with enough words.')
  const project = await payload.create({
    collection: 'showcase-projects',
    data: {
      title: 'My export project',
      slug: unique('export-project').toLowerCase(),
      tagline: 'Exports everything I made',
    } as never,
    depth: 0,
    overrideAccess: false,
    user: asUser(user),
  })
  return { user, key, endpoint, thread, answer, project }
}

const inTransaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => inPgTransaction(db, work)

describe('account export', () => {
  it('mails a link to a JSON archive of the account, whose token is stored only as a hash', async () => {
    const { user, key, endpoint, thread, answer, project } = await memberWithContent()
    const worker = await startWorker({ concurrency: 1 })
    let exportId: number
    try {
      exportId = await inTransaction((client) => requestExport(client, user.id))
      const mail = await waitForMail(
        process.env.TEST_MAIL_DIR as string,
        user.email,
        /data export is ready/,
      )
      const link = new URL(mail.link as string)
      expect(link.pathname).toBe(`/settings/account/exports/${exportId}/download`)
      const token = link.searchParams.get('token') as string
      expect(token.length).toBeGreaterThanOrEqual(40)

      const { rows } = await db.query('SELECT * FROM account_exports WHERE id = $1', [exportId])
      expect(rows[0].status).toBe('ready')
      expect(rows[0].token_hash).toBe(sha256(token))
      expect(JSON.stringify(rows[0])).not.toContain(token)

      const answerOf = await openExport(db, exportId, token, user.id)
      expect(answerOf.ok).toBe(true)
      if (!answerOf.ok) return
      const archive = answerOf.archive as Record<string, Record<string, unknown>[]> & {
        profile: Record<string, unknown>
      }
      expect(archive.profile).toMatchObject({ id: user.id, email: user.email, name: user.name })
      expect(archive.apiKeys.map((k) => k.id)).toEqual([key.id])
      expect(archive.apiKeys[0].scopes).toEqual(['tracks:read'])
      expect(archive.webhooks.map((w) => w.id)).toEqual([endpoint.id])
      expect(archive.discussions.map((d) => d.id)).toEqual([thread.id])
      expect(archive.replies.map((r) => r.id)).toEqual([answer.id])
      expect(archive.projects.map((p) => p.id)).toEqual([project.id])
      // Never a secret: not the key, its hash, the webhook's secret or the password hash.
      const text = JSON.stringify(archive)
      expect(text).not.toContain(key.key)
      expect(text).not.toContain(sha256(key.key))
      expect(text).not.toMatch(/key_hash|secret_sealed|"hash"|"salt"/)
    } finally {
      await worker.stop()
    }
  })

  it('opens an archive only for its owner, with its token, before the link expires', async () => {
    const owner = await makeUser()
    const other = await makeUser()
    const exportId = await inTransaction((client) => requestExport(client, owner.id))
    const now = new Date()
    // Built here rather than by a worker: the token comes back from the mail job's payload.
    await inTransaction((client) => runExport(client, exportId, now))
    const { rows } = await db.query(
      `SELECT payload->>'html' AS html FROM graphile_worker._private_jobs
        WHERE payload->>'html' LIKE $1`,
      [`%/exports/${exportId}/download%`],
    )
    const token = /token=([A-Za-z0-9_-]+)/.exec(rows[0].html)?.[1] as string
    expect(token).toBeTruthy()

    expect((await openExport(db, exportId, token, owner.id, now)).ok).toBe(true)
    expect(await openExport(db, exportId, token, other.id, now)).toEqual({ ok: false, status: 404 })
    expect(await openExport(db, exportId, `${token}x`, owner.id, now)).toEqual({
      ok: false,
      status: 404,
    })
    expect(await openExport(db, exportId + 1000, token, owner.id, now)).toEqual({
      ok: false,
      status: 404,
    })
    const later = new Date(now.getTime() + 8 * DAY)
    expect(await openExport(db, exportId, token, owner.id, later)).toEqual({
      ok: false,
      status: 410,
    })
    // Once expired, the archive itself is dropped.
    await pruneExports(db, later)
    const pruned = await db.query('SELECT archive, token_hash FROM account_exports WHERE id = $1', [
      exportId,
    ])
    expect(pruned.rows[0]).toEqual({ archive: null, token_hash: null })
  })

  it('refuses a second export while one is being prepared', async () => {
    const user = await makeUser()
    await inTransaction((client) => requestExport(client, user.id))
    await expect(inTransaction((client) => requestExport(client, user.id))).rejects.toMatchObject({
      status: 409,
    })
  })
})

describe('account export under concurrency', () => {
  it('queues one export when two requests race', async () => {
    const user = await makeUser()
    const results = await Promise.allSettled([
      inTransaction((client) => requestExport(client, user.id)),
      inTransaction((client) => requestExport(client, user.id)),
    ])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(
      (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason,
    ).toMatchObject({ status: 409 })
    const { rows } = await db.query(
      'SELECT count(*)::int AS n FROM account_exports WHERE user_id = $1',
      [user.id],
    )
    expect(rows[0].n).toBe(1)
  })
})

describe('account deletion', () => {
  it('checks the password without logging in', async () => {
    const user = await makeUser()
    expect(await isPasswordCorrect(db, user.id, 'correct-horse-battery')).toBe(true)
    expect(await isPasswordCorrect(db, user.id, 'wrong-horse-battery')).toBe(false)
    expect(await isPasswordCorrect(db, user.id, '')).toBe(false)
  })

  it('refuses the only owner of an organization with a 409 naming it', async () => {
    const payload = await testPayload()
    const owner = await makeUser()
    const name = `Solo ${unique('org')}`
    await payload.create({
      collection: 'organizations',
      data: { name, slug: unique('solo').toLowerCase(), members: [] },
      overrideAccess: false,
      user: asUser(owner),
    })
    const refusal = inTransaction((client) => scheduleDeletion(client, owner, null))
    await expect(refusal).rejects.toMatchObject({ status: 409 })
    await expect(refusal).rejects.toThrow(name)
    const { rows } = await db.query('SELECT 1 FROM account_deletions WHERE user_id = $1', [
      owner.id,
    ])
    expect(rows).toHaveLength(0)
  })

  it('anonymises the account once the grace period is over (shifted clock), not before', async () => {
    const payload = await testPayload()
    const { user, key, endpoint, thread, answer, project } = await memberWithContent()
    // A maker of someone else's project: the listing goes, the project stays.
    const boss = await makeUser()
    const bossProject = await payload.create({
      collection: 'showcase-projects',
      data: {
        title: 'Boss project',
        slug: unique('boss-project').toLowerCase(),
        tagline: 'Made with a maker who leaves',
        makers: [{ user: user.id }],
      } as never,
      depth: 0,
      overrideAccess: false,
      user: asUser(boss),
    })
    // An upvote of it: the vote goes, and the count.
    await db.query(
      `INSERT INTO project_votes (project_id, user_id, created_at, updated_at)
       VALUES ($1, $2, now(), now())`,
      [bossProject.id, user.id],
    )
    await db.query('UPDATE showcase_projects SET votes = 1 WHERE id = $1', [bossProject.id])
    // A member of someone else's organization: the membership goes.
    const org = await payload.create({
      collection: 'organizations',
      data: { name: 'Shared Co', slug: unique('shared').toLowerCase(), members: [] },
      overrideAccess: false,
      user: asUser(boss),
    })
    await payload.update({
      collection: 'organizations',
      id: org.id,
      data: {
        members: [
          { user: boss.id, role: 'owner' },
          { user: user.id, role: 'member' },
        ],
      },
      overrideAccess: true,
    })
    expect((await verifyKey({ key: key.key })).code).toBe('VALID')
    await db.query(
      `INSERT INTO user_sessions (id, user_id, expires_at) VALUES (gen_random_uuid(), $1, now() + interval '1 hour')`,
      [user.id],
    )

    const now = new Date()
    const purgeAfter = await inTransaction((client) =>
      scheduleDeletion(client, user, 'Moving on', now),
    )
    expect(purgeAfter.getTime() - now.getTime()).toBe(14 * DAY)
    // Every session ends at once.
    const sessions = await db.query('SELECT 1 FROM user_sessions WHERE user_id = $1', [user.id])
    expect(sessions.rows).toHaveLength(0)

    const connect = async () => db.connect()
    expect(await purgeDueAccounts(connect, new Date(now.getTime() + 13 * DAY))).toBe(0)
    expect((await db.query('SELECT 1 FROM users WHERE id = $1', [user.id])).rows).toHaveLength(1)

    expect(await purgeDueAccounts(connect, new Date(now.getTime() + 14 * DAY + 60_000))).toBe(1)
    expect((await db.query('SELECT 1 FROM users WHERE id = $1', [user.id])).rows).toHaveLength(0)
    const ghost = await db.query('SELECT id, name, hash FROM users WHERE email = $1', [GHOST.email])
    expect(ghost.rows[0]).toMatchObject({ name: GHOST.name, hash: null })
    const ghostId = ghost.rows[0].id
    const authored = await db.query(
      `SELECT (SELECT author_id FROM discussions WHERE id = $1) AS thread,
              (SELECT author_id FROM replies WHERE id = $2) AS answer,
              (SELECT status FROM api_keys WHERE id = $3) AS key_status,
              (SELECT count(*)::int FROM webhook_endpoints WHERE id = $4) AS endpoints,
              (SELECT count(*)::int FROM organizations_members WHERE user_id = $5) AS memberships,
              (SELECT owner_id FROM showcase_projects WHERE id = $6) AS project,
              (SELECT count(*)::int FROM showcase_projects_makers WHERE _parent_id = $7) AS makers,
              (SELECT votes::int FROM showcase_projects WHERE id = $7) AS votes`,
      [thread.id, answer.id, key.id, endpoint.id, user.id, project.id, bossProject.id],
    )
    expect(authored.rows[0]).toEqual({
      project: ghostId,
      makers: 0,
      votes: 0,
      thread: ghostId,
      answer: ghostId,
      key_status: 'revoked',
      endpoints: 0,
      memberships: 0,
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await verifyKey({ key: key.key })).valid).toBe(false)
    // The organization keeps its other owner.
    const after = await payload.findByID({ collection: 'organizations', id: org.id, depth: 0 })
    expect(after.members.map((m) => m.user)).toEqual([boss.id])
  })

  it('is cancelled by logging in during the grace period, with a mail saying so', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    const now = new Date()
    await inTransaction((client) => scheduleDeletion(client, user, null, now))
    const worker = await startWorker({ concurrency: 1 })
    try {
      await waitForMail(process.env.TEST_MAIL_DIR as string, user.email, /will be deleted/)
      await payload.login({
        collection: 'users',
        data: { email: user.email, password: 'correct-horse-battery' },
      })
      const { rows } = await db.query(
        'SELECT cancelled_at FROM account_deletions WHERE user_id = $1',
        [user.id],
      )
      expect(rows[0].cancelled_at).not.toBeNull()
      await waitForMail(process.env.TEST_MAIL_DIR as string, user.email, /account stays/)
    } finally {
      await worker.stop()
    }
    expect(
      await purgeDueAccounts(async () => db.connect(), new Date(now.getTime() + 15 * DAY)),
    ).toBe(0)
    expect((await db.query('SELECT 1 FROM users WHERE id = $1', [user.id])).rows).toHaveLength(1)
  })
})
