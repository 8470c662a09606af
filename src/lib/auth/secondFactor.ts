import type { AuthenticationResponseJSON } from '@simplewebauthn/server'
import type { PayloadRequest } from 'payload'

import { cancelDeletion } from '../accountData/deletion'
import { db } from '../db'
import { ipBucket } from '../net/ip'
import { hitLimit } from '../rateLimit'
import { requestIp } from '../requestIp'
import {
  attemptChallenge,
  CHALLENGE_MAX_ATTEMPTS,
  createChallenge,
  setWebauthnChallenge,
  spendChallenge,
} from './challenges'
import { passkeyRequestOptions, verifyPasskey } from './passkeys'
import { logSecurityEvent } from './securityLog'
import { startUserSession } from './sessions'
import {
  secondFactorMethods,
  twoFactorState,
  redeemRecoveryCode,
  verifyTotp,
  type SecondFactorMethod,
} from './twoFactor'

/**
 * The second step of a login, whatever the door (REST, the portal's pages): the password step
 * left a `second-factor` challenge (collections/Users/hooks/sessions.ts); a TOTP code, a
 * recovery code or a passkey completes it and starts the session. Attempts are limited per
 * challenge (then the password is asked again), per account and per client network.
 */
type Req = Pick<
  PayloadRequest,
  'payload' | 'transactionID' | 'headers' | 'context' | 'user' | 'payloadAPI'
>

const MINUTES_15 = 15 * 60_000
export const SECOND_FACTOR_LIMITS = {
  perUser: { limit: 10, windowMs: MINUTES_15 },
  perIp: { limit: 30, windowMs: MINUTES_15 },
} as const

export type SecondFactorRequired = {
  twoFactorRequired: true
  challenge: string
  methods: SecondFactorMethod[]
  expiresAt: string
}

/** After a right password: a challenge for the second factor, or null when the account has none. */
export async function requireSecondFactor(
  req: Pick<PayloadRequest, 'payload' | 'transactionID'>,
  userId: number | string,
): Promise<SecondFactorRequired | null> {
  const methods = secondFactorMethods(await twoFactorState(req, userId))
  if (methods.length === 0) return null
  const { token, expiresAt } = await createChallenge(req, 'second-factor', { userId })
  return {
    twoFactorRequired: true,
    challenge: token,
    methods,
    expiresAt: expiresAt.toISOString(),
  }
}

export type SecondFactorInput =
  | { method: 'totp'; code: string }
  | { method: 'recovery'; code: string }
  | { method: 'passkey'; response: AuthenticationResponseJSON }

export type LoginOutcome =
  | { ok: true; token: string; exp: number; user: { id: number; email: string } }
  | { ok: false; status: 400 | 401 | 429; message: string; field?: string }

const EXPIRED: Extract<LoginOutcome, { ok: false }> = {
  ok: false,
  status: 401,
  message: 'This login has expired or had too many wrong codes. Log in with your password again.',
  field: 'challenge',
}

/** The client's network for limits; REST and pages always have one, scripts none (then no limit). */
const clientNetwork = (req: Req & Pick<PayloadRequest, 'payloadAPI'>) => {
  const ip = requestIp(req)
  return ip ? ipBucket(ip) : req.payloadAPI === 'local' ? null : 'unknown'
}

/** Counts one login attempt of the client's network; true when it is over its limit. */
export async function isNetworkLimited(req: Req) {
  const network = clientNetwork(req)
  if (!network) return false
  const { perIp } = SECOND_FACTOR_LIMITS
  return !(await hitLimit(`2fa:ip:${network}`, perIp.limit, perIp.windowMs)).isAllowed
}

/** Options for a passkey as the second factor of a pending login. */
export async function secondFactorPasskeyOptions(req: Req, challengeToken: string) {
  // Asking counts as an attempt too: options cannot be asked for without end.
  const challenge = await attemptChallenge(
    { payload: req.payload },
    challengeToken,
    'second-factor',
  )
  if (!challenge?.userId) return null
  const options = await passkeyRequestOptions({ payload: req.payload }, challenge.userId)
  if (!options.allowCredentials?.length) return null
  await setWebauthnChallenge({ payload: req.payload }, challenge.id, options.challenge)
  return options
}

/** Completes a login's second step. */
export async function completeSecondFactor(
  req: Req,
  challengeToken: string,
  input: SecondFactorInput,
): Promise<LoginOutcome> {
  const { perUser } = SECOND_FACTOR_LIMITS
  if (await isNetworkLimited(req)) {
    return { ok: false, status: 429, message: 'Too many codes from this network. Wait 15 minutes.' }
  }
  // The attempt is counted outside any transaction of the request: a failure must not undo it.
  const challenge = await attemptChallenge(
    { payload: req.payload },
    challengeToken,
    'second-factor',
  )
  if (!challenge?.userId) return EXPIRED
  const userId = challenge.userId
  if (!(await hitLimit(`2fa:user:${userId}`, perUser.limit, perUser.windowMs)).isAllowed) {
    return {
      ok: false,
      status: 429,
      message: 'Too many codes for this account. Wait 15 minutes, then log in again.',
    }
  }
  const db = { payload: req.payload }
  let isValid = false
  let how = ''
  if (input.method === 'totp') {
    isValid = await verifyTotp(db, userId, input.code)
    how = 'an authenticator code'
  } else if (input.method === 'recovery') {
    isValid = await redeemRecoveryCode(db, userId, input.code)
    how = 'a recovery code'
  } else if (challenge.webauthnChallenge) {
    const proof = await verifyPasskey(db, input.response, challenge.webauthnChallenge, userId)
    isValid = proof !== null
    how = proof ? `the passkey “${proof.passkeyName}”` : 'a passkey'
  }
  if (!isValid) {
    await logSecurityEvent(req, {
      action: 'auth.login_failed',
      userId,
      summary: `Failed login: wrong second factor (${how})`,
      details: { method: input.method },
    })
    const left = CHALLENGE_MAX_ATTEMPTS - challenge.attempts
    return {
      ok: false,
      status: 401,
      field: input.method === 'passkey' ? 'passkey' : 'code',
      message:
        left > 0
          ? `That ${input.method === 'passkey' ? 'passkey did not match' : 'code is not right'}. ${left} ${left === 1 ? 'try' : 'tries'} left.`
          : EXPIRED.message,
    }
  }
  if (!(await spendChallenge(db, challenge.id))) return EXPIRED
  if (input.method === 'recovery') {
    const { recoveryCodesLeft } = await twoFactorState(db, userId)
    await logSecurityEvent(req, {
      action: 'auth.recovery_code_used',
      userId,
      summary: `Used a recovery code (${recoveryCodesLeft} left)`,
      details: { left: recoveryCodesLeft },
    })
  }
  return startLoggedSession(req, userId, `password and ${how}`, input.method)
}

/** Starts the session of a fully authenticated login and writes it to the security log. */
export async function startLoggedSession(
  req: Req,
  userId: number,
  how: string,
  method: string,
): Promise<LoginOutcome> {
  const session = await startUserSession(req, userId)
  if (!session) return { ok: false, status: 401, message: 'Confirm your email before logging in.' }
  // A completed login (the password one cancels in the login operation's hook).
  await cancelDeletion(await db(req), userId)
  await logSecurityEvent(req, {
    action: 'auth.login',
    userId,
    summary: `Logged in with ${how}`,
    details: { method },
  })
  return {
    ok: true,
    token: session.token,
    exp: session.exp,
    user: { id: session.user.id, email: session.user.email },
  }
}

/** Signs in with a passkey alone (discoverable credential): no password, no second step. */
export async function completePasskeyLogin(
  req: Req,
  challengeToken: string,
  response: AuthenticationResponseJSON,
): Promise<LoginOutcome> {
  if (await isNetworkLimited(req)) {
    return {
      ok: false,
      status: 429,
      message: 'Too many attempts from this network. Wait 15 minutes.',
    }
  }
  const db = { payload: req.payload }
  const challenge = await attemptChallenge(db, challengeToken, 'passkey-login')
  if (!challenge?.webauthnChallenge) {
    return { ok: false, status: 401, message: 'This passkey request has expired. Try again.' }
  }
  // No password before it: the passkey must have verified its user (PIN, biometrics).
  const proof = await verifyPasskey(db, response, challenge.webauthnChallenge, undefined, {
    isUserVerified: true,
  })
  if (!proof || !(await spendChallenge(db, challenge.id))) {
    return {
      ok: false,
      status: 401,
      field: 'passkey',
      message: 'This passkey is not registered here, or it could not be verified.',
    }
  }
  return startLoggedSession(req, proof.userId, `the passkey “${proof.passkeyName}”`, 'passkey')
}
