import { BlockList, isIP } from 'node:net'

/**
 * `::ffff:203.0.113.7` → `203.0.113.7`, `203.0.113.7:5123` and `[2001:db8::1]:443` without their
 * port (as some proxies write them); anything that is not an IP address → undefined.
 */
export function normaliseAddress(value: string | null | undefined): string | undefined {
  const withoutPort = value
    ?.trim()
    .replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, '$1')
    .replace(/^\[([^\]]+)\]:\d+$/, '$1')
  const trimmed = withoutPort?.replace(/^\[|\]$/g, '')
  if (!trimmed) return undefined
  const mapped = trimmed.toLowerCase().startsWith('::ffff:') ? trimmed.slice(7) : trimmed
  const address = isIP(mapped) === 4 ? mapped : trimmed
  return isIP(address) ? address : undefined
}

export type IpRange = { address: string; prefix: number; family: 'ipv4' | 'ipv6' }

/** Parses `203.0.113.7`, `2001:db8::1`, `10.0.0.0/8` or `2001:db8::/32`; null when invalid. */
export function parseRange(entry: string): IpRange | null {
  const [address, prefixText, ...rest] = entry.trim().split('/')
  const version = isIP(address)
  if (rest.length > 0 || version === 0) return null
  const max = version === 4 ? 32 : 128
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null
  const prefix = prefixText === undefined ? max : Number(prefixText)
  if (prefix > max) return null
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' }
}

/**
 * A matcher for a list of addresses and ranges (invalid entries are skipped: validate them where
 * they are entered). Mapped IPv6 forms of IPv4 addresses match their IPv4 entries.
 */
export function rangeMatcher(entries: string[]): (ip: string) => boolean {
  const list = new BlockList()
  for (const entry of entries) {
    const range = parseRange(entry)
    if (range) list.addSubnet(range.address, range.prefix, range.family)
  }
  return (ip) => {
    const address = normaliseAddress(ip)
    if (!address) return false
    return list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6')
  }
}

/**
 * The unit one client is counted as by rate limits: its IPv4 address, or its IPv6 /64 (one
 * household or host usually holds a whole /64, and would otherwise get a limit per address).
 */
export function ipBucket(ip: string): string {
  const address = normaliseAddress(ip)
  if (!address || isIP(address) !== 6) return address ?? ip
  const [head, tail = ''] = address.toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = tail ? tail.split(':') : []
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}
