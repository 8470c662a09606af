import { isIP } from 'node:net'

import { env } from '../env'

/**
 * The client IP as the proxies in front saw it. Each trusted proxy appends the address it was
 * called from to X-Forwarded-For, so with TRUSTED_PROXY_HOPS = n the client is the n-th entry
 * from the right; entries further left were sent by the client and are never trusted. Without
 * a client-sent header Next fills in the socket address. Undefined when it is not an IP.
 */
export function clientIpFromForwarded(
  forwarded: string | null | undefined,
  hops = env().TRUSTED_PROXY_HOPS,
): string | undefined {
  const entries = (forwarded ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  if (entries.length === 0) return undefined
  const candidate = entries[Math.max(0, entries.length - Math.max(1, hops))]
  const address = candidate.startsWith('::ffff:') ? candidate.slice(7) : candidate
  return isIP(address) ? address : undefined
}

export const clientIpOf = (headers: Headers): string | undefined =>
  clientIpFromForwarded(headers.get('x-forwarded-for')) ??
  clientIpFromForwarded(headers.get('x-real-ip'), 1)
