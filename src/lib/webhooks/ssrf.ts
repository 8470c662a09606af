import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { promisify } from 'node:util'
import { BlockList, isIP } from 'node:net'

/**
 * Where a webhook may never go: loopback, private, shared (CGNAT), link-local (including the
 * 169.254.169.254 cloud metadata service), documentation, benchmarking, multicast and reserved
 * ranges, IPv6 unique-local (including AWS's fd00:ec2::254), link-local, NAT64 and mapped forms.
 */
const FORBIDDEN = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['::', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv6')
}
const LOOPBACK = new BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')

function isLoopback(ip: string): boolean {
  const version = isIP(ip)
  return version !== 0 && LOOPBACK.check(ip, version === 4 ? 'ipv4' : 'ipv6')
}

export type AddressPolicy = { allowLoopback?: boolean }

/** Why an address is refused, or null when a webhook may connect to it. */
export function refusedAddress(
  ip: string,
  { allowLoopback = false }: AddressPolicy = {},
): string | null {
  const mapped = ip.toLowerCase().match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/)?.[1]
  const address = mapped ?? ip
  const version = isIP(address)
  if (version === 0) return `${ip} is not an IP address`
  const family = version === 4 ? 'ipv4' : 'ipv6'
  if (LOOPBACK.check(address, family)) return allowLoopback ? null : `${ip} is a loopback address`
  if (FORBIDDEN.check(address, family)) return `${ip} is a private or reserved address`
  return null
}

const lookupAll = promisify(dnsLookup)

const unresolved = (host: string) =>
  `We could not find ${host} from the server. Check the address, or try again later.`

type ResolvePolicy = AddressPolicy & { resolve?: (host: string) => Promise<string[]> }

const resolveAll = async (name: string) =>
  ((await lookupAll(name, { all: true, verbatim: true })) as LookupAddress[]).map((a) => a.address)

/**
 * Resolves a host name (or takes an IP literal) and checks every address it leads to: the
 * addresses when all may be reached, else whether it did not resolve or why one is refused.
 */
export async function checkHost(
  host: string,
  policy: ResolvePolicy = {},
): Promise<{ addresses: string[] } | { unresolved: string } | { refused: string }> {
  const resolve = policy.resolve ?? resolveAll
  let addresses: string[]
  try {
    addresses = isIP(host) ? [host] : await resolve(host)
  } catch {
    return { unresolved: unresolved(host) }
  }
  if (addresses.length === 0) return { unresolved: unresolved(host) }
  for (const address of addresses) {
    const problem = refusedAddress(address, policy)
    if (problem) return { refused: `${host} leads to a private network (${problem}).` }
  }
  return { addresses }
}

/**
 * Checks a webhook URL when it is saved: http(s) only (plain http only to an allowed loopback,
 * unless `allowPlainHttp`: status checks send no secret), no credentials, and every address its
 * host resolves to must be public. Returns a message naming the problem, or null.
 */
export async function refusedUrl(
  value: string,
  policy: ResolvePolicy & { allowPlainHttp?: boolean; noun?: string } = {},
): Promise<string | null> {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'Enter a full address starting with https://, e.g. https://example.com/webhooks.'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return 'The address must start with https://.'
  }
  if (url.username || url.password) {
    return 'Leave the user name and password out of the address; send a secret in a custom header instead.'
  }
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const checked = await checkHost(host, policy)
  if ('unresolved' in checked) return checked.unresolved
  if ('refused' in checked) {
    return `${checked.refused} ${policy.noun ?? 'Webhooks'} can only reach addresses on the public internet.`
  }
  // Plain http only to an allowed loopback receiver (local development and tests).
  const isLoopbackOnly = checked.addresses.every((address) => isLoopback(address))
  if (url.protocol === 'http:' && !isLoopbackOnly && !policy.allowPlainHttp) {
    return 'The address must start with https://.'
  }
  return null
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void

/**
 * A `lookup` for http.Agent/https.Agent: the address the socket connects to is the one
 * checked here, so a DNS answer that changes after the URL was saved (rebinding) is refused.
 */
export function guardedLookup(policy: AddressPolicy = {}) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, [])
      const list = addresses as LookupAddress[]
      const refused = list.map((a) => refusedAddress(a.address, policy)).find(Boolean)
      if (refused) {
        const error: NodeJS.ErrnoException = new Error(`refused to connect: ${refused}`)
        error.code = 'EWEBHOOKADDRESS'
        return callback(error, [])
      }
      if ((options as { all?: boolean }).all) return callback(null, list)
      callback(null, list[0].address, list[0].family)
    })
  }
}
