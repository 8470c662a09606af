import { createHash, randomBytes } from 'node:crypto'
import { crc32 } from 'node:zlib'

/**
 * Key format (GitHub-style, scannable): `tt_live_` (production) or `tt_test_` (other
 * environments), 32 base62 characters carrying 190 random bits, and a 6-character base62
 * CRC32 of everything before it. A malformed or mistyped key fails the checksum without any
 * Redis or Postgres look-up.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const BODY_LENGTH = 32
const CHECKSUM_LENGTH = 6
const KEY_PATTERN = /^tt_(live|test)_([0-9A-Za-z]{32})([0-9A-Za-z]{6})$/

export const KEY_ENVIRONMENTS = ['development', 'staging', 'production'] as const
export type KeyEnvironment = (typeof KEY_ENVIRONMENTS)[number]

function base62(value: bigint, length: number): string {
  let out = ''
  let rest = value
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(rest % 62n)] + out
    rest /= 62n
  }
  return out
}

const checksum = (text: string) => base62(BigInt(crc32(text)), CHECKSUM_LENGTH)

export const keyPrefix = (environment: KeyEnvironment) =>
  environment === 'production' ? 'tt_live_' : 'tt_test_'

/** A new plaintext key. Store only hashKey(key) and displayKey(key). */
export function generateKey(environment: KeyEnvironment): string {
  const body = base62(BigInt(`0x${randomBytes(24).toString('hex')}`), BODY_LENGTH)
  const head = `${keyPrefix(environment)}${body}`
  return `${head}${checksum(head)}`
}

/** Shape and checksum only: true means the key may exist, false means it cannot. */
export function isWellFormedKey(key: string): boolean {
  const match = KEY_PATTERN.exec(key)
  if (!match) return false
  const head = key.slice(0, key.length - CHECKSUM_LENGTH)
  return checksum(head) === match[3]
}

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex')

/** What the portal shows: the prefix and the last four characters. */
export const displayKey = (key: string) => `${key.slice(0, 8)}…${key.slice(-4)}`
