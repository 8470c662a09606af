import { randomUUID } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { rowsOf, sqlFor } from '../db'
import { newToken, sha256 } from '../tokens'

/**
 * Short-lived login challenges, one row each in `login_challenges`: the proof that a password
 * was right (`second-factor`, waiting for a code or a passkey), or a passkey ceremony under way
 * (`passkey-login`, `passkey-register`, holding the WebAuthn challenge). The caller holds a
 * random token; only its hash is stored. Each attempt is counted in the same statement that
 * reads the row, so concurrent guesses cannot exceed the limit.
 */
export type ChallengePurpose =
  | 'second-factor'
  | 'passkey-login'
  | 'passkey-register'
  /** A signed-in person confirms a sensitive step (deleting the account) with a passkey. */
  | 'passkey-confirm'

/** How long a challenge lives: time to open an authenticator app, not to guess. */
export const CHALLENGE_TTL_SECONDS = 300

/** Wrong codes a challenge accepts before it is spent (then the password is asked again). */
export const CHALLENGE_MAX_ATTEMPTS = 5

type Req = Pick<PayloadRequest, 'payload' | 'transactionID'>

export type Challenge = {
  id: string
  purpose: ChallengePurpose
  userId: number | null
  webauthnChallenge: string | null
  attempts: number
}

export async function createChallenge(
  req: Req,
  purpose: ChallengePurpose,
  fields: { userId?: number | string | null; webauthnChallenge?: string | null } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken()
  const expiresAt = new Date(Date.now() + CHALLENGE_TTL_SECONDS * 1000)
  const db = await sqlFor(req)
  await db.execute(sql`
    DELETE FROM login_challenges WHERE expires_at < now() - interval '1 hour'`)
  await db.execute(sql`
    INSERT INTO login_challenges (id, token_hash, purpose, user_id, webauthn_challenge, expires_at)
    VALUES (${randomUUID()}, ${sha256(token)}, ${purpose},
            ${fields.userId == null ? null : Number(fields.userId)},
            ${fields.webauthnChallenge ?? null}, ${expiresAt.toISOString()}::timestamptz)`)
  return { token, expiresAt }
}

/**
 * Counts one attempt at a live challenge and returns it, or null when the token names no live
 * challenge of this purpose or its attempts are used up.
 */
export async function attemptChallenge(
  req: Req,
  token: string,
  purpose: ChallengePurpose,
): Promise<Challenge | null> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null
  const db = await sqlFor(req)
  const [row] = rowsOf<{
    id: string
    purpose: ChallengePurpose
    user_id: number | null
    webauthn_challenge: string | null
    attempts: number
  }>(
    await db.execute(sql`
      UPDATE login_challenges SET attempts = attempts + 1
       WHERE token_hash = ${sha256(token)} AND purpose = ${purpose}
         AND expires_at > now() AND attempts < ${CHALLENGE_MAX_ATTEMPTS}
       RETURNING id, purpose, user_id, webauthn_challenge, attempts`),
  )
  if (!row) return null
  return {
    id: row.id,
    purpose: row.purpose,
    userId: row.user_id,
    webauthnChallenge: row.webauthn_challenge,
    attempts: row.attempts,
  }
}

/** Stores the WebAuthn challenge of a ceremony started on a second-factor challenge. */
export async function setWebauthnChallenge(req: Req, id: string, challenge: string) {
  const db = await sqlFor(req)
  await db.execute(
    sql`UPDATE login_challenges SET webauthn_challenge = ${challenge} WHERE id = ${id}::uuid`,
  )
}

/** Spends a challenge (it succeeded): returns false when another request spent it first. */
export async function spendChallenge(req: Req, id: string): Promise<boolean> {
  const db = await sqlFor(req)
  const rows = rowsOf(
    await db.execute(sql`DELETE FROM login_challenges WHERE id = ${id}::uuid RETURNING id`),
  )
  return rows.length === 1
}

/** The user a live challenge is for, without counting an attempt (to show the right form). */
export async function peekChallenge(
  req: Req,
  token: string,
  purpose: ChallengePurpose,
): Promise<{ userId: number | null } | null> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null
  const db = await sqlFor(req)
  const [row] = rowsOf<{ user_id: number | null }>(
    await db.execute(sql`
      SELECT user_id FROM login_challenges
       WHERE token_hash = ${sha256(token)} AND purpose = ${purpose}
         AND expires_at > now() AND attempts < ${CHALLENGE_MAX_ATTEMPTS}`),
  )
  return row ? { userId: row.user_id } : null
}
