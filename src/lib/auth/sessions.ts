import { randomUUID } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import { decodeJwt, jwtVerify, SignJWT } from 'jose'
import { getFieldsToSign, type AuthStrategy, type Payload, type PayloadRequest } from 'payload'
import { parseCookies } from 'payload/shared'

import { rowsOf, sqlFor } from '../db'
import { requestIp } from '../requestIp'
import { userAgentOf } from './securityLog'

/**
 * Login sessions, one row each in `user_sessions` (created by a migration), instead of Payload's
 * `sessions` array on the user document. Payload rewrites that whole array — and the whole user
 * row — on every login and logout, so of ten simultaneous logins only the last one's session
 * survived. Here a login inserts its row and a logout deletes its own; nothing is rewritten.
 *
 * Tokens are Payload's JWTs with a session id (`sid`) and our own version in the protected
 * header. Payload's built-in JWT check refuses that version, so a token is accepted only by
 * `sessionStrategy`, which also requires its session row to exist: logging out ends a token at
 * once, wherever it was copied to.
 */
export const SESSION_AUTH_VERSION = 'tt-session-1'

export type SessionClaims = { id: number | string; collection: string; sid: string }

type Req = Pick<PayloadRequest, 'payload' | 'transactionID' | 'headers'> &
  Partial<Pick<PayloadRequest, 'context'>>

const secretKey = (payload: Payload) => new TextEncoder().encode(payload.secret)

const tokenExpiration = (payload: Payload) =>
  payload.collections.users.config.auth.tokenExpiration ?? 7200

/** A session token: the claims of a token Payload issued, with the session id, under our version. */
async function signSessionToken(
  payload: Payload,
  payloadToken: string | Record<string, unknown>,
  sid: string,
): Promise<{ token: string; exp: number; userId: number }> {
  const claims = typeof payloadToken === 'string' ? decodeJwt(payloadToken) : payloadToken
  const { iat: _iat, exp: _exp, ...fields } = claims
  const issuedAt = Math.floor(Date.now() / 1000)
  const exp = issuedAt + tokenExpiration(payload)
  const token = await new SignJWT({ ...fields, sid })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', authVersion: SESSION_AUTH_VERSION })
    .setIssuedAt(issuedAt)
    .setExpirationTime(exp)
    .sign(secretKey(payload))
  return { token, exp, userId: Number(fields.id) }
}

/**
 * Starts a session for a token Payload just issued (login, first registration, password reset):
 * its claims plus a new session id, signed with our version. Runs in the request's transaction.
 */
export async function startSession(
  req: Req,
  payloadToken: string | Record<string, unknown>,
): Promise<{ token: string; exp: number }> {
  const sid = randomUUID()
  const { token, exp, userId } = await signSessionToken(req.payload, payloadToken, sid)
  const db = await sqlFor(req)
  await db.execute(sql`
    INSERT INTO user_sessions (id, user_id, created_at, expires_at, last_seen_at, ip, user_agent)
    VALUES (${sid}, ${userId}, now(), to_timestamp(${exp}), now(),
            ${requestIp(req as Pick<PayloadRequest, 'context' | 'headers'>)}, ${userAgentOf(req)})`)
  return { token, exp }
}

/**
 * Starts a session for a user who proved who they are without Payload's login operation (the
 * second factor after the password, or a passkey alone): the claims Payload would have signed.
 */
export async function startUserSession(
  req: Req,
  userId: number | string,
): Promise<{ token: string; exp: number; user: TypedUserDoc } | null> {
  const user = (await req.payload.findByID({
    collection: 'users',
    id: userId,
    depth: 0,
    overrideAccess: true,
    req: req as PayloadRequest,
  })) as unknown as TypedUserDoc
  // Same rule as the password step and the session strategy: a confirmed email first.
  if (!user._verified) return null
  const claims = getFieldsToSign({
    collectionConfig: req.payload.collections.users.config,
    email: user.email,
    user: { ...user, collection: 'users' } as PayloadRequest['user'],
  })
  return { ...(await startSession(req, claims)), user }
}

type TypedUserDoc = { id: number; email: string } & Record<string, unknown>

/** The sessions of a user, newest activity first (for Settings → Security). */
export async function listSessions(
  req: Pick<PayloadRequest, 'payload' | 'transactionID'>,
  userId: number | string,
): Promise<
  {
    id: string
    createdAt: Date
    lastSeenAt: Date
    expiresAt: Date
    ip: string | null
    userAgent: string | null
  }[]
> {
  const db = await sqlFor(req)
  const rows = rowsOf<{
    id: string
    created_at: Date
    last_seen_at: Date
    expires_at: Date
    ip: string | null
    user_agent: string | null
  }>(
    await db.execute(sql`
      SELECT id, created_at, last_seen_at, expires_at, ip, user_agent FROM user_sessions
       WHERE user_id = ${Number(userId)} AND expires_at > now()
       ORDER BY last_seen_at DESC, created_at DESC
       LIMIT 100`),
  )
  return rows.map((row) => ({
    id: row.id,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
    ip: row.ip,
    userAgent: row.user_agent,
  }))
}

/** Extends the current session and issues its token anew (POST /api/users/refresh-token). */
export async function refreshSession(
  req: Req,
  sid: string,
  payloadToken: string,
): Promise<{ token: string; exp: number } | null> {
  const { token, exp, userId } = await signSessionToken(req.payload, payloadToken, sid)
  const db = await sqlFor(req)
  const updated = rowsOf(
    await db.execute(sql`
      UPDATE user_sessions SET expires_at = to_timestamp(${exp}), last_seen_at = now()
       WHERE id = ${sid} AND user_id = ${userId} AND expires_at > now()
       RETURNING id`),
  )
  return updated.length === 0 ? null : { token, exp }
}

/** Ends sessions of a user: one (`sid`), all but one (`except`), or all. */
export async function endSessions(
  req: Pick<PayloadRequest, 'payload' | 'transactionID'>,
  userId: number | string,
  which: { sid?: string; except?: string } = {},
): Promise<number> {
  const db = await sqlFor(req)
  const ended = rowsOf(
    await db.execute(sql`
      DELETE FROM user_sessions
       WHERE user_id = ${Number(userId)}
         AND (${which.sid ?? null}::uuid IS NULL OR id = ${which.sid ?? null}::uuid)
         AND (${which.except ?? null}::uuid IS NULL OR id <> ${which.except ?? null}::uuid)
       RETURNING id`),
  )
  return ended.length
}

/** The token of a request: `Authorization: JWT …` / `Bearer …` or the cookie, in Payload's order. */
function tokenOf(headers: Headers, payload: Payload): string | null {
  for (const method of payload.config.auth.jwtOrder) {
    const authorization = headers.get('authorization') ?? ''
    if (method === 'JWT' && authorization.startsWith('JWT ')) return authorization.slice(4)
    if (method === 'Bearer' && authorization.startsWith('Bearer ')) return authorization.slice(7)
    if (method === 'cookie') {
      const token = parseCookies(headers).get(`${payload.config.cookiePrefix}-token`)
      if (!token) continue
      // Same rule as Payload's: a cookie counts only on requests from our own origin.
      const origin = headers.get('origin')
      const site = headers.get('sec-fetch-site')
      const csrf = payload.config.csrf
      const isOwnOrigin = origin
        ? csrf.length === 0 || csrf.includes(origin)
        : csrf.length === 0 || site === 'same-origin' || site === 'same-site' || site === 'none'
      if (isOwnOrigin) return token
    }
  }
  return null
}

/** Last-seen times are written at most this often per session. */
const SEEN_EVERY_MS = 5 * 60_000

/** Authenticates a session token (see above); any other token is left to other strategies. */
export const sessionStrategy: AuthStrategy = {
  name: 'session',
  authenticate: async ({ headers, isGraphQL, payload }) => {
    const token = tokenOf(headers, payload)
    if (!token || token.startsWith('tt_')) return { user: null }
    let claims: SessionClaims
    try {
      const verified = await jwtVerify(token, secretKey(payload))
      if (verified.protectedHeader.authVersion !== SESSION_AUTH_VERSION) return { user: null }
      claims = verified.payload as unknown as SessionClaims
    } catch {
      return { user: null }
    }
    if (claims.collection !== 'users' || typeof claims.sid !== 'string') return { user: null }
    const db = payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<unknown> } }
    const [session] = rowsOf<{ last_seen_at: Date }>(
      await db.drizzle.execute(sql`
        SELECT last_seen_at FROM user_sessions
         WHERE id = ${claims.sid}::uuid AND user_id = ${Number(claims.id)} AND expires_at > now()`),
    )
    if (!session) return { user: null }
    const user = await payload
      .findByID({
        collection: 'users',
        id: claims.id,
        depth: isGraphQL ? 0 : payload.collections.users.config.auth.depth,
        overrideAccess: true,
      })
      .catch(() => null)
    if (!user || !user._verified) return { user: null }
    if (Date.now() - new Date(session.last_seen_at).getTime() > SEEN_EVERY_MS) {
      void db.drizzle
        .execute(sql`UPDATE user_sessions SET last_seen_at = now() WHERE id = ${claims.sid}::uuid`)
        .catch((err: unknown) =>
          payload.logger.warn({ msg: 'session last-seen not recorded', err: String(err) }),
        )
    }
    return {
      user: { ...user, collection: 'users', _strategy: 'local-jwt', _sid: claims.sid },
    }
  },
}

/**
 * Payload's own JWT check accepts any token Payload signed, with no session behind it (a token
 * issued before an upgrade, or by a path that did not go through the hooks). Only session
 * tokens are accepted: called from the config's onInit.
 */
export function acceptOnlySessionTokens(payload: Payload): void {
  payload.authStrategies = payload.authStrategies.filter(
    (strategy) => strategy.name !== 'local-jwt',
  )
}
