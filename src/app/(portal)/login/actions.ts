'use server'

import type { AuthenticationResponseJSON } from '@simplewebauthn/browser'
import { cookies } from 'next/headers'
import { redirect } from 'next/navigation'

import { publicAction } from '@/actions/formAction'
import { actionRequest, LOGIN_CHALLENGE_COOKIE, setSessionCookie } from '@/actions/request'
import { beginPasskeyLogin } from '@/lib/auth/passkeys'
import {
  completePasskeyLogin,
  isNetworkLimited,
  type SecondFactorRequired,
} from '@/lib/auth/secondFactor'
import type { FormState } from '@/lib/formState'
import { recordFailedLogin } from '@/lib/auth/securityLog'
import { CHALLENGE_TTL_SECONDS } from '@/lib/auth/challenges'
import { payloadClient, safeNext } from '@/data/session'
import { loginSchema } from '@/schemas/account'

/**
 * The password step. An account with a second factor gets no session here: the challenge goes
 * into a short-lived, http-only cookie and the code page completes the login.
 */
export const loginAction = publicAction({
  schema: loginSchema,
  run: async ({ email, password, next }, { payload }) => {
    const req = await actionRequest(payload)
    let result: Awaited<ReturnType<typeof payload.login>>
    try {
      result = await payload.login({ collection: 'users', data: { email, password }, req })
    } catch (error) {
      await recordFailedLogin(req, email, error)
      throw error
    }
    const pending = result as unknown as Partial<SecondFactorRequired>
    if (pending.twoFactorRequired && pending.challenge) {
      ;(await cookies()).set(LOGIN_CHALLENGE_COOKIE, pending.challenge, {
        httpOnly: true,
        path: '/login',
        sameSite: 'lax',
        secure: Boolean(payload.collections.users.config.auth.cookies.secure),
        maxAge: CHALLENGE_TTL_SECONDS,
      })
      redirect(`/login/two-factor?next=${encodeURIComponent(safeNext(next))}`)
    }
    if (!result.token || !result.exp) throw new Error('login returned no session')
    await setSessionCookie(payload, result.token, result.exp)
    redirect(safeNext(next))
  },
})

const PASSKEY_LOGIN_COOKIE = 'tt-passkey-login'

/** Starts signing in with a passkey alone: the browser's options; the ceremony in a cookie. */
export async function beginPasskeyLoginAction() {
  const payload = await payloadClient()
  const req = await actionRequest(payload)
  if (await isNetworkLimited(req)) {
    return { error: 'Too many attempts from this network. Wait 15 minutes.' }
  }
  const { token, options } = await beginPasskeyLogin(req)
  ;(await cookies()).set(PASSKEY_LOGIN_COOKIE, token, {
    httpOnly: true,
    path: '/login',
    sameSite: 'lax',
    secure: Boolean(payload.collections.users.config.auth.cookies.secure),
    maxAge: CHALLENGE_TTL_SECONDS,
  })
  return { options }
}

/** Finishes a passkey sign-in: the session, then where the person was going. */
export async function finishPasskeyLoginAction(
  response: AuthenticationResponseJSON,
  next: string,
): Promise<FormState> {
  const jar = await cookies()
  const token = jar.get(PASSKEY_LOGIN_COOKIE)?.value
  if (!token) return { status: 'error', message: 'This passkey request has expired. Try again.' }
  const payload = await payloadClient()
  const outcome = await completePasskeyLogin(await actionRequest(payload), token, response as never)
  if (!outcome.ok) return { status: 'error', message: outcome.message }
  jar.delete({ name: PASSKEY_LOGIN_COOKIE, path: '/login' })
  await setSessionCookie(payload, outcome.token, outcome.exp)
  redirect(safeNext(next))
}
