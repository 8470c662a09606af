import pg from 'pg'
import { describe, expect, it } from 'vitest'

import { acceptInvitation, findInvitation } from '@/lib/invitations'
import { hitLimit } from '@/lib/rateLimit'
import { sha256 } from '@/lib/tokens'

import { asUser, makeUser, testPayload, unique } from '../helpers/payload'
import { waitForMail } from '../helpers/smtp'
import { startWorker } from '@/worker'

async function invite(email: string) {
  const payload = await testPayload()
  const owner = await makeUser()
  const org = await payload.create({
    collection: 'organizations',
    data: { name: 'Invite Co', slug: unique('invite').toLowerCase(), members: [] },
    overrideAccess: false,
    user: asUser(owner),
  })
  const invitation = await payload.create({
    collection: 'organization-invitations',
    data: { organization: org.id, email, role: 'admin' },
    overrideAccess: false,
    user: asUser(owner),
  })
  return { org, invitation, owner }
}

describe('organization invitations', () => {
  it('mails a single-use link whose token is stored only as a hash', async () => {
    const worker = await startWorker({ concurrency: 1 })
    try {
      const email = `${unique('invitee')}@example.test`
      const { invitation } = await invite(email)
      const mail = await waitForMail(
        process.env.TEST_MAIL_DIR as string,
        email,
        /invited you to Invite Co/,
      )
      const token = new URL(mail.link as string).searchParams.get('token') as string
      expect(token.length).toBeGreaterThanOrEqual(40)
      const db = new pg.Client({ connectionString: process.env.DATABASE_URL })
      await db.connect()
      const { rows } = await db.query('SELECT * FROM organization_invitations WHERE id = $1', [
        invitation.id,
      ])
      await db.end()
      expect(rows[0].token_hash).toBe(sha256(token))
      expect(JSON.stringify(rows[0])).not.toContain(token)
    } finally {
      await worker.stop()
    }
  })

  it('adds the invitee with the invited role once, and refuses the link afterwards', async () => {
    const payload = await testPayload()
    const invitee = await makeUser()
    const { org, invitation } = await invite(invitee.email)
    const token = 'x'.repeat(43)
    // Re-key the invitation to a token this test knows (the real one only exists in the mail).
    await payload.db.updateOne({
      collection: 'organization-invitations',
      id: invitation.id,
      data: { tokenHash: sha256(token) },
    })
    const first = await acceptInvitation(payload, token, invitee)
    expect(first).toEqual({ ok: true, organizationSlug: org.slug })
    const after = await payload.findByID({
      collection: 'organizations',
      id: org.id,
      overrideAccess: true,
      depth: 0,
    })
    expect(after.members.find((m) => Number(m.user) === invitee.id)?.role).toBe('admin')
    expect(await acceptInvitation(payload, token, invitee)).toEqual({ ok: false, problem: 'USED' })
  })

  it('refuses another account, an expired invitation and an unknown token', async () => {
    const payload = await testPayload()
    const [invitee, stranger] = [await makeUser(), await makeUser()]
    const { invitation } = await invite(invitee.email)
    const token = 'y'.repeat(43)
    await payload.db.updateOne({
      collection: 'organization-invitations',
      id: invitation.id,
      data: { tokenHash: sha256(token) },
    })
    expect(await acceptInvitation(payload, token, stranger)).toEqual({
      ok: false,
      problem: 'WRONG_ACCOUNT',
    })
    expect(await acceptInvitation(payload, 'z'.repeat(43), invitee)).toEqual({
      ok: false,
      problem: 'INVALID',
    })
    await payload.db.updateOne({
      collection: 'organization-invitations',
      id: invitation.id,
      data: { expiresAt: new Date(Date.now() - 1000).toISOString() },
    })
    expect(await acceptInvitation(payload, token, invitee)).toEqual({
      ok: false,
      problem: 'EXPIRED',
    })
    expect((await findInvitation(payload, token))?.acceptedAt).toBeFalsy()
  })
})

describe('action rate limits', () => {
  it('admits exactly the limit within a window, even when hit concurrently', async () => {
    const key = unique('limit')
    const results = await Promise.all(Array.from({ length: 25 }, () => hitLimit(key, 10, 60_000)))
    expect(results.filter((r) => r.isAllowed)).toHaveLength(10)
    expect(Math.min(...results.map((r) => r.remaining))).toBe(0)
    expect(results.every((r) => r.resetMs > 0 && r.resetMs <= 60_000)).toBe(true)
  })
})
