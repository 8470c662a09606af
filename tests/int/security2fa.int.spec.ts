import { sql } from '@payloadcms/db-postgres'
import { generate } from 'otplib'
import { createLocalReq, type PayloadRequest } from 'payload'
import { describe, expect, it } from 'vitest'

import { CHALLENGE_MAX_ATTEMPTS } from '@/lib/auth/challenges'
import {
  completeSecondFactor,
  type LoginOutcome,
  type SecondFactorRequired,
} from '@/lib/auth/secondFactor'
import { listSessions } from '@/lib/auth/sessions'
import {
  beginTotpSetup,
  confirmTotpSetup,
  disableTotp,
  twoFactorState,
  verifyTotp,
} from '@/lib/auth/twoFactor'
import { rowsOf } from '@/lib/db'
import type { User } from '@/payload-types'

import { asUser, makeUser, rejection, testPayload, unique } from '../helpers/payload'

const PASSWORD = 'correct-horse-battery'

/** A request from a client address of its own (limits of one test never meet another's). */
async function clientReq(user?: User): Promise<PayloadRequest> {
  const payload = await testPayload()
  const ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}`
  return createLocalReq(
    {
      ...(user ? { user: asUser(user) } : {}),
      context: { ip, userAgent: `vitest ${unique('ua')}` },
    },
    payload,
  )
}

/** A member with TOTP enabled: its secret and its ten recovery codes. */
async function memberWithTotp() {
  const user = await makeUser()
  const req = await clientReq(user)
  const secret = await beginTotpSetup(req, user.id)
  const codes = await confirmTotpSetup(req, user.id, await generate({ secret }))
  if (!codes) throw new Error('TOTP setup failed')
  return { user, secret, codes }
}

async function passwordStep(user: User): Promise<SecondFactorRequired> {
  const payload = await testPayload()
  const result = (await payload.login({
    collection: 'users',
    data: { email: user.email, password: PASSWORD },
    req: await clientReq(),
  })) as unknown as SecondFactorRequired & { token?: string; user?: unknown }
  return result
}

async function securityActions(userId: number) {
  const payload = await testPayload()
  const { docs } = await payload.find({
    collection: 'audit-logs',
    where: { owner: { equals: userId } },
    sort: '-createdAt',
    limit: 50,
    overrideAccess: true,
  })
  return docs
}

describe('TOTP setup', () => {
  it('enables TOTP only with a code from the app, and stores the secret sealed', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    const req = await clientReq(user)
    const secret = await beginTotpSetup(req, user.id)
    expect((await twoFactorState(req, user.id)).hasPendingTotp).toBe(true)
    expect(await confirmTotpSetup(req, user.id, '000000')).toBeNull()
    expect((await twoFactorState(req, user.id)).isTotpEnabled).toBe(false)

    const codes = await confirmTotpSetup(req, user.id, await generate({ secret }))
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    for (const code of codes ?? []) expect(code).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/)
    const state = await twoFactorState(req, user.id)
    expect(state).toMatchObject({
      isTotpEnabled: true,
      hasPendingTotp: false,
      recoveryCodesLeft: 10,
    })

    const db = payload.db.drizzle
    const [row] = rowsOf<{ secret: string }>(
      await db.execute(sql`SELECT secret FROM user_totp WHERE user_id = ${user.id}`),
    )
    expect(row.secret).not.toContain(secret)
    expect(row.secret.startsWith('v1.')).toBe(true)
    const hashes = rowsOf<{ code_hash: string }>(
      await db.execute(sql`SELECT code_hash FROM user_recovery_codes WHERE user_id = ${user.id}`),
    )
    expect(hashes).toHaveLength(10)
    for (const { code_hash } of hashes) {
      expect(codes).not.toContain(code_hash)
      expect(code_hash).toMatch(/^[0-9a-f]{64}$/)
    }
  })

  it('accepts each authenticator code once', async () => {
    const { user, secret } = await memberWithTotp()
    const req = await clientReq(user)
    // The setup used the current code: it never works again.
    const current = await generate({ secret })
    expect(await verifyTotp(req, user.id, current)).toBe(false)
  })
})

describe('login with a second factor', () => {
  it('answers the password with a challenge and no session, then the code starts one', async () => {
    const payload = await testPayload()
    const { user, secret } = await memberWithTotp()
    const before = (await listSessions({ payload }, user.id)).length

    const pending = (await passwordStep(user)) as SecondFactorRequired & {
      token?: string
      user?: unknown
    }
    expect(pending.twoFactorRequired).toBe(true)
    expect(pending.methods).toEqual(['totp', 'recovery'])
    expect(pending.challenge.length).toBeGreaterThan(30)
    expect(pending.token).toBeUndefined()
    expect(pending.user).toBeUndefined()
    expect((await listSessions({ payload }, user.id)).length).toBe(before)

    const wrong = await completeSecondFactor(await clientReq(), pending.challenge, {
      method: 'totp',
      code: '123456',
    })
    expect(wrong).toMatchObject({ ok: false, status: 401, field: 'code' })

    // The setup used the current code: the next time step's is taken (one step of drift).
    const outcome = (await completeSecondFactor(await clientReq(), pending.challenge, {
      method: 'totp',
      code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }),
    })) as Extract<LoginOutcome, { ok: true }>
    expect(outcome.ok).toBe(true)
    expect(outcome.user.id).toBe(user.id)

    // The token authenticates: it is a session like any other.
    const { user: authed } = await payload.auth({
      headers: new Headers({ Authorization: `JWT ${outcome.token}` }),
    })
    expect(authed?.id).toBe(user.id)
    expect((await listSessions({ payload }, user.id)).length).toBe(before + 1)

    // The challenge is spent.
    const again = await completeSecondFactor(await clientReq(), pending.challenge, {
      method: 'totp',
      code: await generate({ secret }),
    })
    expect(again).toMatchObject({ ok: false, status: 401, field: 'challenge' })

    const actions = (await securityActions(user.id)).map((entry) => entry.action)
    expect(actions).toContain('auth.login')
    expect(actions).toContain('auth.login_failed')
    const failure = (await securityActions(user.id)).find((e) => e.action === 'auth.login_failed')
    expect(failure?.ip).toMatch(/^203\.0\.113\./)
    expect(failure?.userAgent).toMatch(/^vitest /)
  }, 40_000)

  it('takes a recovery code once', async () => {
    const { user, codes } = await memberWithTotp()
    const first = await passwordStep(user)
    const ok = await completeSecondFactor(await clientReq(), first.challenge, {
      method: 'recovery',
      code: codes[3].toUpperCase().replace('-', ' '),
    })
    expect(ok.ok).toBe(true)
    expect(
      (await twoFactorState({ payload: await testPayload() }, user.id)).recoveryCodesLeft,
    ).toBe(9)

    const second = await passwordStep(user)
    const reused = await completeSecondFactor(await clientReq(), second.challenge, {
      method: 'recovery',
      code: codes[3],
    })
    expect(reused).toMatchObject({ ok: false, status: 401 })
    const actions = (await securityActions(user.id)).map((entry) => entry.action)
    expect(actions).toContain('auth.recovery_code_used')
  })

  it('spends a challenge after five wrong codes, even a right one after', async () => {
    const { user, codes } = await memberWithTotp()
    const pending = await passwordStep(user)
    const results = await Promise.all(
      Array.from({ length: CHALLENGE_MAX_ATTEMPTS + 3 }, async () =>
        completeSecondFactor(await clientReq(), pending.challenge, {
          method: 'recovery',
          code: 'aaaaa-aaaaa',
        }),
      ),
    )
    expect(results.every((result) => !result.ok)).toBe(true)
    const late = await completeSecondFactor(await clientReq(), pending.challenge, {
      method: 'recovery',
      code: codes[0],
    })
    expect(late).toMatchObject({ ok: false, field: 'challenge' })
    // The code was not spent by the refused attempt.
    expect(
      (await twoFactorState({ payload: await testPayload() }, user.id)).recoveryCodesLeft,
    ).toBe(10)
  })

  it('refuses GraphQL logins of an account with a second factor', async () => {
    const payload = await testPayload()
    const { user } = await memberWithTotp()
    const req = await clientReq()
    req.payloadAPI = 'GraphQL'
    const message = await rejection(
      payload.login({ collection: 'users', data: { email: user.email, password: PASSWORD }, req }),
    )
    expect(message).toMatch(/two-factor/)
  })

  it('changes the password on a reset but starts no session without the second factor', async () => {
    const payload = await testPayload()
    const { user } = await memberWithTotp()
    const token = await payload.forgotPassword({
      collection: 'users',
      data: { email: user.email },
      disableEmail: true,
    })
    const result = (await payload.resetPassword({
      collection: 'users',
      data: { token, password: 'another-horse-battery' },
      overrideAccess: true,
    })) as { token?: string }
    expect(result.token).toBeUndefined()
    expect(await listSessions({ payload }, user.id)).toHaveLength(0)
  })

  it('keeps password-only accounts as they were: a session at once', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    const result = await payload.login({
      collection: 'users',
      data: { email: user.email, password: PASSWORD },
      req: await clientReq(),
    })
    expect(result.token).toBeTruthy()
    expect(result.user?.id).toBe(user.id)
    const [session] = await listSessions({ payload }, user.id)
    expect(session.ip).toMatch(/^203\.0\.113\./)
  })

  it('asks no second factor once TOTP is turned off', async () => {
    const payload = await testPayload()
    const { user } = await memberWithTotp()
    expect(await disableTotp(await clientReq(user), user.id)).toBe(true)
    expect(await twoFactorState({ payload }, user.id)).toMatchObject({
      isTotpEnabled: false,
      recoveryCodesLeft: 0,
    })
    const result = await payload.login({
      collection: 'users',
      data: { email: user.email, password: PASSWORD },
      req: await clientReq(),
    })
    expect(result.token).toBeTruthy()
  })
})
