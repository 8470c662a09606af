import { generate } from 'otplib'
import { createLocalReq } from 'payload'
import { describe, expect, it } from 'vitest'

import { checkCurrentPassword } from '@/lib/auth/password'
import { logSecurityEvent, securityLogWhere } from '@/lib/auth/securityLog'
import { endSessions, listSessions } from '@/lib/auth/sessions'
import { beginTotpSetup, confirmTotpSetup } from '@/lib/auth/twoFactor'
import { describeUserAgent } from '@/lib/userAgent'
import type { User } from '@/payload-types'

import { asUser, makeUser, rejection, testPayload, unique } from '../helpers/payload'

const PASSWORD = 'correct-horse-battery'

async function login(user: User, userAgent = 'vitest') {
  const payload = await testPayload()
  const req = await createLocalReq({ context: { ip: '198.51.100.20', userAgent } }, payload)
  return payload.login({
    collection: 'users',
    data: { email: user.email, password: PASSWORD },
    req,
  })
}

async function enableTotp(user: User) {
  const payload = await testPayload()
  const req = await createLocalReq({ user: asUser(user) as never }, payload)
  const secret = await beginTotpSetup(req, user.id)
  await confirmTotpSetup(req, user.id, await generate({ secret }))
}

describe('sessions', () => {
  it('lists each login with its browser and address, and ends one without touching the others', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    const first = await login(user, 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36')
    await login(
      user,
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Version/17.4 Mobile/15E148 Safari/604.1',
    )
    const sessions = await listSessions({ payload }, user.id)
    expect(sessions).toHaveLength(2)
    expect(sessions.map((s) => describeUserAgent(s.userAgent)).sort()).toEqual([
      'Chrome on Linux',
      'Safari on iOS',
    ])
    expect(sessions.every((s) => s.ip === '198.51.100.20')).toBe(true)

    const firstAuth = await payload.auth({
      headers: new Headers({ Authorization: `JWT ${first.token}` }),
    })
    const sid = (firstAuth.user as { _sid?: string })._sid as string
    expect(sid).toMatch(/^[0-9a-f-]{36}$/)
    // Another account's session id ends nothing.
    const stranger = await makeUser()
    expect(await endSessions({ payload }, stranger.id, { sid })).toBe(0)
    expect(await endSessions({ payload }, user.id, { except: sid })).toBe(1)
    const left = await listSessions({ payload }, user.id)
    expect(left.map((s) => s.id)).toEqual([sid])
    // The ended session's token no longer signs anyone in; this one still does.
    const still = await payload.auth({
      headers: new Headers({ Authorization: `JWT ${first.token}` }),
    })
    expect(still.user?.id).toBe(user.id)
  })

  it('reads browsers in words', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      ),
    ).toBe('Edge on Windows')
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0',
      ),
    ).toBe('Firefox on macOS')
    expect(describeUserAgent('curl/8.5.0')).toBe('curl')
    expect(describeUserAgent(null)).toBe('Unknown browser')
  })
})

describe('current password checks', () => {
  it('accepts the password, refuses others, and stops after ten wrong ones', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    expect(await checkCurrentPassword(payload, user.id, PASSWORD)).toBe('OK')
    expect(await checkCurrentPassword(payload, user.id, 'nope-nope-nope')).toBe('WRONG')
    for (let i = 0; i < 9; i++) await checkCurrentPassword(payload, user.id, 'nope-nope-nope')
    expect(await checkCurrentPassword(payload, user.id, PASSWORD)).toBe('TOO_MANY')
  })
})

describe('password change', () => {
  it('ends the other sessions, keeps this one, logs it and mails a notice', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    const here = await login(user)
    await login(user)
    const { user: authed } = await payload.auth({
      headers: new Headers({ Authorization: `JWT ${here.token}` }),
    })
    // Without the current password (REST, GraphQL, a stolen session): refused, nothing ends.
    expect(
      await rejection(
        payload.update({
          collection: 'users',
          id: user.id,
          data: { password: 'stolen-session-123' },
          overrideAccess: false,
          user: authed,
        }),
      ),
    ).toMatch(/password: Change your password in Settings/)
    expect(await listSessions({ payload }, user.id)).toHaveLength(2)
    // As the settings page does it, once it has checked the current password.
    await payload.update({
      collection: 'users',
      id: user.id,
      data: { password: 'a-new-password-123' },
      overrideAccess: false,
      user: authed,
      context: { currentPasswordChecked: true },
    })
    const sessions = await listSessions({ payload }, user.id)
    expect(sessions.map((s) => s.id)).toEqual([(authed as unknown as { _sid: string })._sid])
    const { docs } = await payload.find({
      collection: 'audit-logs',
      where: {
        and: [{ owner: { equals: user.id } }, { action: { equals: 'auth.password_changed' } }],
      },
      overrideAccess: true,
    })
    expect(docs[0].summary).toContain('1 other session ended')
  })
})

describe('security log', () => {
  it('shows a member their own events only', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    const other = await makeUser()
    const req = await createLocalReq({ context: { ip: '198.51.100.1' } }, payload)
    await logSecurityEvent(req, { action: 'auth.login_failed', userId: other.id, summary: 'x' })
    await logSecurityEvent(req, { action: 'auth.login', userId: user.id, summary: 'mine' })
    const mine = await payload.find({
      collection: 'audit-logs',
      where: securityLogWhere(user.id),
      overrideAccess: false,
      user: asUser(user),
    })
    expect(mine.docs.map((d) => d.summary)).toEqual(['mine'])
    // Asking for someone else's log through the filter returns nothing either.
    const theirs = await payload.find({
      collection: 'audit-logs',
      where: securityLogWhere(other.id),
      overrideAccess: false,
      user: asUser(user),
    })
    expect(theirs.docs).toHaveLength(0)
  })
})

describe('an organization that requires two-factor authentication', () => {
  it('hides its keys from a manager without it until they turn it on', async () => {
    const payload = await testPayload()
    const owner = await makeUser()
    const admin = await makeUser()
    const org = await payload.create({
      collection: 'organizations',
      data: {
        name: 'Strict Co',
        slug: unique('strict').toLowerCase(),
        members: [
          { user: owner.id, role: 'owner' },
          { user: admin.id, role: 'admin' },
        ],
      },
      overrideAccess: true,
    })
    const key = await payload.create({
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
    // Requiring it needs it yourself.
    expect(
      await rejection(
        payload.update({
          collection: 'organizations',
          id: org.id,
          data: { requireTwoFactor: true },
          overrideAccess: false,
          user: asUser(owner),
        }),
      ),
    ).toMatch(/two-factor/)
    await enableTotp(owner)
    await payload.update({
      collection: 'organizations',
      id: org.id,
      data: { requireTwoFactor: true },
      overrideAccess: false,
      user: asUser(owner),
    })

    const seenBy = async (user: User) =>
      (
        await payload.find({
          collection: 'api-keys',
          where: { organization: { equals: org.id } },
          overrideAccess: false,
          user: asUser(user),
        })
      ).docs.map((doc) => doc.id)
    expect(await seenBy(owner)).toEqual([key.id])
    expect(await seenBy(admin)).toEqual([])
    expect(
      await rejection(
        payload.update({
          collection: 'api-keys',
          id: key.id,
          data: { name: 'taken over' },
          overrideAccess: false,
          user: asUser(admin),
        }),
      ),
    ).toBeTruthy()
    expect(
      await rejection(
        payload.create({
          collection: 'api-keys',
          data: {
            name: 'new',
            environment: 'development',
            scopes: ['tracks:read'],
            organization: org.id,
          } as never,
          overrideAccess: false,
          user: asUser(admin),
        }),
      ),
    ).toMatch(/two-factor/)

    await enableTotp(admin)
    expect(await seenBy(admin)).toEqual([key.id])
  })
})
