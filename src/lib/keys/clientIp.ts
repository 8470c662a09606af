import { isIP } from 'node:net'

/** The client IP behind the proxy in front (first X-Forwarded-For hop), when it is an IP. */
export function clientIpOf(headers: Headers): string | undefined {
  const candidate =
    headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? headers.get('x-real-ip') ?? undefined
  return candidate && isIP(candidate) ? candidate : undefined
}
