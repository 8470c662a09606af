import { randomUUID } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server'
import type { Payload, PayloadRequest } from 'payload'

import { rowsOf, sqlFor } from '../db'
import { serverUrl } from '../defaults'
import { attemptChallenge, createChallenge, spendChallenge } from './challenges'

/**
 * Passkeys and security keys (WebAuthn, with SimpleWebAuthn): registered from Settings →
 * Security, used as the second factor after a password or to sign in without one. The relying
 * party is the portal's public URL (SERVER_URL): its host is the RP ID, its origin the only
 * origin accepted.
 */
type Req = Pick<PayloadRequest, 'payload' | 'transactionID'>
type Db = Req | { payload: Payload; transactionID?: undefined }

export const RP_NAME = 'TuneTrail Community'
export const MAX_PASSKEYS = 20
const relyingParty = () => {
  const url = new URL(serverUrl())
  return { rpID: url.hostname, origin: url.origin }
}

export type Passkey = {
  id: string
  name: string
  createdAt: Date
  lastUsedAt: Date | null
  deviceType: string | null
  isBackedUp: boolean
}

type PasskeyRow = {
  id: string
  user_id: number
  credential_id: string
  public_key: Buffer
  counter: string
  transports: string[]
  name: string
  created_at: Date
  last_used_at: Date | null
  device_type: string | null
  is_backed_up: boolean
}

const toPasskey = (row: PasskeyRow): Passkey => ({
  id: row.id,
  name: row.name,
  createdAt: new Date(row.created_at),
  lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
  deviceType: row.device_type,
  isBackedUp: row.is_backed_up,
})

export async function listPasskeys(req: Db, userId: number | string): Promise<Passkey[]> {
  const db = await sqlFor(req)
  return rowsOf<PasskeyRow>(
    await db.execute(sql`
      SELECT * FROM user_passkeys WHERE user_id = ${Number(userId)} ORDER BY created_at`),
  ).map(toPasskey)
}

async function credentialsOf(req: Db, userId: number | string) {
  const db = await sqlFor(req)
  return rowsOf<Pick<PasskeyRow, 'credential_id' | 'transports'>>(
    await db.execute(sql`
      SELECT credential_id, transports FROM user_passkeys WHERE user_id = ${Number(userId)}`),
  ).map((row) => ({
    id: row.credential_id,
    transports: row.transports as AuthenticatorTransport[],
  }))
}

/** Starts registering a passkey: the browser's options and the ceremony's challenge token. */
export async function beginPasskeyRegistration(
  req: Req,
  user: { id: number | string; email: string; name: string; username: string },
): Promise<{ token: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  const { rpID } = relyingParty()
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID,
    userName: user.email,
    userDisplayName: `${user.name} (@${user.username})`,
    userID: new TextEncoder().encode(`tt-user-${user.id}`),
    attestationType: 'none',
    excludeCredentials: await credentialsOf(req, user.id),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  })
  const { token } = await createChallenge(req, 'passkey-register', {
    userId: user.id,
    webauthnChallenge: options.challenge,
  })
  return { token, options }
}

export type PasskeyProblem = 'EXPIRED' | 'INVALID' | 'TOO_MANY' | 'DUPLICATE'

export const PASSKEY_PROBLEMS: Record<PasskeyProblem, string> = {
  EXPIRED: 'This passkey request has expired. Try again.',
  INVALID: 'The passkey could not be verified. Try again.',
  TOO_MANY: `An account holds up to ${MAX_PASSKEYS} passkeys. Remove one first.`,
  DUPLICATE: 'This passkey is already registered.',
}

/** Finishes a registration with the browser's answer; the passkey is stored under `name`. */
export async function finishPasskeyRegistration(
  req: Req,
  userId: number | string,
  token: string,
  response: RegistrationResponseJSON,
  name: string,
): Promise<{ ok: true; passkey: Passkey } | { ok: false; problem: PasskeyProblem }> {
  const challenge = await attemptChallenge({ payload: req.payload }, token, 'passkey-register')
  if (!challenge?.webauthnChallenge || String(challenge.userId) !== String(userId)) {
    return { ok: false, problem: 'EXPIRED' }
  }
  const { rpID, origin } = relyingParty()
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge: challenge.webauthnChallenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: false,
  }).catch(() => null)
  if (!verification?.verified) return { ok: false, problem: 'INVALID' }
  if (!(await spendChallenge({ payload: req.payload }, challenge.id))) {
    return { ok: false, problem: 'EXPIRED' }
  }
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo
  const db = await sqlFor(req)
  const id = randomUUID()
  const transports = sql.join(
    (credential.transports ?? []).map((transport) => sql`${transport}`),
    sql`, `,
  )
  // One statement: the cap and the uniqueness hold under concurrent registrations.
  const inserted = rowsOf<PasskeyRow>(
    await db.execute(sql`
      INSERT INTO user_passkeys (id, user_id, credential_id, public_key, counter, transports,
                                 device_type, is_backed_up, name)
      SELECT ${id}::uuid, ${Number(userId)}, ${credential.id},
             ${Buffer.from(credential.publicKey)}, ${credential.counter},
             ${(credential.transports ?? []).length ? sql`ARRAY[${transports}]::text[]` : sql`'{}'::text[]`},
             ${credentialDeviceType}, ${credentialBackedUp}, ${name}
       WHERE (SELECT count(*) FROM user_passkeys WHERE user_id = ${Number(userId)}) < ${MAX_PASSKEYS}
      ON CONFLICT (credential_id) DO NOTHING
      RETURNING *`),
  )
  if (inserted.length === 0) {
    const count = (await listPasskeys(req, userId)).length
    return { ok: false, problem: count >= MAX_PASSKEYS ? 'TOO_MANY' : 'DUPLICATE' }
  }
  return { ok: true, passkey: toPasskey(inserted[0]) }
}

/**
 * Options to ask the browser for a passkey: the account's own, or any (discoverable). A passkey
 * alone (no password before it) must verify its user (PIN, biometrics): `required`.
 */
export async function passkeyRequestOptions(
  req: Db,
  userId?: number | string,
  userVerification: 'required' | 'preferred' = 'preferred',
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { rpID } = relyingParty()
  return generateAuthenticationOptions({
    rpID,
    userVerification,
    allowCredentials: userId === undefined ? [] : await credentialsOf(req, userId),
  })
}

/** Starts a passkey sign-in without a password: the options and the ceremony's token. */
export async function beginPasskeyLogin(req: Req) {
  const options = await passkeyRequestOptions(req, undefined, 'required')
  const { token, expiresAt } = await createChallenge(req, 'passkey-login', {
    webauthnChallenge: options.challenge,
  })
  return { token, options, expiresAt }
}

/**
 * Checks a browser's passkey answer against the expected challenge: the user it proves (who
 * must be `userId` when given), with its signature counter moved on; null when it proves nothing.
 * `isUserVerified`: the authenticator must have verified its user (a passkey used alone).
 */
export async function verifyPasskey(
  req: Db,
  response: AuthenticationResponseJSON,
  expectedChallenge: string,
  userId?: number | string,
  { isUserVerified = false }: { isUserVerified?: boolean } = {},
): Promise<{ userId: number; passkeyName: string } | null> {
  if (typeof response?.id !== 'string') return null
  const db = await sqlFor(req)
  const [row] = rowsOf<PasskeyRow>(
    await db.execute(sql`SELECT * FROM user_passkeys WHERE credential_id = ${response.id}`),
  )
  if (!row || (userId !== undefined && String(row.user_id) !== String(userId))) return null
  const { rpID, origin } = relyingParty()
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    credential: {
      id: row.credential_id,
      publicKey: new Uint8Array(row.public_key),
      counter: Number(row.counter),
      transports: row.transports as AuthenticatorTransport[],
    },
    requireUserVerification: isUserVerified,
  }).catch(() => null)
  if (!verification?.verified) return null
  const { newCounter } = verification.authenticationInfo
  // A counter that did not move on (when the authenticator keeps one) is a cloned key.
  const moved = rowsOf(
    await db.execute(sql`
      UPDATE user_passkeys SET counter = ${newCounter}, last_used_at = now()
       WHERE id = ${row.id}::uuid AND (counter = 0 AND ${newCounter} = 0 OR counter < ${newCounter})
       RETURNING id`),
  )
  if (moved.length === 0) return null
  return { userId: Number(row.user_id), passkeyName: row.name }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID.test(value)

/** Renames one of the user's passkeys: false when it is not theirs. */
export async function renamePasskey(req: Req, userId: number | string, id: string, name: string) {
  if (!isUuid(id)) return null
  const db = await sqlFor(req)
  const [row] = rowsOf<{ old_name: string }>(
    await db.execute(sql`
      UPDATE user_passkeys p SET name = ${name}
        FROM (SELECT id, name AS old_name FROM user_passkeys WHERE id = ${id}::uuid) old
       WHERE p.id = old.id AND p.user_id = ${Number(userId)}
       RETURNING old.old_name`),
  )
  return row ? row.old_name : null
}

/** Removes one of the user's passkeys: its name, or null when it is not theirs. */
export async function removePasskey(req: Req, userId: number | string, id: string) {
  if (!isUuid(id)) return null
  const db = await sqlFor(req)
  const [row] = rowsOf<{ name: string }>(
    await db.execute(sql`
      DELETE FROM user_passkeys WHERE id = ${id}::uuid AND user_id = ${Number(userId)}
      RETURNING name`),
  )
  return row?.name ?? null
}
