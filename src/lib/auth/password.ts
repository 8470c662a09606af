import { pbkdf2, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'

import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { rowsOf } from '../db'
import { hitLimit, refundHit } from '../rateLimit'

const pbkdf2Async = promisify(pbkdf2)

/** Payload's two password hash formats (payload/dist/auth/strategies/local). */
const CURRENT_PREFIX = 'pbkdf2-sha256-v1:'

/** Wrong current passwords accepted per account per 15 minutes (then 429). */
export const PASSWORD_CHECKS = { limit: 10, windowMs: 15 * 60_000 } as const

export type PasswordCheck = 'OK' | 'WRONG' | 'TOO_MANY'

/**
 * Checks the current password of a signed-in person before a sensitive change (a new password,
 * turning two-factor off, new recovery codes), the way Payload's login compares it. Limited per
 * account, so a stolen session cannot guess the password through these forms: only wrong
 * passwords count. Each check is counted before the comparison (guesses sent at once cannot all
 * pass a count read first) and a right password gives its count back.
 */
export async function checkCurrentPassword(
  payload: Payload,
  userId: number | string,
  password: string,
): Promise<PasswordCheck> {
  const key = `password-check:${userId}`
  const { isAllowed } = await hitLimit(key, PASSWORD_CHECKS.limit, PASSWORD_CHECKS.windowMs)
  if (!isAllowed) return 'TOO_MANY'
  const check = await comparePassword(payload, userId, password)
  if (check === 'OK') await refundHit(key)
  return check
}

async function comparePassword(
  payload: Payload,
  userId: number | string,
  password: string,
): Promise<Exclude<PasswordCheck, 'TOO_MANY'>> {
  const db = payload.db as unknown as { drizzle: { execute: (q: unknown) => Promise<unknown> } }
  const [row] = rowsOf<{ hash: string | null; salt: string | null }>(
    await db.drizzle.execute(sql`SELECT hash, salt FROM users WHERE id = ${Number(userId)}`),
  )
  if (!row?.hash || !row.salt || !password) return 'WRONG'
  const isCurrent = row.hash.startsWith(CURRENT_PREFIX)
  const stored = Buffer.from(isCurrent ? row.hash.slice(CURRENT_PREFIX.length) : row.hash, 'hex')
  const computed = await pbkdf2Async(
    password,
    row.salt,
    isCurrent ? 600_000 : 25_000,
    isCurrent ? 32 : 512,
    'sha256',
  )
  return computed.length === stored.length && timingSafeEqual(computed, stored) ? 'OK' : 'WRONG'
}

export const PASSWORD_CHECK_MESSAGES: Record<Exclude<PasswordCheck, 'OK'>, string> = {
  WRONG: 'That is not your current password.',
  TOO_MANY: 'Too many wrong passwords. Wait 15 minutes.',
}
