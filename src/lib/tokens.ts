import { createHash, randomBytes } from 'node:crypto'

/** A URL-safe token with 256 random bits. */
export const newToken = () => randomBytes(32).toString('base64url')

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
