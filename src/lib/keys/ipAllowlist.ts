import { BlockList, isIP } from 'node:net'

/** Parses `203.0.113.7`, `2001:db8::1`, `10.0.0.0/8` or `2001:db8::/32`; null when invalid. */
export function parseAllowlistEntry(
  entry: string,
): { address: string; prefix?: number; family: 'ipv4' | 'ipv6' } | null {
  const [address, prefixText, ...rest] = entry.trim().split('/')
  if (rest.length > 0) return null
  const version = isIP(address)
  if (version === 0) return null
  const family = version === 4 ? 'ipv4' : 'ipv6'
  if (prefixText === undefined) return { address, family }
  if (!/^\d{1,3}$/.test(prefixText)) return null
  const prefix = Number(prefixText)
  if (prefix > (version === 4 ? 32 : 128)) return null
  return { address, prefix, family }
}

/** A matcher for an allowlist; `undefined` when the list is empty (every address allowed). */
export function allowlistMatcher(entries: string[]): ((ip: string) => boolean) | undefined {
  if (entries.length === 0) return undefined
  const list = new BlockList()
  for (const entry of entries) {
    const parsed = parseAllowlistEntry(entry)
    if (!parsed) continue
    if (parsed.prefix === undefined) list.addAddress(parsed.address, parsed.family)
    else list.addSubnet(parsed.address, parsed.prefix, parsed.family)
  }
  return (ip: string) => {
    // IPv4-mapped IPv6 (::ffff:203.0.113.7) as node reports IPv4 clients on dual-stack sockets.
    const address = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip
    const version = isIP(address)
    if (version === 0) return false
    return list.check(address, version === 4 ? 'ipv4' : 'ipv6')
  }
}
