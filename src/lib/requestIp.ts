import type { PayloadRequest } from 'payload'

import { clientIpOf } from './net/clientAddress'

/**
 * The client IP of a Payload request: what a portal action passed in `context.ip`, or the
 * first `X-Forwarded-For` hop set by the proxy in front.
 */
export function requestIp(req: Pick<PayloadRequest, 'context' | 'headers'>): string | null {
  const fromContext = req.context?.ip
  if (typeof fromContext === 'string' && fromContext) return fromContext
  return req.headers ? (clientIpOf(req.headers) ?? null) : null
}
