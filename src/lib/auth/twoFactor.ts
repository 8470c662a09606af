import { randomInt } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import { generateSecret, generateURI, verify } from 'otplib'
import type { Payload, PayloadRequest } from 'payload'
import QRCode from 'qrcode'

import { rowsOf, sqlFor } from '../db'
import { seal, unseal } from '../secretBox'
import { sha256 } from '../tokens'

/**
 * Two-factor authentication's state of an account: a TOTP secret (sealed with secretBox, since
 * it must be read again to check codes), ten single-use recovery codes (hashed: only checked),
 * and passkeys (passkeys.ts). Rows of their own tables, written by single statements.
 */
type Req = Pick<PayloadRequest, 'payload' | 'transactionID'>
type Db = Req | { payload: Payload; transactionID?: undefined }

export const TOTP_ISSUER = 'TuneTrail Community'
export const RECOVERY_CODE_COUNT = 10
/** Codes of the step before and after count too: clocks of phones drift. */
const EPOCH_TOLERANCE_SECONDS = 30

export type SecondFactorMethod = 'totp' | 'recovery' | 'passkey'

export type TwoFactorState = {
  isTotpEnabled: boolean
  totpEnabledAt: Date | null
  /** A setup waiting for its confirming code. */
  hasPendingTotp: boolean
  recoveryCodesLeft: number
  passkeys: number
}

export async function twoFactorState(req: Db, userId: number | string): Promise<TwoFactorState> {
  const db = await sqlFor(req)
  const [row] = rowsOf<{
    enabled_at: Date | null
    has_pending: boolean
    codes_left: number
    passkeys: number
  }>(
    await db.execute(sql`
      SELECT t.enabled_at,
             (t.pending_secret IS NOT NULL) AS has_pending,
             (SELECT count(*)::int FROM user_recovery_codes c
               WHERE c.user_id = ${Number(userId)} AND c.used_at IS NULL) AS codes_left,
             (SELECT count(*)::int FROM user_passkeys p WHERE p.user_id = ${Number(userId)}) AS passkeys
        FROM (SELECT 1) one
        LEFT JOIN user_totp t ON t.user_id = ${Number(userId)}`),
  )
  return {
    isTotpEnabled: Boolean(row?.enabled_at),
    totpEnabledAt: row?.enabled_at ? new Date(row.enabled_at) : null,
    hasPendingTotp: Boolean(row?.has_pending),
    recoveryCodesLeft: row?.codes_left ?? 0,
    passkeys: row?.passkeys ?? 0,
  }
}

/** Whether an account has a second factor: TOTP or at least one passkey. */
export const hasSecondFactor = (state: TwoFactorState) => state.isTotpEnabled || state.passkeys > 0

/** The ways an account may complete a login, in the order the login page offers them. */
export function secondFactorMethods(state: TwoFactorState): SecondFactorMethod[] {
  const methods: SecondFactorMethod[] = []
  if (state.isTotpEnabled) methods.push('totp')
  if (state.passkeys > 0) methods.push('passkey')
  if (hasSecondFactor(state) && state.recoveryCodesLeft > 0) methods.push('recovery')
  return methods
}

/** Ids of the given users that have a second factor (for an organization's requirement). */
export async function usersWithSecondFactor(
  req: Db,
  userIds: (number | string)[],
): Promise<Set<number>> {
  if (userIds.length === 0) return new Set()
  const db = await sqlFor(req)
  const ids = sql.join(
    userIds.map((id) => sql`${Number(id)}`),
    sql`, `,
  )
  const rows = rowsOf<{ user_id: number }>(
    await db.execute(sql`
      SELECT user_id FROM user_totp WHERE enabled_at IS NOT NULL AND user_id IN (${ids})
      UNION SELECT user_id FROM user_passkeys WHERE user_id IN (${ids})`),
  )
  return new Set(rows.map((row) => Number(row.user_id)))
}

export type TotpSetup = { secret: string; uri: string; qrSvgDataUrl: string }

/** The QR code and manual key of a secret, for an authenticator app (no network). */
export async function describeTotpSecret(secret: string, label: string): Promise<TotpSetup> {
  const uri = generateURI({ issuer: TOTP_ISSUER, label, secret })
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  return {
    secret,
    uri,
    qrSvgDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
  }
}

/**
 * Starts (or restarts) setting up TOTP: a new secret waits, sealed, for a code that proves the
 * app has it. An enabled TOTP stays as it is until the new one is confirmed.
 */
export async function beginTotpSetup(req: Req, userId: number | string): Promise<string> {
  const secret = generateSecret()
  const db = await sqlFor(req)
  await db.execute(sql`
    INSERT INTO user_totp (user_id, pending_secret, pending_at)
    VALUES (${Number(userId)}, ${seal(secret)}, now())
    ON CONFLICT (user_id) DO UPDATE SET pending_secret = EXCLUDED.pending_secret,
                                        pending_at = EXCLUDED.pending_at`)
  return secret
}

/** The secret waiting for confirmation, if any (to show its QR code again). */
export async function pendingTotpSecret(req: Db, userId: number | string): Promise<string | null> {
  const db = await sqlFor(req)
  const [row] = rowsOf<{ pending_secret: string | null }>(
    await db.execute(sql`
      SELECT pending_secret FROM user_totp
       WHERE user_id = ${Number(userId)} AND pending_at > now() - interval '1 hour'`),
  )
  return row?.pending_secret ? unseal(row.pending_secret) : null
}

const normaliseTotp = (code: string) => code.replace(/\s+/g, '')
export const isTotpShaped = (code: string) => /^\d{6}$/.test(normaliseTotp(code))

async function checkTotp(secret: string, code: string, afterTimeStep: number) {
  const token = normaliseTotp(code)
  if (!/^\d{6}$/.test(token)) return null
  const result = await verify({
    secret,
    token,
    epochTolerance: EPOCH_TOLERANCE_SECONDS,
    afterTimeStep,
  }).catch(() => null)
  return result?.valid && 'timeStep' in result ? Number(result.timeStep) : null
}

/**
 * Confirms the waiting secret with a code from the app: TOTP is enabled with it, and ten new
 * recovery codes replace any earlier ones (returned once, in clear). Null when the code is wrong.
 */
export async function confirmTotpSetup(
  req: Req,
  userId: number | string,
  code: string,
): Promise<string[] | null> {
  const secret = await pendingTotpSecret(req, userId)
  if (!secret) return null
  const step = await checkTotp(secret, code, 0)
  if (step === null) return null
  const db = await sqlFor(req)
  const updated = rowsOf(
    await db.execute(sql`
      UPDATE user_totp SET secret = ${seal(secret)}, enabled_at = now(), pending_secret = NULL,
                           pending_at = NULL, last_time_step = ${step}
       WHERE user_id = ${Number(userId)} AND pending_secret IS NOT NULL
       RETURNING user_id`),
  )
  if (updated.length === 0) return null
  return replaceRecoveryCodes(req, userId)
}

/** Turns TOTP off and drops the recovery codes unless a passkey still needs them. */
export async function disableTotp(req: Req, userId: number | string): Promise<boolean> {
  const db = await sqlFor(req)
  const removed = rowsOf(
    await db.execute(
      sql`DELETE FROM user_totp WHERE user_id = ${Number(userId)} RETURNING enabled_at`,
    ),
  )
  await db.execute(sql`
    DELETE FROM user_recovery_codes
     WHERE user_id = ${Number(userId)}
       AND NOT EXISTS (SELECT 1 FROM user_passkeys WHERE user_id = ${Number(userId)})`)
  return removed.length > 0
}

/**
 * Checks a TOTP code for a login or a confirmation, once: the code's time step is recorded in
 * the same statement, so the same code (or an older one) never works twice.
 */
export async function verifyTotp(req: Db, userId: number | string, code: string) {
  const db = await sqlFor(req)
  const [row] = rowsOf<{ secret: string; last_time_step: string }>(
    await db.execute(sql`
      SELECT secret, last_time_step FROM user_totp
       WHERE user_id = ${Number(userId)} AND enabled_at IS NOT NULL`),
  )
  if (!row) return false
  const step = await checkTotp(unseal(row.secret), code, Number(row.last_time_step))
  if (step === null) return false
  const claimed = rowsOf(
    await db.execute(sql`
      UPDATE user_totp SET last_time_step = ${step}
       WHERE user_id = ${Number(userId)} AND last_time_step < ${step}
       RETURNING user_id`),
  )
  return claimed.length === 1
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** A recovery code: `xxxxx-xxxxx` from an alphabet without look-alikes (about 49 bits). */
function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(31)])
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`
}

/** Lower-case, no spaces; the dash is optional when typing it. */
export const normaliseRecoveryCode = (code: string) => {
  const compact = code.toLowerCase().replace(/[\s-]+/g, '')
  return compact.length === 10 ? `${compact.slice(0, 5)}-${compact.slice(5)}` : compact
}

export const isRecoveryShaped = (code: string) =>
  /^[a-z0-9]{5}-[a-z0-9]{5}$/.test(normaliseRecoveryCode(code))

/** Ten new recovery codes replace the account's earlier ones; returned once, in clear. */
export async function replaceRecoveryCodes(req: Req, userId: number | string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode)
  const db = await sqlFor(req)
  await db.execute(sql`DELETE FROM user_recovery_codes WHERE user_id = ${Number(userId)}`)
  const values = sql.join(
    codes.map((code) => sql`(${Number(userId)}, ${sha256(`recovery:${code}`)})`),
    sql`, `,
  )
  await db.execute(sql`INSERT INTO user_recovery_codes (user_id, code_hash) VALUES ${values}`)
  return codes
}

/** Uses a recovery code: true once per code, whatever the concurrency. */
export async function redeemRecoveryCode(req: Db, userId: number | string, code: string) {
  if (!isRecoveryShaped(code)) return false
  const db = await sqlFor(req)
  const used = rowsOf(
    await db.execute(sql`
      UPDATE user_recovery_codes SET used_at = now()
       WHERE user_id = ${Number(userId)} AND used_at IS NULL
         AND code_hash = ${sha256(`recovery:${normaliseRecoveryCode(code)}`)}
       RETURNING id`),
  )
  return used.length === 1
}
