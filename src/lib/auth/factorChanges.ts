import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { hasRole } from '@/access/roles'

import { sqlFor } from '../db'
import type { FormState } from '../formState'
import { actionEmail, portalUrl } from '../emails'
import { enqueueInTransaction } from '../queue'
import { hitLimit } from '../rateLimit'
import { checkCurrentPassword, PASSWORD_CHECK_MESSAGES } from './password'
import { listPasskeys, removePasskey } from './passkeys'
import { SECOND_FACTOR_LIMITS } from './secondFactor'
import { logSecurityEvent, type SecurityAction } from './securityLog'
import { endSessions } from './sessions'
import {
  confirmTotpSetup,
  disableTotp,
  hasSecondFactor,
  replaceRecoveryCodes,
  twoFactorState,
  verifyTotp,
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
  await recordFactorChange(req, user, {
    action: 'auth.recovery_codes_generated',
    summary: 'Generated new recovery codes (the earlier ones stopped working)',
    headline: 'New recovery codes were generated',
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
  | { ok: false; status: 400 | 401 | 403 | 404 | 429; message: string; field?: string }

/** How the staff member confirms a reset: their own password, and their app's code if they use one. */
export type StaffConfirmation = { currentPassword: string; code?: string }

const STAFF_STATUS = { WRONG: 401, TOO_MANY: 429 } as const

/**
 * The staff member's own factors, asked before a reset (a stolen staff session alone cannot
 * strip a member's factors): the password, then the authenticator app's code when they have one.
 */
async function staffConfirmationProblem(
  req: Req,
  staffId: number,
  input: StaffConfirmation,
): Promise<Extract<StaffResetOutcome, { ok: false }> | null> {
  const check = await checkCurrentPassword(req.payload, staffId, input.currentPassword)
  if (check !== 'OK') {
    const message =
      check === 'WRONG' ? 'That is not your current password.' : PASSWORD_CHECK_MESSAGES[check]
    return { ok: false, status: STAFF_STATUS[check], message, field: 'currentPassword' }
  }
  if (!(await twoFactorState(req, staffId)).isTotpEnabled) return null
  if (!input.code) {
    return {
      ok: false,
      status: 400,
      message: 'Enter the 6-digit code from your own authenticator app.',
      field: 'code',
    }
  }
  const { perUser } = SECOND_FACTOR_LIMITS
  if (!(await hitLimit(`2fa:user:${staffId}`, perUser.limit, perUser.windowMs)).isAllowed) {
    return { ok: false, status: 429, message: 'Too many codes. Wait 15 minutes.', field: 'code' }
  }
  if (!(await verifyTotp(req, staffId, input.code))) {
    return {
      ok: false,
      status: 401,
      message: 'That code is not right. Check the time on your phone and try the next one.',
      field: 'code',
    }
  }
  return null
}

/**
 * Staff reset a member's two-factor authentication (a lost phone and no recovery code): the
 * authenticator app, the recovery codes and every passkey go, the member's sessions end, and the
 * reset is logged (by whom) and mailed to the member. Staff reset members and moderators; only
 * an admin resets a staff member's or an admin's; nobody their own (Settings → Security is
 * there for that). The staff member confirms with their own password (and app code).
 */
export async function resetTwoFactorByStaff(
  req: Req,
  staff: { id: number; roles?: string[] | null; username?: string | null },
  memberId: number,
  confirmation: StaffConfirmation,
): Promise<StaffResetOutcome> {
  const asStaff = { ...staff, collection: 'users' }
  if (!hasRole(asStaff, 'staff')) {
    return { ok: false, status: 403, message: 'Only staff can reset two-factor authentication.' }
  }
  if (memberId === staff.id) {
    return { ok: false, status: 400, message: 'Use Settings → Security for your own account.' }
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
  const problem = await staffConfirmationProblem(req, staff.id, confirmation)
  if (problem) return problem
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
