import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server'
import { isoCBOR } from '@simplewebauthn/server/helpers'

import { serverUrl } from '@/lib/defaults'
import { sqlFor } from '@/lib/db'

import { testPayload } from './payload'

const b64url = (bytes: Buffer | Uint8Array) => Buffer.from(bytes).toString('base64url')

/**
 * A software passkey (ES256) for int tests: registered straight into user_passkeys, it answers
 * WebAuthn requests as a browser would, verifying its user (PIN, biometrics) or not.
 */
export async function softPasskey(userId: number, name = 'Test key') {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const jwk = publicKey.export({ format: 'jwk' })
  const cose = new Map<number, number | Uint8Array>([
    [1, 2],
    [3, -7],
    [-1, 1],
    [-2, Buffer.from(jwk.x as string, 'base64url')],
    [-3, Buffer.from(jwk.y as string, 'base64url')],
  ])
  const credentialId = b64url(randomBytes(16))
  const id = randomUUID()
  const db = await sqlFor({ payload: await testPayload() })
  await db.execute(sql`
    INSERT INTO user_passkeys (id, user_id, credential_id, public_key, counter, transports, name)
    VALUES (${id}::uuid, ${userId}, ${credentialId},
            ${Buffer.from(isoCBOR.encode(cose as never))}, 0, '{}'::text[], ${name})`)
  let counter = 0
  return {
    id,
    credentialId,
    /** The answer to `options`; `isUserVerified: false` sets only the user-present flag. */
    answer(
      options: Pick<PublicKeyCredentialRequestOptionsJSON, 'challenge'>,
      { isUserVerified = true }: { isUserVerified?: boolean } = {},
    ): AuthenticationResponseJSON {
      const url = new URL(serverUrl())
      const clientData = Buffer.from(
        JSON.stringify({
          type: 'webauthn.get',
          challenge: options.challenge,
          origin: url.origin,
          crossOrigin: false,
        }),
      )
      counter++
      const count = Buffer.alloc(4)
      count.writeUInt32BE(counter)
      const authData = Buffer.concat([
        createHash('sha256').update(url.hostname).digest(),
        Buffer.from([isUserVerified ? 0x05 : 0x01]),
        count,
      ])
      const signature = sign(
        'sha256',
        Buffer.concat([authData, createHash('sha256').update(clientData).digest()]),
        privateKey,
      )
      return {
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        response: {
          clientDataJSON: b64url(clientData),
          authenticatorData: b64url(authData),
          signature: b64url(signature),
          userHandle: b64url(Buffer.from(`tt-user-${userId}`)),
        },
        clientExtensionResults: {},
      }
    },
  }
}
