import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterEach, describe, expect, it } from 'vitest'

import {
  CLIENT_IP_HEADER,
  parseTrustedProxies,
  resolveClientAddress,
  trustForwarded,
} from '@/lib/net/clientAddress'
import { ipBucket } from '@/lib/net/ip'

describe('the client address', () => {
  it('is the socket address when no proxy is trusted, whatever the client claims', () => {
    expect(resolveClientAddress('198.51.100.4', '203.0.113.7', null)).toBe('198.51.100.4')
    expect(resolveClientAddress('::ffff:198.51.100.4', undefined, null)).toBe('198.51.100.4')
    expect(resolveClientAddress('2001:db8::5', '203.0.113.7', null)).toBe('2001:db8::5')
  })

  it('is the hop a trusted proxy appended, never an entry the client wrote', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8, 192.0.2.1')
    // The client wrote 203.0.113.7; the proxy 10.0.0.2 appended the address it saw.
    expect(resolveClientAddress('10.0.0.2', '203.0.113.7, 198.51.100.4', trusted)).toBe(
      '198.51.100.4',
    )
    // Two trusted proxies in a row: walk left past both.
    expect(resolveClientAddress('10.0.0.2', '203.0.113.7, 198.51.100.4, 192.0.2.1', trusted)).toBe(
      '198.51.100.4',
    )
    // From an untrusted peer the header means nothing.
    expect(resolveClientAddress('198.51.100.9', '203.0.113.7', trusted)).toBe('198.51.100.9')
    // A trusted proxy forwarding garbage: the proxy is the best we know.
    expect(resolveClientAddress('10.0.0.2', 'not-an-ip', trusted)).toBe('10.0.0.2')
    expect(resolveClientAddress('10.0.0.2', undefined, trusted)).toBe('10.0.0.2')
  })

  it('reads addresses with a port, and counts an IPv6 client by its /64', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8')
    expect(resolveClientAddress('10.0.0.2', '198.51.100.4:51234', trusted)).toBe('198.51.100.4')
    expect(resolveClientAddress('10.0.0.2', '[2001:db8::7]:443', trusted)).toBe('2001:db8::7')
    expect(ipBucket('2001:db8:aa:bb:1:2:3:4')).toBe(ipBucket('2001:db8:aa:bb:ffff::9'))
    expect(ipBucket('2001:db8:aa:bb::1')).not.toBe(ipBucket('2001:db8:aa:bc::1'))
    expect(ipBucket('203.0.113.7')).toBe('203.0.113.7')
  })

  it('refuses a TRUSTED_PROXIES entry that is not an address or range', () => {
    expect(() => parseTrustedProxies('10.0.0.0/8, proxy.internal')).toThrow(/proxy.internal/)
    expect(parseTrustedProxies('')).toBeNull()
  })
})

describe('the server step before the app', () => {
  let server: Server | undefined
  afterEach(
    () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  )

  /** A server doing what src/runtime/server.ts does, answering with the headers the app sees. */
  async function echo(trustedProxies: string | undefined) {
    const trusted = parseTrustedProxies(trustedProxies)
    server = createServer((request, response) => {
      trustForwarded(request, trusted)
      response.end(JSON.stringify(request.headers))
    })
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    return (headers: Record<string, string>) =>
      new Promise<Record<string, string>>((resolve, reject) => {
        httpRequest({ host: '127.0.0.1', port, path: '/', headers }, (response) => {
          let body = ''
          response.on('data', (chunk) => (body += chunk))
          response.on('end', () => resolve(JSON.parse(body)))
        })
          .on('error', reject)
          .end()
      })
  }

  it('overwrites what a direct client claims and drops its forwarding headers', async () => {
    const send = await echo(undefined)
    const seen = await send({
      'x-forwarded-for': '203.0.113.7',
      'x-real-ip': '203.0.113.7',
      [CLIENT_IP_HEADER]: '203.0.113.7',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
      forwarded: 'for=203.0.113.7',
    })
    expect(seen[CLIENT_IP_HEADER]).toBe('127.0.0.1')
    expect(seen['x-forwarded-for']).toBe('127.0.0.1')
    expect(seen).not.toHaveProperty('x-real-ip')
    expect(seen).not.toHaveProperty('x-forwarded-host')
    expect(seen).not.toHaveProperty('x-forwarded-proto')
    expect(seen).not.toHaveProperty('forwarded')
  })

  it('believes a trusted proxy’s hop and its host and protocol', async () => {
    const send = await echo('127.0.0.1/32')
    const seen = await send({
      'x-forwarded-for': '203.0.113.7, 198.51.100.4',
      'x-forwarded-host': 'community.example.com',
      'x-forwarded-proto': 'https',
    })
    expect(seen[CLIENT_IP_HEADER]).toBe('198.51.100.4')
    expect(seen['x-forwarded-for']).toBe('198.51.100.4')
    expect(seen['x-forwarded-host']).toBe('community.example.com')
  })
})
