import type { CollectionAfterDeleteHook, CollectionBeforeDeleteHook } from 'payload'

import { invalidateKeyHash } from '@/lib/keys/cache'

/**
 * When a user or an organization is deleted its keys stop at once: their hashes are noted
 * before the delete (afterwards the account link is already gone) and dropped from every cache.
 */
export function forgetAccountKeys(field: 'owner' | 'organization'): {
  beforeDelete: CollectionBeforeDeleteHook
  afterDelete: CollectionAfterDeleteHook
} {
  const contextKey = (id: unknown) => `accountKeys:${field}:${String(id)}`
  return {
    beforeDelete: async ({ id, req }) => {
      const { docs } = await req.payload.find({
        collection: 'api-keys',
        where: { [field]: { equals: id } },
        depth: 0,
        pagination: false,
        overrideAccess: true,
        showHiddenFields: true,
        select: { keyHash: true },
        req,
      })
      req.context[contextKey(id)] = docs.map((doc) => doc.keyHash).filter(Boolean)
    },
    afterDelete: ({ id, req }) => {
      for (const hash of (req.context[contextKey(id)] as string[] | undefined) ?? []) {
        invalidateKeyHash(hash)
      }
    },
  }
}
