import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { hasRole } from '@/access/roles'

import { sqlFor } from '../db'
import type { FormState } from '../formState'
import { actionEmail, portalUrl } from '../emails'
import { enqueueInTransaction } from '../queue'
import { checkCurrentPassword, PASSWORD_CHECK_MESSAGES } from './password'
import { listPasskeys, removePasskey } from './passkeys'
import { logSecurityEvent, type SecurityAction } from './securityLog'
import { endSessions } from './sessions'
import {
  confirmTotpSetup,
  disableTotp,
  hasSecondFactor,
  replaceRecoveryCodes,
  twoFactorState,
} from './twoFactor'

/**
 * Changes to an account's second factors from Settings → Security. Each one asks for the current
 * password first (a stolen session alone cannot add its own factor nor remove the owner's), and
 * each one lands in the security log and is mailed to the account.
 */
type Req = Pick<PayloadRequest, 'payload' | 'transactionID' | 'context' | 'headers' | 'user'>
type Person = { id: number; email: string; username: string }

/** What a form that issues recovery codes answers: the codes, once. */
export type RecoveryCodesState = FormState & { codes?: string[] }

/** The form's answer to a wrong current password (null when it is right). */
export async function currentPasswordProblem(
  req: Pick<PayloadRequest, 'payload'>,
  userId: number,
  password: string,
): Promise<FormState | null> {
  const check = await checkCurrentPassword(req.payload, userId, password)
  if (check === 'OK') return null
  return {
    status: 'error',
    message: PASSWORD_CHECK_MESSAGES[check],
    errors: { currentPassword: PASSWORD_CHECK_MESSAGES[check] },
  }
}

/** Logs a change of second factor and mails the account about it. */
export async function recordFactorChange(
  req: Req,
  user: Person,
  change: {
    action: SecurityAction
    summary: string
    details?: Record<string, unknown>
    /** What happened, as the mail says it: “An authenticator app was added”. */
    headline: string
    /** The staff member who made the change for the account. */
    byStaff?: number
  },
): Promise<void> {
  await logSecurityEvent(req, {
    action: change.action,
    userId: user.id,
    summary: change.summary,
    details: change.details,
    actorId: change.byStaff,
  })
  await enqueueInTransaction(req, 'mail__send', {
    to: user.email,
    subject: `TuneTrail Community: ${change.headline.toLowerCase()}`,
    html: actionEmail({
      heading: change.headline,
      intro: `A change to how your TuneTrail Community account @${user.username} logs in: ${change.summary}.${change.byStaff ? ' The TuneTrail team made it.' : ' If it was you, nothing else to do.'}`,
      action: 'Review your security settings',
      url: portalUrl('/settings/security'),
      outro:
        'If it was not you, change your password now, then review your sessions, passkeys and two-factor settings.',
    }),
  })
}

/** Turns TOTP on with the app's code, once the current password is checked. */
export async function confirmTotp(
  req: Req,
  user: Person,
  input: { code: string; currentPassword: string },
): Promise<RecoveryCodesState> {
  const problem = await currentPasswordProblem(req, user.id, input.currentPassword)
  if (problem) return problem
  const codes = await confirmTotpSetup(req, user.id, input.code)
  if (!codes) {
    const message = 'That code is not right. Check the time on your phone and try the next one.'
    return { status: 'error', message, errors: { code: message } }
  }
  await recordFactorChange(req, user, {
    action: 'auth.two_factor_enabled',
    summary: 'Turned on two-factor authentication with an authenticator app',
    details: { method: 'totp' },
    headline: 'An authenticator app was added',
  })
  return { status: 'ok', message: 'Two-factor authentication is on.', codes }
}

/** Turns TOTP off, once the current password is checked. */
export async function turnOffTotp(
  req: Req,
  user: Person,
  input: { currentPassword: string },
): Promise<FormState> {
  const problem = await currentPasswordProblem(req, user.id, input.currentPassword)
  if (problem) return problem
  if (!(await disableTotp(req, user.id))) {
    return { status: 'error', message: 'Two-factor authentication was not on.' }
  }
  await recordFactorChange(req, user, {
    action: 'auth.two_factor_disabled',
    summary: 'Turned off the authenticator app',
    details: { method: 'totp' },
    headline: 'An authenticator app was removed',
  })
  return { status: 'ok', message: 'The authenticator app is off.' }
}

/** Ten new recovery codes, once the current password is checked. */
export async function newRecoveryCodes(
  req: Req,
  user: Person,
  input: { currentPassword: string },
): Promise<RecoveryCodesState> {
  const problem = await currentPasswordProblem(req, user.id, input.currentPassword)
  if (problem) return problem
  if (!hasSecondFactor(await twoFactorState(req, user.id))) {
    return { status: 'error', message: 'Turn on two-factor authentication first.' }
  }
  const codes = await replaceRecoveryCodes(req, user.id)
  await logSecurityEvent(req, {
    action: 'auth.recovery_codes_generated',
    userId: user.id,
    summary: 'Generated new recovery codes (the earlier ones stopped working)',
  })
  return { status: 'ok', message: 'New recovery codes: the earlier ones no longer work.', codes }
}

/** Removes one of the account's passkeys, once the current password is checked. */
export async function removeOwnPasskey(
  req: Req,
  user: Person,
  input: { id: string; currentPassword: string },
): Promise<FormState> {
  const problem = await currentPasswordProblem(req, user.id, input.currentPassword)
  if (problem) return problem
  const name = await removePasskey(req, user.id, input.id)
  if (name === null) return { status: 'error', message: 'This passkey no longer exists.' }
  // Recovery codes stand in for a second factor: without any left, they go too.
  const state = await twoFactorState(req, user.id)
  if (!hasSecondFactor(state) && state.recoveryCodesLeft > 0) await disableTotp(req, user.id)
  await recordFactorChange(req, user, {
    action: 'auth.passkey_removed',
    summary: `Removed the passkey “${name}”`,
    headline: 'A passkey was removed',
  })
  return { status: 'ok', message: `Passkey “${name}” removed.` }
}

export type StaffResetOutcome =
  | { ok: true; removed: { totp: boolean; recoveryCodes: number; passkeys: number } }
  | { ok: false; status: 403 | 404; message: string }

/**
 * Staff reset a member's two-factor authentication (a lost phone and no recovery code): the
 * authenticator app, the recovery codes and every passkey go, the member's sessions end, and the
 * reset is logged (by whom) and mailed to the member. Staff reset members and moderators; only
 * an admin resets a staff member's or an admin's.
 */
export async function resetTwoFactorByStaff(
  req: Req,
  staff: { id: number; roles?: string[] | null; username?: string | null },
  memberId: number,
): Promise<StaffResetOutcome> {
  const asStaff = { ...staff, collection: 'users' }
  if (!hasRole(asStaff, 'staff')) {
    return { ok: false, status: 403, message: 'Only staff can reset two-factor authentication.' }
  }
  const {
    docs: [member],
  } = await req.payload.find({
    collection: 'users',
    where: { id: { equals: memberId } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req: req as PayloadRequest,
  })
  if (!member) return { ok: false, status: 404, message: 'No such account.' }
  if (hasRole({ ...member, collection: 'users' }, 'staff') && !hasRole(asStaff, 'admin')) {
    return {
      ok: false,
      status: 403,
      message: 'Only an admin can reset the two-factor authentication of staff.',
    }
  }
  const db = await sqlFor(req)
  const passkeys = (await listPasskeys(req, member.id)).length
  const { recoveryCodesLeft, isTotpEnabled } = await twoFactorState(req, member.id)
  await db.execute(sql`DELETE FROM user_passkeys WHERE user_id = ${member.id}`)
  await db.execute(sql`DELETE FROM user_totp WHERE user_id = ${member.id}`)
  await db.execute(sql`DELETE FROM user_recovery_codes WHERE user_id = ${member.id}`)
  await endSessions(req, member.id)
  const removed = { totp: isTotpEnabled, recoveryCodes: recoveryCodesLeft, passkeys }
  await recordFactorChange(req, member, {
    action: 'auth.two_factor_disabled',
    summary: `Two-factor authentication was reset by staff (@${staff.username ?? staff.id}): the authenticator app, recovery codes and ${passkeys} ${passkeys === 1 ? 'passkey' : 'passkeys'} were removed`,
    details: { method: 'staff-reset', ...removed },
    headline: 'Your two-factor authentication was reset',
    byStaff: staff.id,
  })
  return { ok: true, removed }
}
