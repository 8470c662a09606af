import 'server-only'

import type { Where } from 'payload'

import { db } from '@/lib/db'
import { ipBucket } from '@/lib/net/ip'
import { hitLimit, type LimitResult } from '@/lib/rateLimit'
import { searchDocsPages } from '@/lib/docs/search'
import { sectionsFor } from '@/lib/nav'
import type { SearchHit } from '@/lib/searchHits'
import type { User } from '@/payload-types'

import { listKeys, managedOrganizations } from './apiKeys'
import { payloadClient } from './session'

export const SEARCH_MAX_LENGTH = 100

/** A palette searches as one types: generous, but not a way to hammer the database. */
export const SEARCHES_PER_MINUTE = 120

/**
 * Counts one search against the searcher's limit (the person, or the client address — an IPv6
 * /64 as one), shared by GET /api/search and the /search page.
 */
export async function countSearch(
  person: Pick<User, 'id'> | null,
  ip: string | undefined,
): Promise<LimitResult> {
  return hitLimit(
    `search:${person ? `user:${person.id}` : `ip:${ipBucket(ip ?? 'unknown')}`}`,
    SEARCHES_PER_MINUTE,
    60_000,
  )
}

/** Pages worth jumping to besides the sections, with words people search them by. */
const PAGES: { title: string; href: string; words: string; isPrivate?: boolean }[] = [
  { title: 'New API key', href: '/api-keys/new', words: 'create key token', isPrivate: true },
  { title: 'Profile', href: '/settings/profile', words: 'account name email', isPrivate: true },
  {
    title: 'Organizations',
    href: '/settings/organization',
    words: 'team members invite',
    isPrivate: true,
  },
  { title: 'Webhooks', href: '/settings/webhooks', words: 'endpoints events', isPrivate: true },
  {
    title: 'New webhook endpoint',
    href: '/settings/webhooks/new',
    words: 'add webhook',
    isPrivate: true,
  },
  {
    title: 'Notification settings',
    href: '/settings/notifications',
    words: 'email digest unsubscribe',
    isPrivate: true,
  },
  { title: 'Notifications', href: '/notifications', words: 'bell inbox', isPrivate: true },
  {
    title: 'Incident history',
    href: '/status/history',
    words: 'status outages incidents postmortem maintenance uptime',
  },
  {
    title: 'API reference',
    href: '/docs/api-reference',
    words: 'docs openapi endpoints try it scalar',
  },
  {
    title: 'API playground',
    href: '/docs/playground',
    words: 'docs try request dry run curl python javascript test key',
  },
  {
    title: 'Webhooks guide',
    href: '/docs/webhooks/verifying-webhooks',
    words: 'docs signature verify retries events standard webhooks',
  },
  { title: 'Log in', href: '/login', words: 'sign in' },
  { title: 'Sign up', href: '/signup', words: 'register create account' },
]

const matches = (text: string, query: string) => text.toLowerCase().includes(query.toLowerCase())

/** `%` and `_` are characters to find, not LIKE wildcards (Payload passes `like` values on). */
const literal = (query: string) => query.replace(/[\\%_]/g, (char) => `\\${char}`)

/** Published docs pages matching `query` (Postgres full-text search), with snippets. */
async function searchDocs(query: string): Promise<SearchHit[]> {
  const hits = await searchDocsPages(await db({ payload: await payloadClient() }), query, 6)
  return hits.map((hit) => ({
    group: 'Docs',
    title: hit.title,
    href: hit.href,
    snippet: hit.snippet,
  }))
}

/**
 * What the ⌘K palette and /search find for `query`: pages and sections anyone may see, the
 * published docs pages, and for a signed-in person their own API keys (by name or displayed
 * key) and webhook endpoints (by URL or description) — read as them, so nothing of anyone
 * else's can show up.
 */
export async function searchPortal(user: User | null, rawQuery: string): Promise<SearchHit[]> {
  const query = rawQuery.trim().slice(0, SEARCH_MAX_LENGTH)
  if (!query) return []
  const sections = sectionsFor(Boolean(user))
  const docs = await searchDocs(query)
  // A docs page found by its text is listed once, under Docs, with its snippet.
  const pages: SearchHit[] = [
    ...sections.map((section) => ({ title: section.label, href: section.href, words: '' })),
    ...PAGES.filter((page) => user || !page.isPrivate),
  ]
    .filter((page) => matches(`${page.title} ${page.words}`, query))
    .filter((page) => !(user && (page.href === '/login' || page.href === '/signup')))
    .filter((page) => !docs.some((doc) => doc.href === page.href))
    .map((page) => ({ group: 'Pages', title: page.title, href: page.href }))
  if (!user) return [...pages, ...docs]

  const [keys, endpoints] = await Promise.all([
    listKeys(user, { search: literal(query), page: 1 }),
    findEndpoints(user, literal(query)),
  ])
  return [
    ...pages,
    ...docs,
    ...keys.docs.slice(0, 8).map((key) => ({
      group: 'API keys',
      title: key.name,
      href: `/api-keys/${key.id}`,
      detail: key.display,
    })),
    ...endpoints.map((endpoint) => ({
      group: 'Webhook endpoints',
      title: endpoint.url,
      href: `/settings/webhooks/${endpoint.id}`,
      detail: endpoint.description,
    })),
  ]
}

async function findEndpoints(user: User, query: string) {
  const payload = await payloadClient()
  const organizationIds = (await managedOrganizations(user)).map((org) => org.id)
  const personal: Where = { owner: { equals: user.id } }
  const account: Where =
    organizationIds.length > 0
      ? { or: [personal, { organization: { in: organizationIds } }] }
      : personal
  const { docs } = await payload.find({
    collection: 'webhook-endpoints',
    where: {
      and: [account, { or: [{ url: { like: query } }, { description: { like: query } }] }],
    },
    sort: '-createdAt',
    limit: 8,
    depth: 0,
    select: { url: true, description: true },
    overrideAccess: false,
    user,
  })
  return docs
}
