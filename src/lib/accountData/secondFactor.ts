import type { AuthenticationResponseJSON } from '@simplewebauthn/server'
import type { Payload } from 'payload'

import { attemptChallenge, createChallenge, spendChallenge } from '@/lib/auth/challenges'
import { passkeyRequestOptions, verifyPasskey } from '@/lib/auth/passkeys'
import {
  isRecoveryShaped,
  redeemRecoveryCode,
  twoFactorState,
  verifyTotp,
} from '@/lib/auth/twoFactor'
import type { FormState } from '@/lib/formState'
import type { User } from '@/payload-types'

/**
 * The second factor that deleting an account asks for, on top of the password: an authenticator
 * code or a recovery code (spent like at login), or one of the account's passkeys. An account
 * with a passkey and nothing to type confirms with the passkey.
 */
export type DeletionFactors = { code: boolean; passkey: boolean }

export async function deletionFactors(
  payload: Payload,
  user: Pick<User, 'id'>,
): Promise<DeletionFactors> {
  const state = await twoFactorState({ payload }, user.id)
  return {
    code: state.isTotpEnabled || state.recoveryCodesLeft > 0,
    passkey: state.passkeys > 0,
  }
}

/** Whether deleting the account asks for a second factor. */
export async function deletionNeedsCode(payload: Payload, user: Pick<User, 'id'>) {
  const factors = await deletionFactors(payload, user)
  return factors.code || factors.passkey
}

/** Whether `code` is a valid authenticator code or an unused recovery code (then spent). */
export async function verifyDeletionCode(payload: Payload, user: Pick<User, 'id'>, code: string) {
  const trimmed = code.trim()
  if (isRecoveryShaped(trimmed)) return redeemRecoveryCode({ payload }, user.id, trimmed)
  return verifyTotp({ payload }, user.id, trimmed)
}

/** WebAuthn options to confirm the deletion with one of the account's passkeys. */
export async function deletionPasskeyOptions(payload: Payload, user: Pick<User, 'id'>) {
  const options = await passkeyRequestOptions({ payload }, user.id)
  if (!options.allowCredentials?.length) return null
  const { token } = await createChallenge({ payload }, 'passkey-confirm', {
    userId: user.id,
    webauthnChallenge: options.challenge,
  })
  return { challenge: token, options }
}

/** Whether the passkey answer proves this account, for the challenge it was asked with (spent). */
export async function verifyDeletionPasskey(
  payload: Payload,
  user: Pick<User, 'id'>,
  challengeToken: string,
  response: AuthenticationResponseJSON,
) {
  const challenge = await attemptChallenge({ payload }, challengeToken, 'passkey-confirm')
  if (!challenge?.webauthnChallenge || String(challenge.userId) !== String(user.id)) return false
  const proof = await verifyPasskey({ payload }, response, challenge.webauthnChallenge, user.id)
  return proof !== null && (await spendChallenge({ payload }, challenge.id))
}

const PASSKEY_ANSWER = 'Confirm with your passkey.'

/**
 * Checks the second factor of a deletion: the form's problem, or null when the account has none
 * or it was proven. `passkey` is the browser's answer as JSON, with the challenge it answered.
 */
export async function deletionFactorProblem(
  payload: Payload,
  user: Pick<User, 'id'>,
  input: { code?: string; passkey?: string; passkeyChallenge?: string },
): Promise<FormState | null> {
  const factors = await deletionFactors(payload, user)
  if (!factors.code && !factors.passkey) return null
  if (factors.code && input.code) {
    if (await verifyDeletionCode(payload, user, input.code)) return null
    return { status: 'error', errors: { code: 'This code is not valid.' } }
  }
  if (factors.passkey && input.passkey && input.passkeyChallenge) {
    let response: AuthenticationResponseJSON
    try {
      response = JSON.parse(input.passkey) as AuthenticationResponseJSON
    } catch {
      return { status: 'error', errors: { passkey: 'The passkey answer was not readable.' } }
    }
    if (await verifyDeletionPasskey(payload, user, input.passkeyChallenge, response)) return null
    return {
      status: 'error',
      errors: { passkey: 'The passkey could not be verified. Confirm with it again.' },
    }
  }
  return factors.code
    ? {
        status: 'error',
        errors: {
          code: factors.passkey
            ? 'Enter a code from your authenticator app or a recovery code, or confirm with your passkey.'
            : 'Enter a code from your authenticator app or a recovery code.',
        },
      }
    : { status: 'error', errors: { passkey: PASSKEY_ANSWER } }
}
