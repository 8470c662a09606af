import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeDeleteHook,
} from 'payload'

import { db } from '@/lib/db'

import { deleteObject } from '@/lib/models/storage'

type Keys = Record<string, string>

/** The object key of the file about to go (hidden from the doc afterDelete receives). */
export const rememberStoredObject: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const file = await req.payload
    .findByID({
      collection: 'model-files',
      id,
      depth: 0,
      overrideAccess: true,
      showHiddenFields: true,
      req,
    })
    .catch(() => null)
  const key = (file as { storageKey?: string } | null)?.storageKey
  if (key) req.context.modelFileKeys = { ...(req.context.modelFileKeys as Keys), [id]: key }
}

/**
 * A deleted file's object goes too — unless another file (a fork's) still references it. The
 * object is deleted after the row, so a failure leaves an orphan object, never a broken file.
 */
export const releaseStoredObject: CollectionAfterDeleteHook = async ({ id, doc, req }) => {
  const key = (req.context.modelFileKeys as Keys | undefined)?.[id]
  if (!key) return doc
  const { totalDocs } = await req.payload.count({
    collection: 'model-files',
    where: { storageKey: { equals: key } },
    overrideAccess: true,
    req,
  })
  if (totalDocs === 0) {
    await deleteObject(key).catch((err: unknown) =>
      req.payload.logger.warn({ msg: 'model file object not deleted', key, err: String(err) }),
    )
  }
  return doc
}

/**
 * Staff's review is of the bytes: it reaches every file referencing the same object (forks'
 * references), so approving or rejecting the original decides the copies too.
 */
export const shareReview: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (operation !== 'update' || doc.review === previousDoc?.review) return doc
  const sql = await db(req)
  await sql.query(
    `UPDATE model_files SET review = r.review, reviewed_by_id = r.reviewed_by_id,
            reviewed_at = r.reviewed_at, updated_at = now()
       FROM model_files r
      WHERE r.id = $1 AND model_files.storage_key = r.storage_key AND model_files.id <> r.id`,
    [doc.id],
  )
  return doc
}
