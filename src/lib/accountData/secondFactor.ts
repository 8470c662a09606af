import type { Payload } from 'payload'

import {
  isRecoveryShaped,
  redeemRecoveryCode,
  twoFactorState,
  verifyTotp,
} from '@/lib/auth/twoFactor'
import type { User } from '@/payload-types'

/**
 * The second factor that deleting an account asks for, on top of the password: an authenticator
 * code or a recovery code (spent like at login). A passkey-only account has neither to type, so
 * deletion asks it for the password alone.
 */
export async function deletionNeedsCode(payload: Payload, user: Pick<User, 'id'>) {
  const state = await twoFactorState({ payload }, user.id)
  return state.isTotpEnabled || state.recoveryCodesLeft > 0
}

/** Whether `code` is a valid authenticator code or an unused recovery code (then spent). */
export async function verifyDeletionCode(payload: Payload, user: Pick<User, 'id'>, code: string) {
  const trimmed = code.trim()
  if (isRecoveryShaped(trimmed)) return redeemRecoveryCode({ payload }, user.id, trimmed)
  return verifyTotp({ payload }, user.id, trimmed)
}
