import {
  APIError,
  Forbidden,
  type CollectionAfterChangeHook,
  type CollectionAfterLogoutHook,
  type CollectionAfterOperationHook,
} from 'payload'

import { requireSecondFactor } from '@/lib/auth/secondFactor'
import { logSecurityEvent } from '@/lib/auth/securityLog'
import { actionEmail, portalUrl } from '@/lib/emails'
import { enqueueInTransaction } from '@/lib/queue'
import { endSessions, refreshSession, startSession } from '@/lib/auth/sessions'
import { hasSecondFactor, twoFactorState } from '@/lib/auth/twoFactor'
import type { KeyUser } from '@/lib/keys/collectionScopes'

type SessionUser = { id: number | string; _sid?: string }

/**
 * Every token Payload hands out (login, first registration, password reset, refresh) is swapped
 * for a session token before it leaves the operation (src/lib/auth/sessions.ts). A password
 * reset first ends every other session of the account.
 *
 * An account with a second factor gets no session from its password, whatever the door (REST,
 * the Local API of the portal's pages): the login answers with a short-lived challenge instead,
 * which src/lib/auth/secondFactor.ts completes. GraphQL has no second step, so it refuses; a
 * password reset of such an account changes the password and then asks for a normal login.
 */
export const issueSessionTokens: CollectionAfterOperationHook = async ({
  operation,
  req,
  result,
}) => {
  if (operation === 'login' && result?.token) {
    const user = result.user as SessionUser
    const pending = await requireSecondFactor(req, user.id)
    if (pending) {
      if (req.payloadAPI === 'GraphQL') {
        throw new APIError(
          'This account uses two-factor authentication: log in with POST /api/users/login, then complete it with POST /api/users/login/second-factor.',
          403,
          undefined,
          true,
        )
      }
      // No token, no user: only the challenge leaves.
      return pending as unknown as typeof result
    }
    const session = await startSession(req, result.token)
    await logSecurityEvent(req, {
      action: 'auth.login',
      userId: user.id,
      summary: 'Logged in with a password',
      details: { method: 'password' },
    })
    return { ...result, ...session }
  }
  if (operation === 'resetPassword' && result?.token) {
    const user = result.user as SessionUser | undefined
    if (user) {
      await endSessions(req, user.id)
      await logSecurityEvent(req, {
        action: 'auth.password_changed',
        userId: user.id,
        summary: 'Reset the password from a mailed link',
      })
      if (hasSecondFactor(await twoFactorState(req, user.id))) {
        const { token: _token, exp: _exp, ...rest } = result as Record<string, unknown>
        return rest as typeof result
      }
    }
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

/**
 * A user who changes their password stays signed in here and is signed out everywhere else; the
 * change is logged and mailed to the account, so a stolen session cannot change it unnoticed.
 */
export const endOtherSessionsOnPasswordChange: CollectionAfterChangeHook = async ({
  doc,
  operation,
  req,
  context,
}) => {
  if (operation !== 'update' || !context.passwordChanged) return doc
  const user = req.user as SessionUser | null
  const isSelf = user && String(user.id) === String(doc.id)
  const ended = await endSessions(req, doc.id, isSelf && user._sid ? { except: user._sid } : {})
  await logSecurityEvent(req, {
    action: 'auth.password_changed',
    userId: doc.id,
    summary: isSelf
      ? `Changed the password (${ended} other ${ended === 1 ? 'session' : 'sessions'} ended)`
      : 'The password was changed by staff',
  })
  await enqueueInTransaction(req, 'mail__send', {
    to: doc.email,
    subject: 'Your TuneTrail Community password was changed',
    html: actionEmail({
      heading: 'Your password was changed',
      intro: `The password of your TuneTrail Community account @${doc.username} was just changed, and every other session was signed out. If it was you, nothing else to do.`,
      action: 'Review your security settings',
      url: portalUrl('/settings/security'),
      outro:
        'If it was not you, reset your password now from the login page and review your sessions and two-factor settings.',
    }),
  })
  return doc
}

/** A confirmed change of email lands in the account's security log. */
export const logEmailChange: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (operation !== 'update' || !previousDoc || previousDoc.email === doc.email) return doc
  await logSecurityEvent(req, {
    action: 'auth.email_changed',
    userId: doc.id,
    summary: `Changed the email from ${previousDoc.email} to ${doc.email}`,
  })
  return doc
}
