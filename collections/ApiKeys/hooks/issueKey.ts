import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import { displayKey, generateKey, hashKey, type KeyEnvironment } from '@/lib/keys/format'

/** A new key gets its secret here: only the hash and display form are stored. */
export const issueKey: CollectionBeforeChangeHook = ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const key = generateKey((data.environment ?? 'development') as KeyEnvironment)
  data.keyHash = hashKey(key)
  data.display = displayKey(key)
  req.context.issuedKey = key
  return data
}

/** The plaintext goes back once, in the response that issued it, as `doc.key`. */
export const revealIssuedKey: CollectionAfterChangeHook = ({ doc, operation, req }) => {
  const key = req.context.issuedKey
  if (operation !== 'create' || typeof key !== 'string') return doc
  delete req.context.issuedKey
  return { ...doc, key }
}
