import { spawnSync } from 'node:child_process'

import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { confirmEmailChange } from '@collections/Users/emailChange'
import { firstUserEndpoints, firstUserIsAdmin } from '@collections/Users/hooks/firstUserIsAdmin'
import { ACCOUNT_LIMITS } from '@collections/Users/hooks/policy'
import { INVITATION_LIMITS } from '@collections/OrganizationInvitations/hooks/limitInvitations'
import { env, setEnv } from '@/lib/env'
import { cachedHealth, HEALTH_CACHE_MS } from '@/lib/health'
import { mailTransport } from '@/lib/mail'
import { createAdmin } from '@/seed/admin'
import type { User } from '@/payload-types'
import { startWorker, type WorkerHandle } from '@/worker'

import { asUser, makeUser, rejection, testPayload, unique } from '../helpers/payload'
import { waitForMail } from '../helpers/smtp'
import { sha256 } from '@/lib/tokens'

const mailDir = () => process.env.TEST_MAIL_DIR as string
/** A documentation address of its own per call, so limits of one test never meet another's. */
const someIp = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}:${unique('ip')}`

let worker: WorkerHandle
beforeAll(async () => {
  await testPayload()
  worker = await startWorker({ concurrency: 2 })
})
afterAll(async () => {
  await worker.stop()
})

describe('changing email', () => {
  it('holds a new email until that address confirms it, and tells the old one', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    const next = `${unique('moved')}@example.test`
    const updated = await payload.update({
      collection: 'users',
      id: user.id,
      data: { email: next },
      overrideAccess: false,
      user: asUser(user),
    })
    expect(updated.email).toBe(user.email)
    expect(updated._verified).toBe(true)
    expect(updated.pendingEmail).toBe(next)
    expect(updated).not.toHaveProperty('pendingEmailTokenHash')

    const notice = await waitForMail(mailDir(), user.email, /about to change/)
    expect(notice.html).toContain(next)
    const confirmation = await waitForMail(mailDir(), next, /Confirm your new email/)
    const token = new URL(confirmation.link as string).searchParams.get('token') as string
    // Until then, the account still signs in and receives mail at the old address.
    const stored = await payload.findByID({ collection: 'users', id: user.id })
    expect(stored.email).toBe(user.email)

    expect(await confirmEmailChange(payload, token)).toEqual({ ok: true, email: next })
    const after = await payload.findByID({ collection: 'users', id: user.id })
    expect(after.email).toBe(next)
    expect(after.pendingEmail ?? null).toBeNull()
    expect(await confirmEmailChange(payload, token)).toEqual({ ok: false, problem: 'INVALID' })
  })

  it('never lets a request write the pending change’s token or expiry', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    await payload.update({
      collection: 'users',
      id: user.id,
      data: { email: `${unique('target')}@example.test` },
      overrideAccess: false,
      user: asUser(user),
    })
    const forged = 'forged-token-that-is-long-enough-000000'
    await payload.update({
      collection: 'users',
      id: user.id,
      data: {
        pendingEmailTokenHash: sha256(forged),
        pendingEmailExpiresAt: '2099-01-01T00:00:00.000Z',
      } as never,
      overrideAccess: false,
      user: asUser(user),
    })
    expect(await confirmEmailChange(payload, forged)).toEqual({ ok: false, problem: 'INVALID' })
    expect((await payload.findByID({ collection: 'users', id: user.id })).email).toBe(user.email)
  })

  it('refuses an address that is not one, and more than a few changes a day', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    const change = (email: unknown) =>
      payload.update({
        collection: 'users',
        id: user.id,
        data: { email } as never,
        overrideAccess: false,
        user: asUser(user),
      })
    expect(await rejection(change('  '))).toMatch(/^email: Enter a valid email address/)
    for (let n = 0; n < 5; n++) await change(`${unique('many')}@example.test`)
    expect(await rejection(change(`${unique('more')}@example.test`))).toBe(
      'Too many email changes. Try again tomorrow.',
    )
  })

  it('refuses an address another account uses, naming the field', async () => {
    const payload = await testPayload()
    const [user, other] = [await makeUser(), await makeUser()]
    expect(
      await rejection(
        payload.update({
          collection: 'users',
          id: user.id,
          data: { email: other.email },
          overrideAccess: false,
          user: asUser(user),
        }),
      ),
    ).toBe('email: Another account already uses this email address.')
  })

  it('lets staff change someone else’s email directly in /admin', async () => {
    const payload = await testPayload()
    const [staff, member] = [await makeUser(['staff']), await makeUser()]
    const next = `${unique('support')}@example.test`
    const updated = await payload.update({
      collection: 'users',
      id: member.id,
      data: { email: next },
      overrideAccess: false,
      user: asUser(staff),
    })
    expect(updated.email).toBe(next)
  })
})

describe('one account policy on every door', () => {
  it('refuses short passwords on create, update and reset', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    expect(
      await rejection(
        payload.update({
          collection: 'users',
          id: user.id,
          data: { password: 'abc' },
          overrideAccess: false,
          user: asUser(user),
        }),
      ),
    ).toBe('password: Password must be at least 10 characters long.')
    expect(
      await rejection(
        payload.create({
          collection: 'users',
          data: {
            email: `${unique('short')}@example.test`,
            username: unique('short').toLowerCase().slice(0, 30),
            name: 'Short',
            password: 'abc',
          },
          overrideAccess: false,
        }),
      ),
    ).toBe('password: Password must be at least 10 characters long.')
    const token = await payload.forgotPassword({
      collection: 'users',
      data: { email: user.email },
      disableEmail: true,
    })
    expect(
      await rejection(
        payload.resetPassword({
          collection: 'users',
          data: { token, password: 'abc' },
          overrideAccess: true,
        }),
      ),
    ).toBe('password: Password must be at least 10 characters long.')
  })

  it('lets only staff unlock an account', async () => {
    const payload = await testPayload()
    const [member, victim, staff] = [await makeUser(), await makeUser(), await makeUser(['staff'])]
    const as = async (user: User) => createLocalReq({ user: asUser(user) as never }, payload)
    expect(
      await rejection(
        payload.unlock({
          collection: 'users',
          data: { email: victim.email } as never,
          overrideAccess: false,
          req: await as(member),
        }),
      ),
    ).toMatch(/not allowed/)
    expect(
      await payload.unlock({
        collection: 'users',
        data: { email: victim.email } as never,
        overrideAccess: false,
        req: await as(staff),
      }),
    ).toBe(true)
  })

  it('limits sign-ups per client address and reset requests per address and account', async () => {
    const payload = await testPayload()
    const ip = someIp()
    const signUp = (n: number) =>
      payload.create({
        collection: 'users',
        data: {
          email: `${unique(`burst${n}`)}@example.test`,
          username: unique(`b${n}`).toLowerCase().slice(0, 30),
          name: 'Burst',
          password: 'long-enough-password',
        },
        overrideAccess: false,
        disableVerificationEmail: true,
        context: { ip },
      })
    const { limit } = ACCOUNT_LIMITS.signupsPerIp
    for (let n = 0; n < limit; n++) await signUp(n)
    expect(await rejection(signUp(limit))).toBe(
      'Too many sign-ups from this network. Try again in an hour.',
    )
    // Another address is not affected.
    const fresh = await payload.create({
      collection: 'users',
      data: {
        email: `${unique('other')}@example.test`,
        username: unique('other').toLowerCase().slice(0, 30),
        name: 'Other',
        password: 'long-enough-password',
      },
      overrideAccess: false,
      disableVerificationEmail: true,
      context: { ip: someIp() },
    })
    expect(fresh.id).toBeGreaterThan(0)

    const user = await makeUser()
    const reset = () =>
      payload.forgotPassword({
        collection: 'users',
        data: { email: user.email },
        disableEmail: true,
        context: { ip: someIp() },
      })
    for (let n = 0; n < ACCOUNT_LIMITS.resetsPerEmail.limit; n++) await reset()
    expect(await rejection(reset())).toBe('Too many reset requests. Try again in an hour.')
  })

  it('limits invitations per inviter, counting only those access allowed', async () => {
    const payload = await testPayload()
    const [owner, outsider] = [await makeUser(), await makeUser()]
    const org = await payload.create({
      collection: 'organizations',
      data: { name: 'Inviters', slug: unique('inviters').toLowerCase(), members: [] },
      overrideAccess: false,
      user: asUser(owner),
    })
    const invite = (as: User) =>
      payload.create({
        collection: 'organization-invitations',
        data: { organization: org.id, email: `${unique('inv')}@example.test`, role: 'member' },
        overrideAccess: false,
        user: asUser(as),
      })
    // An outsider's refused attempts use up nothing of the organization's allowance.
    for (let n = 0; n < 5; n++) await expect(invite(outsider)).rejects.toThrow()
    for (let n = 0; n < INVITATION_LIMITS.perInviter.limit; n++) await invite(owner)
    expect(await rejection(invite(owner))).toBe('Too many invitations sent. Try again later.')
  })
})

describe('the first admin', () => {
  it('is never whoever signs up first in production, only in development', async () => {
    const count = vi.fn(async () => ({ totalDocs: 0 }))
    const args = {
      data: { email: 'first@example.test', roles: ['member'] },
      operation: 'create',
      req: { payload: { count } },
    } as never
    const before = env().NODE_ENV
    try {
      setEnv('NODE_ENV', 'production')
      expect(await firstUserIsAdmin(args)).toEqual({
        email: 'first@example.test',
        roles: ['member'],
      })
      expect(firstUserEndpoints().map((e) => `${e.method} ${e.path}`)).toEqual([
        'post /first-register',
      ])
      const refusal = await firstUserEndpoints()[0].handler({} as never)
      expect(refusal.status).toBe(403)
      expect(JSON.stringify(await refusal.json())).toContain('npm run create-admin')
      setEnv('NODE_ENV', 'development')
      expect(await firstUserIsAdmin(args)).toMatchObject({ roles: ['admin'], _verified: true })
      expect(firstUserEndpoints()).toEqual([])
    } finally {
      setEnv('NODE_ENV', before)
    }
  })

  it('comes from npm run create-admin, which a second run leaves as it is', async () => {
    const payload = await testPayload()
    const email = `${unique('ops')}@example.test`
    expect(await createAdmin(payload, { email, password: 'short' })).toMatchObject({
      ok: false,
      message: '--password: Password must be at least 10 characters long.',
    })
    const run = () =>
      spawnSync(
        'npx',
        ['tsx', 'scripts/create-admin.ts', '--email', email, '--password', 'admin-password-123'],
        { encoding: 'utf8', env: process.env },
      )
    const first = run()
    expect(first.status, `${first.stderr}\n${first.stdout}`).toBe(0)
    expect(first.stdout).toContain(`Created admin ${email}`)
    const { docs } = await payload.find({
      collection: 'users',
      where: { email: { equals: email } },
    })
    expect(docs[0]).toMatchObject({ roles: ['admin'], _verified: true })
    const second = run()
    expect(second.status, `${second.stderr}\n${second.stdout}`).toBe(0)
    expect(second.stdout).toContain('nothing changed')
    const again = await payload.find({ collection: 'users', where: { email: { equals: email } } })
    expect(again.totalDocs).toBe(1)
    expect(again.docs[0].updatedAt).toBe(docs[0].updatedAt)
  }, 60_000)
})

describe('login sessions', () => {
  const authenticate = async (token: string) => {
    const payload = await testPayload()
    const { user } = await payload.auth({ headers: new Headers({ Authorization: `JWT ${token}` }) })
    return user
  }

  it('gives ten simultaneous logins ten working sessions, and ending one ends only it', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    const logins = await Promise.all(
      Array.from({ length: 10 }, () =>
        payload.login({
          collection: 'users',
          data: { email: user.email, password: 'correct-horse-battery' },
        }),
      ),
    )
    const tokens = logins.map((login) => login.token as string)
    expect(new Set(tokens).size).toBe(10)
    for (const token of tokens) expect((await authenticate(token))?.id).toBe(user.id)

    // Logging out with the first token ends that session only.
    const first = (await authenticate(tokens[0])) as User & { _sid: string }
    const req = await createLocalReq({ user: { ...first, collection: 'users' } as never }, payload)
    await payload.collections.users.config.hooks.afterLogout?.[0]?.({
      collection: payload.collections.users.config,
      context: {},
      req,
    } as never)
    expect(await authenticate(tokens[0])).toBeNull()
    for (const token of tokens.slice(1)) expect((await authenticate(token))?.id).toBe(user.id)
  })

  it('ends every other session when the password changes, keeping the one that changed it', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    const login = () =>
      payload.login({
        collection: 'users',
        data: { email: user.email, password: 'correct-horse-battery' },
      })
    const [mine, other] = [(await login()).token as string, (await login()).token as string]
    const me = await authenticate(mine)
    await payload.update({
      collection: 'users',
      id: user.id,
      data: { password: 'another-long-password' },
      overrideAccess: false,
      user: me as never,
      // As Settings → Security does once it has checked the current password.
      context: { currentPasswordChecked: true },
    })
    expect((await authenticate(mine))?.id).toBe(user.id)
    expect(await authenticate(other)).toBeNull()
  })
})

describe('health', () => {
  it('runs its checks at most once every few seconds, however often it is asked', async () => {
    const payload = await testPayload()
    const verify = vi.spyOn(mailTransport(), 'verify')
    const later = Date.now() + 10 * HEALTH_CACHE_MS
    const reports = await Promise.all(
      Array.from({ length: 20 }, () => cachedHealth(payload, later)),
    )
    expect(verify).toHaveBeenCalledTimes(1)
    expect(new Set(reports).size).toBe(1)
    verify.mockRestore()
  })
})
