import type { IncomingMessage } from 'node:http'

import { normaliseAddress, parseRange, rangeMatcher } from './ip'

/**
 * The header by which the portal's own HTTP server (src/runtime/server.ts) tells the app the
 * client's address. The server sets it on every request and overwrites whatever a client sent,
 * so code reading it never sees a client's claim. Absent means unknown.
 */
export const CLIENT_IP_HEADER = 'x-tt-client-ip'

export type TrustedProxies = (address: string) => boolean

/** TRUSTED_PROXIES (`10.0.0.0/8, 192.168.1.5`) as a matcher; null when no proxy is trusted. */
export function parseTrustedProxies(text: string | undefined): TrustedProxies | null {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  if (entries.length === 0) return null
  const bad = entries.find((entry) => !parseRange(entry))
  if (bad) throw new Error(`TRUSTED_PROXIES: "${bad}" is not an IP address or CIDR range`)
  return rangeMatcher(entries)
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy, in which case
 * the entry it appended to X-Forwarded-For (the rightmost), and so on leftwards while the
 * address found is itself a trusted proxy. Entries left of the first untrusted address were
 * written by the client and are never believed. Without trusted proxies: the socket address.
 */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  isTrusted: TrustedProxies | null,
): string | undefined {
  let address = normaliseAddress(socketAddress)
  if (!isTrusted || !address) return address
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  while (address && isTrusted(address) && hops.length > 0) {
    const next = normaliseAddress(hops.pop())
    // A trusted proxy that forwarded something that is not an address: stop at the proxy.
    if (!next) break
    address = next
  }
  return address
}

let hasWarned = false
const isPrivate = rangeMatcher(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'])

/** Forwarding headers believed only from a trusted proxy (Next fills them in from the socket). */
const PROXY_HEADERS = ['x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port']
/** Never believed from anyone: the client address is resolved here, once. */
const CLIENT_HEADERS = [CLIENT_IP_HEADER, 'x-real-ip', 'forwarded']

/**
 * Makes a request's forwarding headers trustworthy before the app sees it: the client address
 * goes into CLIENT_IP_HEADER and a single-entry X-Forwarded-For; forwarding headers from a peer
 * that is not a trusted proxy are dropped.
 */
export function trustForwarded(request: IncomingMessage, isTrusted: TrustedProxies | null): void {
  const peer = normaliseAddress(request.socket.remoteAddress)
  if (!isTrusted && !hasWarned && request.headers['x-forwarded-for'] && peer && isPrivate(peer)) {
    hasWarned = true
    console.warn(
      `X-Forwarded-For arrives from ${peer}, which is not a trusted proxy: every client then looks like it. If a proxy runs in front, list its addresses in TRUSTED_PROXIES.`,
    )
  }
  const client = resolveClientAddress(peer, request.headers['x-forwarded-for'], isTrusted)
  const isFromProxy = Boolean(peer && isTrusted?.(peer))
  for (const name of CLIENT_HEADERS) delete request.headers[name]
  if (!isFromProxy) for (const name of PROXY_HEADERS) delete request.headers[name]
  delete request.headers['x-forwarded-for']
  if (client) {
    request.headers[CLIENT_IP_HEADER] = client
    request.headers['x-forwarded-for'] = client
  }
}

/** The client address our server resolved for this request, or undefined when unknown. */
export const clientIpOf = (headers: Pick<Headers, 'get'>): string | undefined =>
  normaliseAddress(headers.get(CLIENT_IP_HEADER))
