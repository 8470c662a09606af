import type { CollectionAfterChangeHook } from 'payload'

import { db } from '@/lib/db'
import { reindexDocsPage } from '@/lib/docs/searchIndex'
import type { DocsPage } from '@/payload-types'

/**
 * Keeps the docs' search index (src/lib/docs/searchIndex.ts) in step with what is published,
 * in the same transaction as the save: a publish makes its text searchable at once (search reads
 * the database, no rebuild), an unpublish removes it, and a draft saved over a published page
 * changes nothing (the index is rebuilt from the published row, which a draft does not touch).
 * A deleted page's rows go with it (foreign keys, ON DELETE CASCADE).
 */
export const indexForSearch: CollectionAfterChangeHook<DocsPage> = async ({
  doc,
  previousDoc,
  req,
}) => {
  // A draft saved after a draft (the editor's autosave, every 800 ms) leaves the published row
  // as it was: nothing to re-index.
  if (doc._status === 'draft' && previousDoc?._status === 'draft') return doc
  await reindexDocsPage(await db(req), doc.id)
  return doc
}
