import { generate } from 'otplib'
import pg from 'pg'
import { createLocalReq, type PayloadRequest } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { cancelDeletion, scheduleDeletion } from '@/lib/accountData/deletion'
import {
  deletionFactorProblem,
  deletionFactors,
  deletionPasskeyOptions,
} from '@/lib/accountData/secondFactor'
import {
  confirmTotp,
  newRecoveryCodes,
  removeOwnPasskey,
  turnOffTotp,
} from '@/lib/auth/factorChanges'
import { checkCurrentPassword, PASSWORD_CHECKS } from '@/lib/auth/password'
import { beginPasskeyLogin, listPasskeys } from '@/lib/auth/passkeys'
import {
  completePasskeyLogin,
  completeSecondFactor,
  secondFactorPasskeyOptions,
  type SecondFactorRequired,
} from '@/lib/auth/secondFactor'
import { listSessions } from '@/lib/auth/sessions'
import { beginTotpSetup, twoFactorState } from '@/lib/auth/twoFactor'
import { closeKeyService, verifyKey } from '@/lib/keys/service'
import type { User } from '@/payload-types'

import { asUser, issueKey, makeUser, testPayload, unique } from '../helpers/payload'
import { softPasskey } from '../helpers/softPasskey'
import { inPgTransaction } from '../helpers/pgTransaction'

const PASSWORD = 'correct-horse-battery'
let db: pg.Pool

beforeAll(() => {
  db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 })
})
afterAll(async () => {
  await closeKeyService()
  await db.end()
})

/** A request from a client address of its own (limits of one test never meet another's). */
async function clientReq(user?: User): Promise<PayloadRequest> {
  const payload = await testPayload()
  const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`
  return createLocalReq(
    {
      ...(user ? { user: asUser(user) } : {}),
      context: { ip, userAgent: `vitest ${unique('ua')}` },
    },
    payload,
  )
}

/** Mails queued for `to` whose subject matches. */
async function mailsTo(to: string, subject: RegExp) {
  const { rows } = await db.query<{ subject: string }>(
    `SELECT j.payload->>'subject' AS subject FROM graphile_worker._private_jobs j
       JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'mail__send' AND j.payload->>'to' = $1`,
    [to],
  )
  return rows.filter((row) => subject.test(row.subject))
}

async function logged(userId: number, action: string) {
  const payload = await testPayload()
  const { docs } = await payload.find({
    collection: 'audit-logs',
    where: { and: [{ owner: { equals: userId } }, { action: { equals: action } }] },
    overrideAccess: true,
  })
  return docs
}

describe('changing a second factor asks for the current password', () => {
  it('turns the authenticator app on only with the password, then logs and mails it', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    const req = await clientReq(user)
    const secret = await beginTotpSetup(req, user.id)

    const stolen = await confirmTotp(req, user, {
      code: await generate({ secret }),
      currentPassword: 'not-the-password',
    })
    expect(stolen.status).toBe('error')
    expect(stolen.errors?.currentPassword).toMatch(/current password/)
    expect(stolen.codes).toBeUndefined()
    expect((await twoFactorState({ payload }, user.id)).isTotpEnabled).toBe(false)

    const done = await confirmTotp(req, user, {
      code: await generate({ secret }),
      currentPassword: PASSWORD,
    })
    expect(done.status).toBe('ok')
    expect(done.codes).toHaveLength(10)
    expect((await twoFactorState({ payload }, user.id)).isTotpEnabled).toBe(true)
    expect(await logged(user.id, 'auth.two_factor_enabled')).toHaveLength(1)
    expect(await mailsTo(user.email, /authenticator app was added/)).toHaveLength(1)

    // Turning it off: the password again, and a mail.
    const refused = await turnOffTotp(req, user, { currentPassword: 'nope-nope-nope' })
    expect(refused.errors?.currentPassword).toBeTruthy()
    expect((await turnOffTotp(req, user, { currentPassword: PASSWORD })).status).toBe('ok')
    expect(await mailsTo(user.email, /authenticator app was removed/)).toHaveLength(1)
  })

  it('removes a passkey only with the password, then logs and mails it', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    const key = await softPasskey(user.id, 'Laptop')
    const req = await clientReq(user)

    const stolen = await removeOwnPasskey(req, user, { id: key.id, currentPassword: 'guess-123' })
    expect(stolen.status).toBe('error')
    expect(stolen.errors?.currentPassword).toMatch(/current password/)
    expect(await listPasskeys({ payload }, user.id)).toHaveLength(1)

    const done = await removeOwnPasskey(req, user, { id: key.id, currentPassword: PASSWORD })
    expect(done).toMatchObject({ status: 'ok', message: 'Passkey “Laptop” removed.' })
    expect(await listPasskeys({ payload }, user.id)).toHaveLength(0)
    expect(await logged(user.id, 'auth.passkey_removed')).toHaveLength(1)
    expect(await mailsTo(user.email, /passkey was removed/)).toHaveLength(1)
  })

  it('mails the account when new recovery codes replace the earlier ones', async () => {
    const user = await makeUser()
    await softPasskey(user.id)
    const req = await clientReq(user)
    const done = await newRecoveryCodes(req, user, { currentPassword: PASSWORD })
    expect(done.codes).toHaveLength(10)
    expect(await logged(user.id, 'auth.recovery_codes_generated')).toHaveLength(1)
    expect(await mailsTo(user.email, /new recovery codes/)).toHaveLength(1)
  })
})

describe('the current-password check', () => {
  it('counts only wrong passwords toward its limit', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    // More right passwords than the limit: none of them counts.
    for (let i = 0; i <= PASSWORD_CHECKS.limit; i++) {
      expect(await checkCurrentPassword(payload, user.id, PASSWORD)).toBe('OK')
    }
    for (let i = 0; i < PASSWORD_CHECKS.limit; i++) {
      expect(await checkCurrentPassword(payload, user.id, `wrong-${i}`)).toBe('WRONG')
    }
    // Over the limit: refused before any comparison, the right password too.
    expect(await checkCurrentPassword(payload, user.id, 'wrong-again')).toBe('TOO_MANY')
    expect(await checkCurrentPassword(payload, user.id, PASSWORD)).toBe('TOO_MANY')
  })

  it('lets no more guesses than the limit through when they arrive at once', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    const answers = await Promise.all(
      Array.from({ length: PASSWORD_CHECKS.limit + 5 }, (_, i) =>
        checkCurrentPassword(payload, user.id, `guess-${i}`),
      ),
    )
    expect(answers.filter((answer) => answer === 'WRONG')).toHaveLength(PASSWORD_CHECKS.limit)
    expect(answers.filter((answer) => answer === 'TOO_MANY')).toHaveLength(5)
  })
})

describe('passkey sign-in', () => {
  it('asks a passkey used alone to verify its user, and refuses one that did not', async () => {
    const user = await makeUser()
    const key = await softPasskey(user.id)
    const req = await clientReq()

    const first = await beginPasskeyLogin(req)
    expect(first.options.userVerification).toBe('required')
    const unverified = await completePasskeyLogin(
      req,
      first.token,
      key.answer(first.options, { isUserVerified: false }),
    )
    expect(unverified).toMatchObject({ ok: false, status: 401, field: 'passkey' })

    const second = await beginPasskeyLogin(req)
    const verified = await completePasskeyLogin(req, second.token, key.answer(second.options))
    expect(verified).toMatchObject({ ok: true, user: { id: user.id } })
  })

  it('still takes a passkey without user verification as the second factor after the password', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    const key = await softPasskey(user.id)
    const req = await clientReq()
    const pending = (await payload.login({
      collection: 'users',
      data: { email: user.email, password: PASSWORD },
      req,
    })) as unknown as SecondFactorRequired
    expect(pending.twoFactorRequired).toBe(true)
    const options = await secondFactorPasskeyOptions(req, pending.challenge)
    expect(options?.userVerification).toBe('preferred')
    const outcome = await completeSecondFactor(req, pending.challenge, {
      method: 'passkey',
      response: key.answer(options as never, { isUserVerified: false }),
    })
    expect(outcome).toMatchObject({ ok: true, user: { id: user.id } })
  })
})

const inTransaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => inPgTransaction(db, work)

describe('account deletion', () => {
  it('stops the account’s keys during the grace period, and a cancelled deletion starts them again', async () => {
    const user = await makeUser()
    const key = await issueKey(user)
    // Verified once: its record is cached.
    expect((await verifyKey({ key: key.key })).code).toBe('VALID')

    await inTransaction((client) => scheduleDeletion(client, user, null))
    const during = await verifyKey({ key: key.key })
    expect(during).toMatchObject({ valid: false, code: 'REVOKED' })
    const { rows } = await db.query('SELECT status FROM api_keys WHERE id = $1', [key.id])
    expect(rows[0].status).toBe('active')

    await inTransaction((client) => cancelDeletion(client, user.id))
    expect((await verifyKey({ key: key.key })).code).toBe('VALID')
  })

  it('asks a passkey-only account to confirm with its passkey', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    const key = await softPasskey(user.id)
    expect(await deletionFactors(payload, user)).toEqual({ code: false, passkey: true })

    const missing = await deletionFactorProblem(payload, user, {})
    expect(missing?.errors?.passkey).toMatch(/passkey/)

    // A passkey answer to another challenge, or to none of this account's, proves nothing.
    const started = await deletionPasskeyOptions(payload, user)
    if (!started) throw new Error('no passkey options')
    const wrong = await deletionFactorProblem(payload, user, {
      passkey: JSON.stringify(key.answer({ challenge: 'c29tZXRoaW5nLWVsc2U' })),
      passkeyChallenge: started.challenge,
    })
    expect(wrong?.errors?.passkey).toMatch(/could not be verified/)

    // Another account's challenge does not prove this one.
    const stranger = await makeUser()
    const strangerKey = await softPasskey(stranger.id)
    const theirs = await deletionPasskeyOptions(payload, stranger)
    if (!theirs) throw new Error('no passkey options')
    const crossed = await deletionFactorProblem(payload, user, {
      passkey: JSON.stringify(strangerKey.answer(theirs.options)),
      passkeyChallenge: theirs.challenge,
    })
    expect(crossed?.errors?.passkey).toMatch(/could not be verified/)

    const proof = await deletionPasskeyOptions(payload, user)
    if (!proof) throw new Error('no passkey options')
    expect(
      await deletionFactorProblem(payload, user, {
        passkey: JSON.stringify(key.answer(proof.options)),
        passkeyChallenge: proof.challenge,
      }),
    ).toBeNull()
    // A challenge works once.
    expect(
      (
        await deletionFactorProblem(payload, user, {
          passkey: JSON.stringify(key.answer(proof.options)),
          passkeyChallenge: proof.challenge,
        })
      )?.errors?.passkey,
    ).toBeTruthy()
  })
})

/** POST /api/users/reset-password as the REST router runs it (the first endpoint that matches). */
async function resetOverRest(token: string, password: string) {
  const payload = await testPayload()
  const endpoints = payload.collections.users.config.endpoints as {
    path: string
    method: string
    handler: (req: PayloadRequest) => Promise<Response>
  }[]
  const endpoint = endpoints.find((e) => e.path === '/reset-password' && e.method === 'post')
  if (!endpoint) throw new Error('no reset-password endpoint')
  const req = await clientReq()
  req.routeParams = { collection: 'users' }
  req.headers = new Headers({ 'content-type': 'application/json' })
  req.data = { token, password }
  req.json = async () => ({ token, password })
  return endpoint.handler(req)
}

describe('password reset over REST', () => {
  it('sets no cookie and gives no token to an account with a second factor', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    await softPasskey(user.id)
    const token = await payload.forgotPassword({
      collection: 'users',
      data: { email: user.email },
      disableEmail: true,
    })
    const response = await resetOverRest(token, 'another-horse-battery')
    expect(response.status).toBe(200)
    expect(response.headers.get('set-cookie')).toBeNull()
    const body = (await response.json()) as { token?: string; message: string }
    expect(body.token).toBeUndefined()
    expect(body.message).toMatch(/log in/i)
  })

  it('signs a password-only account in as before', async () => {
    const payload = await testPayload()
    const user = await makeUser()
    const token = await payload.forgotPassword({
      collection: 'users',
      data: { email: user.email },
      disableEmail: true,
    })
    const response = await resetOverRest(token, 'another-horse-battery')
    expect(response.status).toBe(200)
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/-token=ey/)
    expect(cookie).not.toMatch(/=undefined/)
  })
})

/** POST /api/users/:id/reset-two-factor as `caller`, confirmed with `body` (their password). */
async function staffReset(
  caller: User,
  memberId: number,
  body: Record<string, unknown> = { currentPassword: PASSWORD },
) {
  const payload = await testPayload()
  const endpoints = payload.collections.users.config.endpoints as {
    path: string
    method: string
    handler: (req: PayloadRequest) => Promise<Response>
  }[]
  const endpoint = endpoints.find((e) => e.path === '/:id/reset-two-factor')
  if (!endpoint) throw new Error('no reset-two-factor endpoint')
  const req = await clientReq(caller)
  req.routeParams = { collection: 'users', id: String(memberId) }
  req.json = async () => body
  return endpoint.handler(req)
}

describe('staff reset a member’s two-factor authentication', () => {
  it('removes the app, the codes and the passkeys, ends the sessions, logs and mails it', async () => {
    const payload = await testPayload()
    const member = await makeUser()
    const req = await clientReq(member)
    const secret = await beginTotpSetup(req, member.id)
    await confirmTotp(req, member, { code: await generate({ secret }), currentPassword: PASSWORD })
    await softPasskey(member.id)
    await db.query(
      `INSERT INTO user_sessions (id, user_id, expires_at)
       VALUES (gen_random_uuid(), $1, now() + interval '1 hour')`,
      [member.id],
    )
    const staff = await makeUser(['staff'])

    const response = await staffReset(staff, member.id)
    expect(response.status, await response.clone().text()).toBe(200)
    expect((await response.json()).removed).toEqual({
      totp: true,
      recoveryCodes: 10,
      passkeys: 1,
    })
    expect(await twoFactorState({ payload }, member.id)).toMatchObject({
      isTotpEnabled: false,
      recoveryCodesLeft: 0,
      passkeys: 0,
    })
    const [entry] = await logged(member.id, 'auth.two_factor_disabled')
    expect(entry.summary).toMatch(/reset by staff/)
    expect(typeof entry.actor === 'object' ? entry.actor?.id : entry.actor).toBe(staff.id)
    expect(await mailsTo(member.email, /two-factor authentication was reset/)).toHaveLength(1)
    expect(await listSessions({ payload }, member.id)).toHaveLength(0)
    // The password alone signs in again.
    const login = await payload.login({
      collection: 'users',
      data: { email: member.email, password: PASSWORD },
      req: await clientReq(),
    })
    expect(login.token).toBeTruthy()
  })

  it('refuses members and moderators (403), and staff on staff accounts', async () => {
    const payload = await testPayload()
    const member = await makeUser()
    await softPasskey(member.id)
    for (const roles of [['member'], ['moderator']] as User['roles'][]) {
      const caller = await makeUser(roles)
      const response = await staffReset(caller, member.id)
      expect(response.status).toBe(403)
    }
    expect((await twoFactorState({ payload }, member.id)).passkeys).toBe(1)

    const colleague = await makeUser(['staff'])
    await softPasskey(colleague.id)
    expect((await staffReset(await makeUser(['staff']), colleague.id)).status).toBe(403)
    expect((await staffReset(await makeUser(['admin']), colleague.id)).status).toBe(200)
    expect((await staffReset(await makeUser(['staff']), 2_000_000_000)).status).toBe(404)
  })

  it('asks the staff member for their own password, and their code when they use an app', async () => {
    const payload = await testPayload()
    const member = await makeUser()
    await softPasskey(member.id)
    const staff = await makeUser(['staff'])
    const problem = async (response: Response) => ({
      status: response.status,
      field: ((await response.json()) as { errors: { field?: string }[] }).errors[0].field,
    })

    // A stolen staff session alone resets nothing.
    expect(await problem(await staffReset(staff, member.id, {}))).toEqual({
      status: 400,
      field: 'currentPassword',
    })
    expect(
      await problem(await staffReset(staff, member.id, { currentPassword: 'a-guess-123' })),
    ).toEqual({ status: 401, field: 'currentPassword' })
    expect((await twoFactorState({ payload }, member.id)).passkeys).toBe(1)

    // A staff member with an authenticator app gives its code too.
    const req = await clientReq(staff)
    const secret = await beginTotpSetup(req, staff.id)
    await confirmTotp(req, staff, { code: await generate({ secret }), currentPassword: PASSWORD })
    expect(await problem(await staffReset(staff, member.id))).toEqual({
      status: 400,
      field: 'code',
    })
    expect(
      await problem(
        await staffReset(staff, member.id, { currentPassword: PASSWORD, code: '000000' }),
      ),
    ).toEqual({ status: 401, field: 'code' })
    expect((await twoFactorState({ payload }, member.id)).passkeys).toBe(1)
    // The code the setup spent cannot be used again: wait for the next one.
    const fresh = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 })
    const done = await staffReset(staff, member.id, { currentPassword: PASSWORD, code: fresh })
    expect(done.status, await done.clone().text()).toBe(200)
    expect((await twoFactorState({ payload }, member.id)).passkeys).toBe(0)
  })

  it('refuses a staff member’s own account (Settings → Security is for that)', async () => {
    const payload = await testPayload()
    const admin = await makeUser(['admin'])
    await softPasskey(admin.id)
    const response = await staffReset(admin, admin.id)
    expect(response.status).toBe(400)
    expect(await response.text()).toMatch(/Use Settings → Security for your own account/)
    expect((await twoFactorState({ payload }, admin.id)).passkeys).toBe(1)
  })
})
