import { pbkdf2, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'

import type { Queryable } from '@/lib/db'

const derive = promisify(pbkdf2)

/** Payload's two password formats (payload/dist/auth/strategies/local): current and legacy. */
const CURRENT_PREFIX = 'pbkdf2-sha256-v1:'

/**
 * Checks a password against the account's stored hash without logging in (a login would start a
 * session, count as activity and cancel a pending deletion). Same derivation as Payload's.
 */
export async function isPasswordCorrect(
  db: Queryable,
  userId: number,
  password: string,
): Promise<boolean> {
  const { rows } = await db.query<{ hash: string | null; salt: string | null }>(
    'SELECT hash, salt FROM users WHERE id = $1',
    [userId],
  )
  const { hash, salt } = rows[0] ?? {}
  if (!hash || !salt || !password) return false
  const isCurrent = hash.startsWith(CURRENT_PREFIX)
  const stored = Buffer.from(isCurrent ? hash.slice(CURRENT_PREFIX.length) : hash, 'hex')
  const derived = await derive(
    password,
    salt,
    isCurrent ? 600_000 : 25_000,
    isCurrent ? 32 : 512,
    'sha256',
  )
  return derived.length === stored.length && timingSafeEqual(derived, stored)
}
