import { createHash, randomBytes } from 'node:crypto'

import { base62, BODY_LENGTH, checksum, keyPrefix, type KeyEnvironment } from './shape'

/** The key format and its checks live in shape.ts (shared with the browser). */
export {
  displayKey,
  isWellFormedKey,
  KEY_ENVIRONMENTS,
  keyPrefix,
  type KeyEnvironment,
} from './shape'

/** A new plaintext key. Store only hashKey(key) and displayKey(key). */
export function generateKey(environment: KeyEnvironment): string {
  const body = base62(BigInt(`0x${randomBytes(24).toString('hex')}`), BODY_LENGTH)
  const head = `${keyPrefix(environment)}${body}`
  return `${head}${checksum(head)}`
}

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex')
