import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

import { payloadSecret } from './defaults'

/**
 * Encrypts secrets the portal must use again (webhook signing secrets) with AES-256-GCM under
 * a key derived from PAYLOAD_SECRET. Credentials the portal only checks (API keys, invitation
 * tokens) are hashed instead.
 */
const key = () => createHash('sha256').update(`${payloadSecret()}:secret-box:v1`).digest()

export function seal(plaintext: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key(), iv)
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  const tag = cipher.getAuthTag()
  return ['v1', iv.toString('base64'), tag.toString('base64'), sealed.toString('base64')].join('.')
}

export function unseal(box: string): string {
  const [version, iv, tag, sealed] = box.split('.')
  if (version !== 'v1' || !iv || !tag || !sealed) throw new Error('not a sealed secret')
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64'))
  decipher.setAuthTag(Buffer.from(tag, 'base64'))
  const plain = Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()])
  return plain.toString('utf8')
}
