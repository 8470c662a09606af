import 'server-only'

import { cookies, headers } from 'next/headers'
import { createLocalReq, type Payload, type PayloadRequest, type TypedUser } from 'payload'

import { clientIpOf } from '@/lib/net/clientAddress'
import type { User } from '@/payload-types'

/**
 * A Payload request for a portal action that records who and where: the client address our
 * server resolved and the browser, as REST requests carry them (sessions, security log).
 */
export async function actionRequest(payload: Payload, user?: User | null): Promise<PayloadRequest> {
  const incoming = await headers()
  return createLocalReq(
    {
      ...(user ? { user: { ...user, collection: 'users' } as TypedUser } : {}),
      context: {
        ip: clientIpOf(incoming) ?? 'local',
        userAgent: incoming.get('user-agent')?.slice(0, 300) ?? '',
      },
    },
    payload,
  )
}

/** The pending second step of a login, between the password page and the code page. */
export const LOGIN_CHALLENGE_COOKIE = 'tt-login-challenge'

/** Sets the session cookie as Payload's login does (name, flags, lifetime). */
export async function setSessionCookie(payload: Payload, token: string, exp: number) {
  const auth = payload.collections.users.config.auth
  ;(await cookies()).set(`${payload.config.cookiePrefix}-token`, token, {
    httpOnly: true,
    path: '/',
    sameSite: 'lax',
    secure: Boolean(auth.cookies.secure),
    expires: new Date(exp * 1000),
    ...(auth.cookies.domain ? { domain: auth.cookies.domain } : {}),
  })
}
