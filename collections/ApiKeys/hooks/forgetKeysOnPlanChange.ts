import type { CollectionAfterChangeHook } from 'payload'

import { accountKeyHashes } from '@/lib/billing/accounts'
import { db } from '@/lib/db'
import { invalidateKeyHash } from '@/lib/keys/cache'

const LIMIT_NAMES = [
  'apiCallsPerMinute',
  'apiCallsPerHour',
  'apiCallsPerDay',
  'audioProcessingPerDay',
  'modelTrainingPerMonth',
] as const

/**
 * A change of an account's plan or contract limits (staff in /admin) reaches the limiter at
 * once: the account's keys leave every cache, so the next verification reads the new limits.
 */
export function forgetKeysOnPlanChange(prefix: 'u' | 'o'): CollectionAfterChangeHook {
  return async ({ doc, previousDoc, operation, req }) => {
    if (operation !== 'update' || !previousDoc) return doc
    const limitsChanged = LIMIT_NAMES.some(
      (name) => (doc.limits?.[name] ?? null) !== (previousDoc.limits?.[name] ?? null),
    )
    if (doc.plan === previousDoc.plan && !limitsChanged) return doc
    for (const hash of await accountKeyHashes(await db(req), `${prefix}${doc.id}`)) {
      invalidateKeyHash(hash)
    }
    return doc
  }
}
