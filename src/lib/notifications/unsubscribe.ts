import { createHmac, timingSafeEqual } from 'node:crypto'

import { payloadSecret } from '../defaults'
import { portalUrl } from '../emails'
import { isNotificationType, type NotificationType } from './types'

/**
 * The unsubscribe link in notification mail: signed for one purpose (turning mail off for one
 * person and one type, or all), so it works without logging in and can do nothing else.
 */
export type Unsubscribe = { userId: number; type: NotificationType | '*' }

const key = () => createHmac('sha256', payloadSecret()).update('unsubscribe:v1').digest()

const sign = (data: string) => createHmac('sha256', key()).update(data).digest('base64url')

export function unsubscribeToken({ userId, type }: Unsubscribe): string {
  const data = Buffer.from(JSON.stringify({ u: userId, t: type, p: 'unsubscribe' })).toString(
    'base64url',
  )
  return `${data}.${sign(data)}`
}

export function readUnsubscribeToken(token: string | null | undefined): Unsubscribe | null {
  if (!token || token.length > 500) return null
  const [data, signature] = token.split('.')
  if (!data || !signature) return null
  const expected = Buffer.from(sign(data))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  try {
    const claims = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as {
      u?: unknown
      t?: unknown
      p?: unknown
    }
    if (claims.p !== 'unsubscribe' || !Number.isInteger(claims.u)) return null
    const type = claims.t === '*' || (typeof claims.t === 'string' && isNotificationType(claims.t))
    return type ? { userId: claims.u as number, type: claims.t as Unsubscribe['type'] } : null
  } catch {
    return null
  }
}

/** The links a mail carries: a page to confirm on, and RFC 8058's one-click POST. */
export function unsubscribeLinks(target: Unsubscribe) {
  const token = unsubscribeToken(target)
  return {
    page: portalUrl('/unsubscribe', { token }),
    oneClick: portalUrl('/api/notifications/unsubscribe', { token }),
  }
}
