import { revalidateTag } from 'next/cache'
import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { DOCS_TAG } from '@/lib/docs/sections'
import { clearPageCache } from '@/runtime/pageCache'
import type { DocsPage } from '@/payload-types'

/**
 * The public docs are static pages cached under one tag (src/data/docs.ts). Publishing,
 * unpublishing or changing a published page revalidates it, so readers see the change on their
 * next request without a rebuild; saving a draft leaves the published pages alone.
 * Outside a Next server (scripts, tests) there is no cache to revalidate.
 */
export const revalidateDocs: CollectionAfterChangeHook<DocsPage> = ({ doc, previousDoc, req }) => {
  const isPublished = doc._status === 'published'
  const wasPublished = previousDoc?._status === 'published'
  if (isPublished || wasPublished) expire(req.payload.logger, doc.id)
  return doc
}

export const revalidateDeletedDoc: CollectionAfterDeleteHook<DocsPage> = ({ doc, req }) => {
  expire(req.payload.logger, doc.id)
  return doc
}

function expire(logger: { info: (obj: object, msg: string) => void }, id: number) {
  if (!process.env.NEXT_RUNTIME) return
  revalidateTag(DOCS_TAG, { expire: 0 })
  clearPageCache()
  logger.info({ tag: DOCS_TAG, page: id }, 'docs revalidated')
}
