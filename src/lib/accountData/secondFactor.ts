import type { User } from '@/payload-types'

/**
 * The hook point for the account's second factor when deleting it. The security settings
 * (TOTP, passkeys) are built on another branch; once merged, `configureSecondFactor` is called
 * once with checks that read the account's factors. Until then no account has one.
 */
export type SecondFactorCheck = {
  /** Whether the account has a second factor enabled (then deletion asks for a code). */
  isEnabled: (user: User) => boolean | Promise<boolean>
  /** Whether `code` (a TOTP or a recovery code) is valid for the account right now. */
  verify: (user: User, code: string) => boolean | Promise<boolean>
}

const NONE: SecondFactorCheck = { isEnabled: () => false, verify: () => false }

const globalForFactor = globalThis as unknown as { ttSecondFactor?: SecondFactorCheck }

export const secondFactorCheck = (): SecondFactorCheck => globalForFactor.ttSecondFactor ?? NONE

export function configureSecondFactor(check: SecondFactorCheck | null): void {
  globalForFactor.ttSecondFactor = check ?? undefined
}
