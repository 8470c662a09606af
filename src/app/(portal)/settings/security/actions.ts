'use server'

import type { RegistrationResponseJSON } from '@simplewebauthn/browser'
import { revalidatePath } from 'next/cache'
import { cookies } from 'next/headers'
import { z } from 'zod'

import { personAction, SIGNED_OUT } from '@/actions/formAction'
import { actionRequest } from '@/actions/request'
import { currentUser, payloadClient } from '@/data/session'
import {
  beginPasskeyRegistration,
  finishPasskeyRegistration,
  PASSKEY_PROBLEMS,
  removePasskey,
  renamePasskey,
} from '@/lib/auth/passkeys'
import { CHALLENGE_TTL_SECONDS } from '@/lib/auth/challenges'
import { checkCurrentPassword, PASSWORD_CHECK_MESSAGES } from '@/lib/auth/password'
import { logSecurityEvent } from '@/lib/auth/securityLog'
import { endSessions } from '@/lib/auth/sessions'
import {
  beginTotpSetup,
  confirmTotpSetup,
  disableTotp,
  hasSecondFactor,
  replaceRecoveryCodes,
  twoFactorState,
} from '@/lib/auth/twoFactor'
import type { FormState } from '@/lib/formState'
import type { KeyUser } from '@/lib/keys/collectionScopes'
import {
  changePasswordSchema,
  confirmWithPasswordSchema,
  passkeyIdSchema,
  passkeyNameSchema,
  renamePasskeySchema,
  sessionIdSchema,
  totpCodeSchema,
} from '@/schemas/security'

const PAGE = '/settings/security'

/** What a form that issues recovery codes answers: the codes, once. */
export type RecoveryCodesState = FormState & { codes?: string[] }

const sessionOf = (user: unknown) => (user as { _sid?: string })._sid

async function passwordProblem(
  payload: Awaited<ReturnType<typeof payloadClient>>,
  userId: number,
  password: string,
): Promise<FormState | null> {
  const check = await checkCurrentPassword(payload, userId, password)
  if (check === 'OK') return null
  return {
    status: 'error',
    message: PASSWORD_CHECK_MESSAGES[check],
    errors: { currentPassword: PASSWORD_CHECK_MESSAGES[check] },
  }
}

export const startTotpSetupAction = personAction({
  schema: z.object({}),
  revalidate: () => [PAGE],
  run: async (_data, { payload, user }) => {
    await beginTotpSetup({ payload }, user.id)
    return { status: 'ok', message: 'Scan the QR code with your authenticator app.' }
  },
})

// No refresh here: the page would drop the form that shows the codes (its "Done" refreshes).
export const confirmTotpAction = personAction<typeof totpCodeSchema, RecoveryCodesState>({
  schema: totpCodeSchema,
  run: async ({ code }, { payload, user }) => {
    const req = await actionRequest(payload, user)
    const codes = await confirmTotpSetup(req, user.id, code)
    if (!codes) {
      const message = 'That code is not right. Check the time on your phone and try the next one.'
      return { status: 'error', message, errors: { code: message } }
    }
    await logSecurityEvent(req, {
      action: 'auth.two_factor_enabled',
      userId: user.id,
      summary: 'Turned on two-factor authentication with an authenticator app',
      details: { method: 'totp' },
    })
    return { status: 'ok', message: 'Two-factor authentication is on.', codes }
  },
})

export const disableTotpAction = personAction({
  schema: confirmWithPasswordSchema,
  revalidate: () => [PAGE],
  run: async ({ currentPassword }, { payload, user }) => {
    const problem = await passwordProblem(payload, user.id, currentPassword)
    if (problem) return problem
    const req = await actionRequest(payload, user)
    if (!(await disableTotp(req, user.id))) {
      return { status: 'error', message: 'Two-factor authentication was not on.' }
    }
    await logSecurityEvent(req, {
      action: 'auth.two_factor_disabled',
      userId: user.id,
      summary: 'Turned off the authenticator app',
      details: { method: 'totp' },
    })
    return { status: 'ok', message: 'The authenticator app is off.' }
  },
})

export const regenerateRecoveryCodesAction = personAction<
  typeof confirmWithPasswordSchema,
  RecoveryCodesState
>({
  schema: confirmWithPasswordSchema,
  revalidate: () => [PAGE],
  run: async ({ currentPassword }, { payload, user }) => {
    const problem = await passwordProblem(payload, user.id, currentPassword)
    if (problem) return problem
    const req = await actionRequest(payload, user)
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
  },
})

export const changePasswordAction = personAction({
  schema: changePasswordSchema,
  revalidate: () => [PAGE],
  run: async ({ currentPassword, password }, { payload, user }) => {
    const problem = await passwordProblem(payload, user.id, currentPassword)
    if (problem) return problem
    // The session strategy's user carries this session's id: every other one ends.
    const req = await actionRequest(payload, user)
    req.user = { ...(user as object), collection: 'users', _sid: sessionOf(user) } as never
    // The current password was checked above (the users policy asks for this mark).
    req.context.currentPasswordChecked = true
    await payload.update({
      collection: 'users',
      id: user.id,
      data: { password },
      overrideAccess: false,
      user: req.user,
      req,
    })
    return {
      status: 'ok',
      message: 'Password changed. Every other session was signed out.',
    }
  },
})

export const endSessionAction = personAction({
  schema: sessionIdSchema,
  isHidden: true,
  revalidate: () => [PAGE],
  run: async ({ id }, { payload, user }) => {
    if (id === sessionOf(user)) {
      return { status: 'error', message: 'To end this session, log out.' }
    }
    const req = await actionRequest(payload, user)
    const ended = await endSessions(req, user.id, { sid: id })
    if (ended === 0) return { status: 'error', message: 'This session has already ended.' }
    await logSecurityEvent(req, {
      action: 'auth.session_ended',
      userId: user.id,
      summary: 'Ended a session from Settings → Security',
    })
    return { status: 'ok', message: 'Session ended.' }
  },
})

export const endOtherSessionsAction = personAction({
  schema: z.object({}),
  revalidate: () => [PAGE],
  run: async (_data, { payload, user }) => {
    const sid = sessionOf(user)
    if (!sid) return { status: 'error', message: 'This session cannot be identified.' }
    const req = await actionRequest(payload, user)
    const ended = await endSessions(req, user.id, { except: sid })
    await logSecurityEvent(req, {
      action: 'auth.session_ended',
      userId: user.id,
      summary: `Ended every other session (${ended})`,
    })
    return {
      status: 'ok',
      message: ended === 0 ? 'No other session was open.' : `${ended} other sessions ended.`,
    }
  },
})

/** The passkey ceremony under way, between the options and the browser's answer. */
const REGISTER_COOKIE = 'tt-passkey-register'

/** Starts adding a passkey: the browser's options; the ceremony is bound to this account. */
export async function passkeyRegistrationOptionsAction() {
  const user = await currentUser()
  if (!user || (user as KeyUser).apiKey) return { error: SIGNED_OUT.message }
  const payload = await payloadClient()
  const { options, token } = await beginPasskeyRegistration({ payload }, user)
  ;(await cookies()).set(REGISTER_COOKIE, token, {
    httpOnly: true,
    path: PAGE,
    sameSite: 'strict',
    secure: Boolean(payload.collections.users.config.auth.cookies.secure),
    maxAge: CHALLENGE_TTL_SECONDS,
  })
  return { options }
}

export async function finishPasskeyRegistrationAction(
  response: RegistrationResponseJSON,
  rawName: string,
): Promise<FormState> {
  const user = await currentUser()
  if (!user || (user as KeyUser).apiKey) return SIGNED_OUT
  const name = passkeyNameSchema.safeParse(rawName)
  if (!name.success) {
    return { status: 'error', errors: { name: name.error.issues[0].message } }
  }
  const jar = await cookies()
  const token = jar.get(REGISTER_COOKIE)?.value
  if (!token) return { status: 'error', message: PASSKEY_PROBLEMS.EXPIRED }
  jar.delete({ name: REGISTER_COOKIE, path: PAGE })
  const payload = await payloadClient()
  const req = await actionRequest(payload, user)
  const result = await finishPasskeyRegistration(req, user.id, token, response, name.data)
  if (!result.ok) return { status: 'error', message: PASSKEY_PROBLEMS[result.problem] }
  await logSecurityEvent(req, {
    action: 'auth.passkey_added',
    userId: user.id,
    summary: `Added the passkey “${result.passkey.name}”`,
  })
  revalidatePath(PAGE)
  return { status: 'ok', message: `Passkey “${result.passkey.name}” added.` }
}

export const renamePasskeyAction = personAction({
  schema: renamePasskeySchema,
  revalidate: () => [PAGE],
  run: async ({ id, name }, { payload, user }) => {
    const req = await actionRequest(payload, user)
    const before = await renamePasskey(req, user.id, id, name)
    if (before === null) return { status: 'error', message: 'This passkey no longer exists.' }
    await logSecurityEvent(req, {
      action: 'auth.passkey_renamed',
      userId: user.id,
      summary: `Renamed the passkey “${before}” to “${name}”`,
    })
    return { status: 'ok', message: 'Passkey renamed.' }
  },
})

export const removePasskeyAction = personAction({
  schema: passkeyIdSchema,
  isHidden: true,
  revalidate: () => [PAGE],
  run: async ({ id }, { payload, user }) => {
    const req = await actionRequest(payload, user)
    const name = await removePasskey(req, user.id, id)
    if (name === null) return { status: 'error', message: 'This passkey no longer exists.' }
    // Recovery codes stand in for a second factor: without any left, they go too.
    const state = await twoFactorState(req, user.id)
    if (!hasSecondFactor(state) && state.recoveryCodesLeft > 0) await disableTotp(req, user.id)
    await logSecurityEvent(req, {
      action: 'auth.passkey_removed',
      userId: user.id,
      summary: `Removed the passkey “${name}”`,
    })
    return { status: 'ok', message: `Passkey “${name}” removed.` }
  },
})
