import { createHmac, timingSafeEqual } from 'node:crypto'

import { WINDOW_MS, type Window } from '../plans'
import type { VerifyCode, VerifyResult } from './verifier'

/**
 * The request header by which the proxy (src/proxy.ts), having verified and metered an API
 * key, tells Payload's auth strategy who is calling. The proxy strips it from every incoming
 * request, and it is signed with the Payload secret, so a client cannot forge it.
 */
export const KEY_AUTH_HEADER = 'x-tt-key-auth'
const MAX_AGE_MS = 60_000

export type KeyClaims = {
  keyId: number
  /** The owner of a personal key; null for an organization's key, which acts as the organization. */
  userId: number | null
  organizationId: number | null
  scopes: string[]
  issuedAt: number
}

const mac = (data: string, secret: string) =>
  createHmac('sha256', secret).update(data).digest('base64url')

export function signKeyClaims(claims: KeyClaims, secret: string): string {
  const data = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${data}.${mac(data, secret)}`
}

export function readKeyClaims(
  value: string | null,
  secret: string,
  now = Date.now(),
): KeyClaims | null {
  if (!value) return null
  const [data, signature] = value.split('.')
  if (!data || !signature) return null
  const expected = Buffer.from(mac(data, secret))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  const claims = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as KeyClaims
  return now - claims.issuedAt <= MAX_AGE_MS && claims.issuedAt <= now + 5000 ? claims : null
}

/** HTTP status of a refused key on the portal's own API. */
export const REFUSAL_STATUS: Record<Exclude<VerifyCode, 'VALID'>, number> = {
  NOT_FOUND: 401,
  REVOKED: 401,
  EXPIRED: 401,
  IP_NOT_ALLOWED: 403,
  INSUFFICIENT_SCOPE: 403,
  RATE_LIMITED: 429,
  USAGE_EXCEEDED: 429,
}

export const REFUSAL_MESSAGE: Record<Exclude<VerifyCode, 'VALID'>, string> = {
  NOT_FOUND: 'The API key is not valid.',
  REVOKED: 'The API key has been revoked.',
  EXPIRED: 'The API key has expired.',
  IP_NOT_ALLOWED: 'The API key may not be used from this IP address.',
  INSUFFICIENT_SCOPE: 'The API key does not hold the scope this call needs.',
  RATE_LIMITED: 'Rate limit reached: retry after the time in Retry-After.',
  USAGE_EXCEEDED: 'The plan’s quota for this resource is used up for this period.',
}

/**
 * Rate-limit headers of a verification: the IETF draft's RateLimit-Policy / RateLimit
 * (structured fields: q quota, w window seconds, r remaining, t seconds to reset) and the
 * customary X-RateLimit-* (Reset as Unix seconds), plus Retry-After when refused.
 */
export function rateLimitHeaders(result: VerifyResult, now = Date.now()): Record<string, string> {
  const info = result.ratelimit
  if (!info) return {}
  const policy = `${info.resource}-${info.window}`
  const windowSeconds = WINDOW_MS[info.window as Window] / 1000
  const headers: Record<string, string> = {
    'RateLimit-Policy': `"${policy}";q=${info.limit};w=${windowSeconds}`,
    RateLimit: `"${policy}";r=${info.remaining};t=${info.reset}`,
    'X-RateLimit-Limit': String(info.limit),
    'X-RateLimit-Remaining': String(info.remaining),
    'X-RateLimit-Reset': String(Math.ceil(now / 1000) + info.reset),
  }
  if (result.code === 'RATE_LIMITED' || result.code === 'USAGE_EXCEEDED') {
    headers['Retry-After'] = String(info.reset)
  }
  return headers
}
