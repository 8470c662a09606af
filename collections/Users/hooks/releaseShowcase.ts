import type { CollectionBeforeDeleteHook } from 'payload'

import { releaseShowcaseTies } from '@/lib/accountData/deletion'
import { db } from '@/lib/db'

/**
 * A deleted account leaves others' showcase projects first: its maker listings and upvotes are
 * rows that need a person (deleting the user under them would fail).
 */
export const releaseShowcase: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await releaseShowcaseTies(await db(req), Number(id))
}
