/**
 * Key format (GitHub-style, scannable): `tt_live_` (production) or `tt_test_` (other
 * environments), 32 base62 characters carrying 190 random bits, and a 6-character base62
 * CRC32 of everything before it. A malformed or mistyped key fails the checksum without any
 * Redis or Postgres look-up.
 *
 * Free of Node modules, so the browser checks a pasted key by the same rules (the docs' key
 * picker); generating and hashing keys stay server-side (format.ts).
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
export const BODY_LENGTH = 32
const CHECKSUM_LENGTH = 6
const KEY_PATTERN = /^tt_(live|test)_([0-9A-Za-z]{32})([0-9A-Za-z]{6})$/

export const KEY_ENVIRONMENTS = ['development', 'staging', 'production'] as const
export type KeyEnvironment = (typeof KEY_ENVIRONMENTS)[number]

export function base62(value: bigint, length: number): string {
  let out = ''
  let rest = value
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(rest % 62n)] + out
    rest /= 62n
  }
  return out
}

/** CRC-32 (IEEE 802.3, the one zlib computes) of the UTF-8 bytes of `text`. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

export function crc32(text: string): number {
  let crc = 0xffffffff
  for (const byte of new TextEncoder().encode(text)) {
    crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8)
  }
  return (crc ^ 0xffffffff) >>> 0
}

export const checksum = (text: string) => base62(BigInt(crc32(text)), CHECKSUM_LENGTH)

export const keyPrefix = (environment: KeyEnvironment) =>
  environment === 'production' ? 'tt_live_' : 'tt_test_'

/** Shape and checksum only: true means the key may exist, false means it cannot. */
export function isWellFormedKey(key: string): boolean {
  const match = KEY_PATTERN.exec(key)
  if (!match) return false
  const head = key.slice(0, key.length - CHECKSUM_LENGTH)
  return checksum(head) === match[3]
}

/** `live` or `test` for a key that looks like one of ours (checksum not checked), else null. */
export const keyKind = (key: string): 'live' | 'test' | null =>
  key.startsWith('tt_live_') ? 'live' : key.startsWith('tt_test_') ? 'test' : null

/** What the portal shows: the prefix and the last four characters. */
export const displayKey = (key: string) => `${key.slice(0, 8)}…${key.slice(-4)}`
