import { createLocalReq, initTransaction, killTransaction, type Payload } from 'payload'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { listNotifications, unreadCount } from '@/data/notifications'
import { db as dbOf } from '@/lib/db'
import { CONSUMERS } from '@/lib/events/consumers'
import { fanOut, type Consumer } from '@/lib/events/fanout'
import { publishEvent, publishEventFor } from '@/lib/events/publish'
import { publishExpiringKeys } from '@/lib/keys/expiring'
import { sendDigests } from '@/lib/notifications/digest'
import { listen, userTopic } from '@/lib/notifications/live'
import { savePreferences, readPreferences } from '@/lib/notifications/preferences'
import { readUnsubscribeToken, unsubscribeToken } from '@/lib/notifications/unsubscribe'
import type { User } from '@/payload-types'
import { startWorker, type WorkerHandle } from '@/worker'

import { asUser, makeUser, testPayload, unique } from '../helpers/payload'
import { waitForMail } from '../helpers/smtp'
import { waitFor } from '../helpers/waitFor'

let payload: Payload
let pool: pg.Pool
let worker: WorkerHandle

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
})
afterAll(async () => {
  await worker?.stop()
  await pool.end()
})

const notificationsOf = async (user: User) =>
  (
    await pool.query(
      `SELECT id, type, title, body, link, in_app, email_state, read_at FROM notifications
        WHERE recipient_id = $1 ORDER BY id`,
      [user.id],
    )
  ).rows

const issueKey = (user: User, name = 'outbox key') =>
  payload.create({
    collection: 'api-keys',
    data: { name, environment: 'development', scopes: ['tracks:read'] } as never,
    overrideAccess: false,
    user: asUser(user),
  })

describe('the event outbox (no worker)', () => {
  it('writes nothing for a change that rolls back', async () => {
    const user = await makeUser()
    const req = await createLocalReq({ user: asUser(user) as never }, payload)
    await initTransaction(req)
    await payload.create({
      collection: 'api-keys',
      data: { name: 'rolled back', environment: 'development', scopes: ['tracks:read'] } as never,
      overrideAccess: false,
      req,
    })
    await killTransaction(req)
    const { rows } = await pool.query(
      `SELECT count(*)::int AS events FROM webhook_events WHERE owner_id = $1`,
      [user.id],
    )
    expect(rows[0].events).toBe(0)
    const { rows: jobs } = await pool.query(
      `SELECT count(*)::int AS jobs FROM graphile_worker._private_jobs j
         JOIN graphile_worker._private_tasks t ON t.id = j.task_id
        WHERE t.identifier = 'event__fanout'
          AND (j.payload->>'eventId')::int IN (SELECT id FROM webhook_events WHERE owner_id = $1)`,
      [user.id],
    )
    expect(jobs[0].jobs).toBe(0)
  })

  it('hands each event to each consumer exactly once, however often fan-out runs', async () => {
    const user = await makeUser()
    const event = await publishEventFor(await createLocalReq({}, payload), {
      type: 'api_key.revoked',
      account: { owner: user.id, organization: null },
      data: { key_id: 1, name: 'twice', display: 'tt_test_…abcd' },
    })
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => fanOut(withClient, CONSUMERS, event.id)),
    )
    const consumed = runs.flatMap((run) =>
      Object.values(run ?? {}).filter((status) => status === 'consumed'),
    )
    expect(consumed).toHaveLength(2)
    expect(await notificationsOf(user)).toHaveLength(1)
    const { rows } = await pool.query(
      'SELECT consumer FROM event_consumptions WHERE event_id = $1 ORDER BY consumer',
      [event.id],
    )
    expect(rows.map((row) => row.consumer)).toEqual(['notifications', 'webhooks'])
  })

  it('loses nothing when fan-out dies part way: the next run does only what is left', async () => {
    const user = await makeUser()
    const event = await publishEventFor(await createLocalReq({}, payload), {
      type: 'api_key.revoked',
      account: { owner: user.id, organization: null },
      data: { key_id: 2, name: 'crash', display: 'tt_test_…wxyz' },
    })
    const dying: Consumer = {
      name: 'notifications',
      wants: () => true,
      consume: async (client, stored) => {
        // Writes, then the process "dies" before its transaction commits.
        await client.query(
          `INSERT INTO notifications (recipient_id, type, title, created_at, updated_at)
           VALUES ($1, 'x', 'half-written', now(), now())`,
          [stored.account.owner],
        )
        throw new Error('killed')
      },
    }
    const [webhooks, notifications] = CONSUMERS
    await expect(fanOut(withClient, [webhooks, dying], event.id)).rejects.toThrow('killed')
    expect(await notificationsOf(user)).toHaveLength(0)
    const retried = await fanOut(withClient, [webhooks, notifications], event.id)
    expect(retried).toEqual({ webhooks: 'already consumed', notifications: 'consumed' })
    expect((await notificationsOf(user)).map((row) => row.title)).toEqual(['API key revoked'])
  })

  it('publishes an expiring key once, however often the daily job runs', async () => {
    const user = await makeUser()
    const key = await issueKey(user, 'expiring soon')
    await pool.query(`UPDATE api_keys SET expires_at = now() + interval '3 days' WHERE id = $1`, [
      key.id,
    ])
    expect(await publishExpiringKeys(withClient)).toBeGreaterThanOrEqual(1)
    await publishExpiringKeys(withClient)
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM webhook_events WHERE type = 'api_key.expiring' AND owner_id = $1`,
      [user.id],
    )
    expect(rows[0].n).toBe(1)
  })

  it('signs unsubscribe links for one purpose, refusing any change', () => {
    const token = unsubscribeToken({ userId: 7, type: 'api_key.revoked' })
    expect(readUnsubscribeToken(token)).toEqual({ userId: 7, type: 'api_key.revoked' })
    const [data, signature] = token.split('.')
    const forged = Buffer.from(JSON.stringify({ u: 8, t: '*', p: 'unsubscribe' })).toString(
      'base64url',
    )
    expect(readUnsubscribeToken(`${forged}.${signature}`)).toBeNull()
    expect(readUnsubscribeToken(`${data}.x${signature.slice(1)}`)).toBeNull()
    expect(readUnsubscribeToken('garbage')).toBeNull()
  })
})

describe('notifications (with a worker)', () => {
  beforeAll(async () => {
    worker = await startWorker({ concurrency: 4 })
  })

  it('tells a key’s owner it was created, in the portal and by mail with a one-click unsubscribe', async () => {
    const user = await makeUser()
    const heard: number[] = []
    const stop = listen(userTopic(user.id), () => heard.push(Date.now()))
    const started = Date.now()
    await issueKey(user, 'Announced key')
    const [notification] = await waitFor(async () => {
      const rows = await notificationsOf(user)
      return rows.length ? rows : undefined
    })
    expect(notification).toMatchObject({
      type: 'api_key.created',
      title: 'API key created',
      in_app: true,
      email_state: 'sent',
    })
    expect(notification.body).toContain('Announced key')
    // The bell hears of it over Redis (how fast: npm run bench:notifications).
    await waitFor(async () => (heard.length ? true : undefined))
    expect(heard[0]).toBeGreaterThanOrEqual(started)
    stop()
    const mail = await waitForMail(mailDir(), user.email, /API key created/)
    expect(mail.listUnsubscribe).toContain('/api/notifications/unsubscribe?token=')
    expect(mail.listUnsubscribe).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click')
    expect(mail.html).toContain('/unsubscribe?token=')
  })

  it('follows each person’s preferences: off, portal only, or a daily digest', async () => {
    const [quiet, portalOnly, digester] = [await makeUser(), await makeUser(), await makeUser()]
    const base = (await readPreferences(payload, quiet.id)).preferences
    await savePreferences(payload, quiet.id, {
      ...base,
      channels: {
        ...base.channels,
        'api_key.created': { inApp: false, email: false, webhook: false },
      },
    })
    await savePreferences(payload, portalOnly.id, {
      ...base,
      channels: {
        ...base.channels,
        'api_key.created': { inApp: true, email: false, webhook: false },
      },
    })
    await savePreferences(payload, digester.id, { ...base, digest: 'daily' })
    for (const user of [quiet, portalOnly, digester]) await issueKey(user)
    await issueKey(digester, 'second for the digest')
    await waitFor(async () => ((await notificationsOf(digester)).length === 2 ? true : undefined))
    await waitFor(async () => ((await notificationsOf(portalOnly)).length === 1 ? true : undefined))
    // Give the quiet one's fan-out time to have happened too.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(await notificationsOf(quiet)).toEqual([])
    expect((await notificationsOf(portalOnly))[0].email_state).toBe('none')
    expect((await notificationsOf(digester)).map((row) => row.email_state)).toEqual([
      'pending',
      'pending',
    ])
    expect(await sendDigests(withClient)).toBeGreaterThanOrEqual(1)
    expect(await sendDigests(withClient)).toBe(0)
    const digest = await waitForMail(mailDir(), digester.email, /digest: 2 notifications/)
    expect(digest.html).toContain('second for the digest')
    expect((await notificationsOf(digester)).map((row) => row.email_state)).toEqual([
      'sent',
      'sent',
    ])
  })

  it('reaches an organization’s owners and admins, a member whose role changed, and an invitee', async () => {
    const [owner, admin, member, invitee] = [
      await makeUser(),
      await makeUser(),
      await makeUser(),
      await makeUser(),
    ]
    const org = await payload.create({
      collection: 'organizations',
      data: {
        name: 'Notified Org',
        slug: unique('notified').toLowerCase(),
        members: [
          { user: owner.id, role: 'owner' },
          { user: admin.id, role: 'admin' },
          { user: member.id, role: 'member' },
        ],
      },
      overrideAccess: true,
    })
    await payload.create({
      collection: 'api-keys',
      data: {
        name: 'org key',
        environment: 'development',
        scopes: ['tracks:read'],
        organization: org.id,
      } as never,
      overrideAccess: false,
      user: asUser(owner),
    })
    const types = async (user: User) => (await notificationsOf(user)).map((row) => row.type)
    // Who hears of an event is decided when it fans out: let the key's reach its admins first.
    await waitFor(async () => ((await types(admin)).length ? true : undefined))
    await payload.update({
      collection: 'organizations',
      id: org.id,
      data: {
        members: [
          { user: owner.id, role: 'owner' },
          { user: admin.id, role: 'admin' },
          { user: member.id, role: 'admin' },
        ],
      },
      overrideAccess: false,
      user: asUser(owner),
    })
    await payload.create({
      collection: 'organization-invitations',
      data: { organization: org.id, email: invitee.email, role: 'member' },
      overrideAccess: false,
      user: asUser(owner),
    })
    await waitFor(async () => ((await types(invitee)).length ? true : undefined))
    await waitFor(async () => ((await types(member)).length ? true : undefined))
    expect(await types(owner)).toContain('api_key.created')
    expect(await types(admin)).toContain('api_key.created')
    expect(await types(member)).toEqual(['organization.role_changed'])
    expect(await types(invitee)).toEqual(['organization.invitation_received'])
  })

  it('marks read only the caller’s own notifications', async () => {
    const [user, other] = [await makeUser(), await makeUser()]
    await issueKey(user)
    await issueKey(other)
    const [mine] = await waitFor(async () => {
      const rows = await notificationsOf(user)
      return rows.length ? rows : undefined
    })
    const [theirs] = await waitFor(async () => {
      const rows = await notificationsOf(other)
      return rows.length ? rows : undefined
    })
    const { docs } = await payload.update({
      collection: 'notifications',
      where: { id: { in: [mine.id, theirs.id] } },
      data: { readAt: new Date().toISOString() },
      overrideAccess: false,
      user: asUser(user),
    })
    expect(docs.map((doc) => doc.id)).toEqual([mine.id])
    expect((await notificationsOf(other))[0].read_at).toBeNull()
    // Nothing else of a notification is a person's to change.
    await payload.update({
      collection: 'notifications',
      id: mine.id,
      data: { title: 'forged', recipient: other.id } as never,
      overrideAccess: false,
      user: asUser(user),
    })
    expect((await notificationsOf(user))[0].title).toBe('API key created')
  })

  it('shows staff only their own notifications, in the bell, the list and REST', async () => {
    const [member, staff] = [await makeUser(), await makeUser(['member', 'staff'])]
    await issueKey(member)
    await waitFor(async () => ((await notificationsOf(member)).length ? true : undefined))
    const staffUser = asUser(staff)
    expect(await unreadCount(staffUser, payload)).toBe(0)
    expect((await listNotifications(staffUser, { isUnreadOnly: false, page: 1 })).totalDocs).toBe(0)
    const { docs } = await payload.find({
      collection: 'notifications',
      where: { recipient: { equals: member.id } },
      overrideAccess: false,
      user: staffUser,
    })
    expect(docs).toHaveLength(0)
  })

  it('lists an account’s public events to its people, never the internal ones', async () => {
    const user = await makeUser()
    const req = await createLocalReq({}, payload)
    await publishEventFor(req, {
      type: 'organization.role_changed',
      account: { owner: user.id, organization: null },
      data: {
        organization_id: 1,
        organization_name: 'X',
        user_id: user.id,
        from: 'member',
        to: 'admin',
      },
    })
    await issueKey(user)
    const { docs } = await payload.find({
      collection: 'webhook-events',
      where: { owner: { equals: user.id } },
      overrideAccess: false,
      user: asUser(user),
    })
    expect(docs.map((doc) => doc.type)).toEqual(['api_key.created'])
  })

  it('publishes events only through one writer, validating their data', async () => {
    await expect(
      publishEvent(await dbOf({ payload }), {
        type: 'api_key.revoked',
        account: { owner: 1, organization: null },
        data: { key_id: 'not a number' },
      }),
    ).rejects.toThrow(/api_key.revoked event/)
  })
})
