import {
  addDataAndFileToRequest,
  headersWithCors,
  loginOperation,
  resetPasswordOperation,
  type Endpoint,
  type PayloadRequest,
} from 'payload'
import { generatePayloadCookie } from 'payload/shared'
import { z } from 'zod'

import { defineEndpoint } from '@/lib/api/endpoint'
import { errorJson } from '@/lib/api/errors'
import { beginPasskeyLogin } from '@/lib/auth/passkeys'
import {
  completePasskeyLogin,
  completeSecondFactor,
  isNetworkLimited,
  secondFactorPasskeyOptions,
  type LoginOutcome,
  type SecondFactorRequired,
} from '@/lib/auth/secondFactor'
import { recordFailedLogin } from '@/lib/auth/securityLog'

/**
 * POST /api/users/login, in place of Payload's: the same answer for an account without a second
 * factor (session token, cookie); for one with it, `{ twoFactorRequired, challenge, methods }`
 * and no token nor cookie, completed by POST /api/users/login/second-factor. Failed passwords
 * land in the account's security log.
 */
export const loginEndpoint: Endpoint = {
  path: '/login',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const email = typeof req.data?.email === 'string' ? req.data.email : ''
    const password = typeof req.data?.password === 'string' ? req.data.password : ''
    const collection = req.payload.collections.users
    let result: Awaited<ReturnType<typeof loginOperation>>
    try {
      result = await loginOperation({ collection, data: { email, password }, req })
    } catch (error) {
      await recordFailedLogin(req, email, error)
      throw error
    }
    const pending = result as unknown as Partial<SecondFactorRequired>
    if (pending.twoFactorRequired) {
      return Response.json(
        {
          message:
            'Password accepted. Complete the login with a second factor: POST /api/users/login/second-factor.',
          ...pending,
        },
        { headers: headersWithCors({ headers: new Headers(), req }) },
      )
    }
    return sessionResponse(req, {
      ok: true,
      token: result.token as string,
      exp: result.exp as number,
      user: result.user as never,
    })
  },
}

/** A started session as Payload answers a login: the token in the body and in the cookie. */
function sessionResponse(req: PayloadRequest, outcome: LoginOutcome): Response {
  if (!outcome.ok) {
    return errorJson(outcome.status, outcome.message, outcome.field ? { field: outcome.field } : {})
  }
  const cookie = generatePayloadCookie({
    collectionAuthConfig: req.payload.collections.users.config.auth,
    cookiePrefix: req.payload.config.cookiePrefix,
    token: outcome.token,
  })
  return Response.json(
    {
      message: 'Authentication passed',
      user: outcome.user,
      token: outcome.token,
      exp: outcome.exp,
    },
    { headers: headersWithCors({ headers: new Headers({ 'Set-Cookie': cookie }), req }) },
  )
}

const challenge = z
  .string({ error: 'challenge is required: the one POST /api/users/login answered.' })
  .min(20, 'challenge is not valid.')
  .max(200, 'challenge is not valid.')

/** A browser's WebAuthn answer (AuthenticationResponseJSON), checked in depth by the verifier. */
const passkeyResponse = z
  .object({
    id: z.string().max(1500),
    rawId: z.string().max(1500),
    type: z.literal('public-key'),
    response: z.object({
      clientDataJSON: z.string().max(5000),
      authenticatorData: z.string().max(5000),
      signature: z.string().max(2000),
      userHandle: z.string().max(1000).optional(),
    }),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
    authenticatorAttachment: z.string().max(40).optional(),
  })
  .loose()

const sessionBody = z.object({
  user: z.object({ id: z.number(), email: z.string() }),
  token: z.string(),
  exp: z.number(),
  message: z.string(),
})

export const secondFactorEndpoint = defineEndpoint({
  path: '/login/second-factor',
  method: 'post',
  summary: 'Complete a login with a second factor (TOTP code, recovery code or passkey)',
  description:
    'Send the `challenge` of POST /api/users/login with exactly one of `code` (6 digits from the authenticator app), `recoveryCode` (xxxxx-xxxxx, works once) or `passkey` (the browser’s WebAuthn answer to the options of POST /api/users/login/second-factor/passkey-options). A challenge lives 5 minutes and takes 5 attempts; attempts are also limited per account and network (429).',
  caller: 'anyone',
  doing: 'log in',
  body: z
    .object({
      challenge,
      code: z.string().max(20).optional(),
      recoveryCode: z.string().max(40).optional(),
      passkey: passkeyResponse.optional(),
    })
    .refine((body) => [body.code, body.recoveryCode, body.passkey].filter(Boolean).length === 1, {
      message: 'Send exactly one of code, recoveryCode or passkey.',
      path: ['code'],
    }),
  response: {
    description: 'Signed in: a session token (also set as the cookie)',
    body: sessionBody,
  },
  handler: async (req, { body }) => {
    const outcome = await completeSecondFactor(
      req,
      body.challenge,
      body.passkey
        ? { method: 'passkey', response: body.passkey as never }
        : body.recoveryCode
          ? { method: 'recovery', code: body.recoveryCode }
          : { method: 'totp', code: body.code ?? '' },
    )
    return sessionResponse(req, outcome)
  },
})

export const secondFactorPasskeyOptionsEndpoint = defineEndpoint({
  path: '/login/second-factor/passkey-options',
  method: 'post',
  summary: 'WebAuthn options to complete a login with one of the account’s passkeys',
  caller: 'anyone',
  doing: 'log in',
  body: z.object({ challenge }),
  response: {
    description: 'PublicKeyCredentialRequestOptionsJSON for navigator.credentials.get',
    body: z.object({ options: z.record(z.string(), z.unknown()) }),
  },
  handler: async (req, { body }) => {
    const options = await secondFactorPasskeyOptions(req, body.challenge)
    if (!options) {
      return errorJson(401, 'This login has expired, or the account has no passkey.', {
        field: 'challenge',
      })
    }
    return Response.json({ options })
  },
})

export const passkeyLoginOptionsEndpoint = defineEndpoint({
  path: '/login/passkey-options',
  method: 'post',
  summary: 'Start signing in with a passkey alone: WebAuthn options and a challenge',
  caller: 'anyone',
  doing: 'log in',
  response: {
    description: 'The options for navigator.credentials.get and the challenge to send back',
    body: z.object({ challenge: z.string(), options: z.record(z.string(), z.unknown()) }),
  },
  handler: async (req) => {
    if (await isNetworkLimited(req)) {
      return errorJson(429, 'Too many attempts from this network. Wait 15 minutes.')
    }
    const { token, options } = await beginPasskeyLogin(req)
    return Response.json({ challenge: token, options })
  },
})

export const passkeyLoginEndpoint = defineEndpoint({
  path: '/login/passkey',
  method: 'post',
  summary: 'Sign in with a passkey: the browser’s WebAuthn answer to /login/passkey-options',
  caller: 'anyone',
  doing: 'log in',
  body: z.object({ challenge, passkey: passkeyResponse }),
  response: {
    description: 'Signed in: a session token (also set as the cookie)',
    body: sessionBody,
  },
  handler: async (req, { body }) =>
    sessionResponse(req, await completePasskeyLogin(req, body.challenge, body.passkey as never)),
})

/**
 * POST /api/users/reset-password, in place of Payload's: its answer and session cookie for an
 * account without a second factor; for one with it, no token and no cookie (Payload's would set
 * an empty `payload-token`): the account logs in with its password and second factor next.
 */
export const resetPasswordEndpoint: Endpoint = {
  path: '/reset-password',
  method: 'post',
  handler: async (req) => {
    await addDataAndFileToRequest(req)
    const depth = req.searchParams?.get('depth')
    const result = await resetPasswordOperation({
      collection: req.payload.collections.users,
      data: {
        password: typeof req.data?.password === 'string' ? req.data.password : '',
        token: typeof req.data?.token === 'string' ? req.data.token : '',
      },
      depth: depth ? Number(depth) : undefined,
      req,
    })
    const headers = new Headers()
    if (result.token) {
      headers.set(
        'Set-Cookie',
        generatePayloadCookie({
          collectionAuthConfig: req.payload.collections.users.config.auth,
          cookiePrefix: req.payload.config.cookiePrefix,
          token: result.token,
        }),
      )
    }
    return Response.json(
      {
        message: result.token
          ? 'Password reset successfully.'
          : 'Password reset successfully. Log in with it and your second factor.',
        ...result,
      },
      { headers: headersWithCors({ headers, req }) },
    )
  },
}

export const loginEndpoints: Endpoint[] = [
  loginEndpoint,
  resetPasswordEndpoint,
  secondFactorEndpoint,
  secondFactorPasskeyOptionsEndpoint,
  passkeyLoginOptionsEndpoint,
  passkeyLoginEndpoint,
]
