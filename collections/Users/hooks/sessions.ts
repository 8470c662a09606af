import {
  APIError,
  Forbidden,
  type CollectionAfterChangeHook,
  type CollectionAfterLogoutHook,
  type CollectionAfterOperationHook,
} from 'payload'

import { endSessions, refreshSession, startSession } from '@/lib/auth/sessions'
import type { KeyUser } from '@/lib/keys/collectionScopes'

type SessionUser = { id: number | string; _sid?: string }

/**
 * Every token Payload hands out (login, first registration, password reset, refresh) is swapped
 * for a session token before it leaves the operation (src/lib/auth/sessions.ts). A password
 * reset first ends every other session of the account.
 */
export const issueSessionTokens: CollectionAfterOperationHook = async ({
  operation,
  req,
  result,
}) => {
  if ((operation === 'login' || operation === 'resetPassword') && result?.token) {
    const user = result.user as SessionUser | undefined
    if (operation === 'resetPassword' && user) await endSessions(req, user.id)
    const session = await startSession(req, result.token)
    return { ...result, ...session }
  }
  if (operation === 'refresh' && result?.refreshedToken) {
    const sid = (req.user as SessionUser | null)?._sid
    const session = sid ? await refreshSession(req, sid, result.refreshedToken) : null
    if (!session) throw new APIError('This session has ended: log in again.', 401, undefined, true)
    return { ...result, refreshedToken: session.token, exp: session.exp }
  }
  return result
}

/** Logging out ends this session only (`?allSessions=true`: every session of the account). */
export const endSessionOnLogout: CollectionAfterLogoutHook = async ({ req }) => {
  const user = req.user as (SessionUser & KeyUser) | null
  if (!user) return
  // A key is no session, and never ends its owner's sessions.
  if (user.apiKey) throw new Forbidden(req.t)
  const isEverywhere = req.searchParams?.get('allSessions') === 'true'
  if (isEverywhere) await endSessions(req, user.id)
  else if (user._sid) await endSessions(req, user.id, { sid: user._sid })
}

/** A user who changes their password stays signed in here and is signed out everywhere else. */
export const endOtherSessionsOnPasswordChange: CollectionAfterChangeHook = async ({
  doc,
  operation,
  req,
  context,
}) => {
  if (operation !== 'update' || !context.passwordChanged) return doc
  const user = req.user as SessionUser | null
  const isSelf = user && String(user.id) === String(doc.id)
  await endSessions(req, doc.id, isSelf && user._sid ? { except: user._sid } : {})
  return doc
}
