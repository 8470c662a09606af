import type { CollectionBeforeChangeHook } from 'payload'

import { assertCanRequireTwoFactor } from '@/lib/auth/orgTwoFactor'

/** Only someone with two-factor authentication may start requiring it of everyone. */
export const guardTwoFactorRequirement: CollectionBeforeChangeHook = async ({
  data,
  originalDoc,
  req,
}) => {
  if (data.requireTwoFactor === true && originalDoc?.requireTwoFactor !== true) {
    await assertCanRequireTwoFactor(req)
  }
  return data
}
