import { createHmac, timingSafeEqual } from 'node:crypto'

import { payloadSecret } from '../defaults'

/**
 * The links in status subscribers' mail, signed for one purpose each so they work without an
 * account and can do nothing else:
 * - `confirm`: turns a pending subscription on (double opt-in), with the components asked for;
 *   it expires after CONFIRM_TTL_MS;
 * - `unsubscribe`: ends one subscription; it never expires.
 */
export type StatusToken =
  | { purpose: 'confirm'; subscriberId: number; components: number[]; expiresAt: number }
  | { purpose: 'unsubscribe'; subscriberId: number }

export const CONFIRM_TTL_MS = 7 * 24 * 3600 * 1000

const key = () => createHmac('sha256', payloadSecret()).update('status-subscribers:v1').digest()
const sign = (data: string) => createHmac('sha256', key()).update(data).digest('base64url')

export function statusToken(token: StatusToken): string {
  const claims =
    token.purpose === 'confirm'
      ? { p: 'confirm', s: token.subscriberId, c: token.components, e: token.expiresAt }
      : { p: 'unsubscribe', s: token.subscriberId }
  const data = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${data}.${sign(data)}`
}

const isIdList = (value: unknown): value is number[] =>
  Array.isArray(value) && value.length <= 100 && value.every((id) => Number.isInteger(id) && id > 0)

/** The token's claims when its signature holds, it has the purpose asked for and is current. */
export function readStatusToken<P extends StatusToken['purpose']>(
  value: string | null | undefined,
  purpose: P,
  now = Date.now(),
): Extract<StatusToken, { purpose: P }> | null {
  if (!value || value.length > 1000) return null
  const [data, signature, ...rest] = value.split('.')
  if (!data || !signature || rest.length > 0) return null
  const expected = Buffer.from(sign(data))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  let claims: { p?: unknown; s?: unknown; c?: unknown; e?: unknown }
  try {
    claims = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as typeof claims
  } catch {
    return null
  }
  if (claims.p !== purpose || !Number.isInteger(claims.s) || (claims.s as number) <= 0) return null
  if (purpose === 'unsubscribe') {
    return { purpose, subscriberId: claims.s as number } as Extract<StatusToken, { purpose: P }>
  }
  if (!isIdList(claims.c) || typeof claims.e !== 'number' || claims.e < now) return null
  return {
    purpose,
    subscriberId: claims.s as number,
    components: claims.c,
    expiresAt: claims.e,
  } as Extract<StatusToken, { purpose: P }>
}
