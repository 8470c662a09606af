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
  renamePasskey,
} from '@/lib/auth/passkeys'
import { CHALLENGE_TTL_SECONDS } from '@/lib/auth/challenges'
import {
  confirmTotp,
  currentPasswordProblem,
  newRecoveryCodes,
  recordFactorChange,
  removeOwnPasskey,
  turnOffTotp,
  type RecoveryCodesState,
} from '@/lib/auth/factorChanges'
import { logSecurityEvent } from '@/lib/auth/securityLog'
import { endSessions } from '@/lib/auth/sessions'
import { beginTotpSetup } from '@/lib/auth/twoFactor'
import type { FormState } from '@/lib/formState'
import type { KeyUser } from '@/lib/keys/collectionScopes'
import {
  changePasswordSchema,
  confirmTotpSchema,
  confirmWithPasswordSchema,
  passkeyNameSchema,
  removePasskeySchema,
  renamePasskeySchema,
  sessionIdSchema,
} from '@/schemas/security'

const PAGE = '/settings/security'

const sessionOf = (user: unknown) => (user as { _sid?: string })._sid

export const startTotpSetupAction = personAction({
  schema: z.object({}),
  revalidate: () => [PAGE],
  run: async (_data, { payload, user }) => {
    await beginTotpSetup({ payload }, user.id)
    return { status: 'ok', message: 'Scan the QR code with your authenticator app.' }
  },
})

// No refresh here: the page would drop the form that shows the codes (its "Done" refreshes).
export const confirmTotpAction = personAction<typeof confirmTotpSchema, RecoveryCodesState>({
  schema: confirmTotpSchema,
  run: async (input, { payload, user }) =>
    confirmTotp(await actionRequest(payload, user), user, input),
})

export const disableTotpAction = personAction({
  schema: confirmWithPasswordSchema,
  revalidate: () => [PAGE],
  run: async (input, { payload, user }) =>
    turnOffTotp(await actionRequest(payload, user), user, input),
})

export const regenerateRecoveryCodesAction = personAction<
  typeof confirmWithPasswordSchema,
  RecoveryCodesState
>({
  schema: confirmWithPasswordSchema,
  revalidate: () => [PAGE],
  run: async (input, { payload, user }) =>
    newRecoveryCodes(await actionRequest(payload, user), user, input),
})

export const changePasswordAction = personAction({
  schema: changePasswordSchema,
  revalidate: () => [PAGE],
  run: async ({ currentPassword, password }, { payload, user }) => {
    const problem = await currentPasswordProblem({ payload }, user.id, currentPassword)
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

/**
 * Starts adding a passkey once the current password is checked: the browser's options; the
 * ceremony is bound to this account.
 */
export async function passkeyRegistrationOptionsAction(rawPassword: string) {
  const user = await currentUser()
  if (!user || (user as KeyUser).apiKey) return { error: SIGNED_OUT.message }
  const password = confirmWithPasswordSchema.safeParse({ currentPassword: rawPassword })
  if (!password.success) {
    const message = password.error.issues[0].message
    return { error: message, errors: { currentPassword: message } }
  }
  const payload = await payloadClient()
  const problem = await currentPasswordProblem({ payload }, user.id, password.data.currentPassword)
  if (problem) return { error: problem.message, errors: problem.errors }
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
  await recordFactorChange(req, user, {
    action: 'auth.passkey_added',
    summary: `Added the passkey “${result.passkey.name}”`,
    headline: 'A passkey was added',
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
  schema: removePasskeySchema,
  revalidate: () => [PAGE],
  run: async (input, { payload, user }) =>
    removeOwnPasskey(await actionRequest(payload, user), user, input),
})
