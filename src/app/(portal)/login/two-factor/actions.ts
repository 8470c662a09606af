'use server'

import type { AuthenticationResponseJSON } from '@simplewebauthn/browser'
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'
import { z } from 'zod'

import { publicAction } from '@/actions/formAction'
import { actionRequest, LOGIN_CHALLENGE_COOKIE, setSessionCookie } from '@/actions/request'
import { payloadClient, safeNext } from '@/data/session'
import {
  completeSecondFactor,
  secondFactorPasskeyOptions,
  type LoginOutcome,
} from '@/lib/auth/secondFactor'
import type { FormState } from '@/lib/formState'

const codeSchema = z.object({
  method: z.enum(['totp', 'recovery']),
  code: z
    .string()
    .trim()
    .min(1, 'Enter the code.')
    .max(40, 'Enter the 6-digit code, or a recovery code like abcde-12345.'),
  next: z.string().optional(),
})

const EXPIRED_MESSAGE = 'This login has expired. Log in with your password again.'

async function finish(outcome: LoginOutcome, next: string | undefined): Promise<FormState> {
  if (!outcome.ok) {
    if (outcome.field === 'challenge') {
      ;(await cookies()).delete({ name: LOGIN_CHALLENGE_COOKIE, path: '/login' })
    }
    return {
      status: 'error',
      message: outcome.message,
      ...(outcome.field === 'code' ? { errors: { code: outcome.message } } : {}),
    }
  }
  const jar = await cookies()
  jar.delete({ name: LOGIN_CHALLENGE_COOKIE, path: '/login' })
  await setSessionCookie(await payloadClient(), outcome.token, outcome.exp)
  redirect(safeNext(next))
}

/** The second step with a code from the authenticator app or a recovery code. */
export const secondFactorCodeAction = publicAction({
  schema: codeSchema,
  run: async ({ method, code, next }, { payload }) => {
    const challenge = (await cookies()).get(LOGIN_CHALLENGE_COOKIE)?.value
    if (!challenge) return { status: 'error', message: EXPIRED_MESSAGE }
    const req = await actionRequest(payload)
    return finish(await completeSecondFactor(req, challenge, { method, code }), next)
  },
})

/** Options for the browser to answer with one of the account's passkeys. */
export async function secondFactorPasskeyOptionsAction() {
  const challenge = (await cookies()).get(LOGIN_CHALLENGE_COOKIE)?.value
  if (!challenge) return { error: EXPIRED_MESSAGE }
  const payload = await payloadClient()
  const options = await secondFactorPasskeyOptions(await actionRequest(payload), challenge)
  return options ? { options } : { error: EXPIRED_MESSAGE }
}

/** The second step with a passkey. */
export async function secondFactorPasskeyAction(
  response: AuthenticationResponseJSON,
  next: string,
): Promise<FormState> {
  const challenge = (await cookies()).get(LOGIN_CHALLENGE_COOKIE)?.value
  if (!challenge) return { status: 'error', message: EXPIRED_MESSAGE }
  const payload = await payloadClient()
  const req = await actionRequest(payload)
  return finish(
    await completeSecondFactor(req, challenge, { method: 'passkey', response: response as never }),
    next,
  )
}
