import type { CollectionAfterOperationHook } from 'payload'

import { cancelDeletion } from '@/lib/accountData/deletion'
import { db } from '@/lib/db'

/**
 * Logging in during an account's deletion grace period cancels the deletion (the owner is mailed,
 * and /settings/account says so).
 */
export const cancelDeletionOnLogin: CollectionAfterOperationHook = async ({
  operation,
  req,
  result,
}) => {
  if (operation !== 'login' || !result?.user) return result
  await cancelDeletion(await db(req), Number((result.user as { id: number }).id))
  return result
}
