import 'server-only'

import type { Payload } from 'payload'

import { WINDOW_MS, type Resource, type Window } from '@/lib/plans'
import type { User } from '@/payload-types'

import { liveLimits } from './apiKeys'

/** A key is near its limit once a window's count reaches this share of the limit. */
export const NEAR_LIMIT_SHARE = 0.8
/** How many recently used keys are checked against their live counters on each dashboard view. */
const KEYS_CHECKED = 50
/** How many rows each list of the dashboard shows. */
export const DASHBOARD_ROWS = 10

export type FailingEndpoint = {
  id: number
  url: string
  failingSince: string
}

export type KeyNearLimit = {
  id: number
  name: string
  display: string | null
  resource: Resource
  window: Window
  used: number
  limit: number
  /** used / limit, 0..1 and more */
  share: number
  isKeyLimit: boolean
}

export type AdminDashboard = {
  signupsToday: number
  draftIncidents: number
  failingEndpoints: { total: number; rows: FailingEndpoint[] }
  keysNearLimit: KeyNearLimit[]
}

/** The viewer as the Local API's access control expects it (a `users` principal). */
const principal = (user: User) => ({ ...user, collection: 'users' as const })

const startOfUtcDay = (now: number) => new Date(now - (now % 86_400_000)).toISOString()

/** Accounts that signed up since midnight UTC (the portal's dates are UTC too). */
export async function signupsToday(payload: Payload, user: User, now = Date.now()) {
  const { totalDocs } = await payload.count({
    collection: 'users',
    where: { createdAt: { greater_than_equal: startOfUtcDay(now) } },
    overrideAccess: false,
    user: principal(user),
  })
  return totalDocs
}

/** Unresolved incidents the checks drafted that staff have not confirmed yet. */
export async function draftIncidents(payload: Payload, user: User) {
  const { totalDocs } = await payload.count({
    collection: 'status-incidents',
    where: {
      and: [
        { publication: { equals: 'draft' } },
        { source: { equals: 'checks' } },
        { resolvedAt: { exists: false } },
      ],
    },
    overrideAccess: false,
    user: principal(user),
  })
  return totalDocs
}

/** Enabled endpoints whose deliveries keep failing, longest failing first, as the viewer may read. */
export async function failingEndpoints(payload: Payload, user: User) {
  const { docs, totalDocs } = await payload.find({
    collection: 'webhook-endpoints',
    where: { and: [{ enabled: { equals: true } }, { failingSince: { exists: true } }] },
    sort: 'failingSince',
    limit: DASHBOARD_ROWS,
    depth: 0,
    select: { url: true, failingSince: true },
    overrideAccess: false,
    user: principal(user),
  })
  const rows = docs.flatMap((endpoint) =>
    endpoint.failingSince
      ? [{ id: endpoint.id, url: endpoint.url, failingSince: endpoint.failingSince }]
      : [],
  )
  return { total: totalDocs, rows }
}

/**
 * Active keys used in the current month window whose fullest limit window is at or above
 * NEAR_LIMIT_SHARE, read from the verifier's own counters (liveLimits), fullest first. Windows
 * whose count is unknown (Redis down) are left out rather than guessed.
 */
export async function keysNearLimit(
  payload: Payload,
  user: User,
  now = Date.now(),
): Promise<KeyNearLimit[]> {
  const monthStart = now - (now % WINDOW_MS.month)
  const { docs } = await payload.find({
    collection: 'api-keys',
    where: {
      and: [
        { status: { equals: 'active' } },
        { lastUsedAt: { greater_than_equal: new Date(monthStart).toISOString() } },
      ],
    },
    sort: '-lastUsedAt',
    limit: KEYS_CHECKED,
    depth: 0,
    select: { name: true, display: true, owner: true, organization: true, limits: true },
    overrideAccess: false,
    user: principal(user),
  })
  const checked = await Promise.all(
    docs.map(async (key) => {
      const windows = (await liveLimits(key, now)).flatMap((window) =>
        window.used === null || window.limit <= 0
          ? []
          : [{ ...window, used: window.used, share: window.used / window.limit }],
      )
      const fullest = windows.sort((a, b) => b.share - a.share)[0]
      if (!fullest || fullest.share < NEAR_LIMIT_SHARE) return []
      return [
        {
          id: key.id,
          name: key.name,
          display: key.display ?? null,
          resource: fullest.resource,
          window: fullest.window,
          used: fullest.used,
          limit: fullest.limit,
          share: fullest.share,
          isKeyLimit: fullest.isKeyLimit === true,
        },
      ]
    }),
  )
  return checked
    .flat()
    .sort((a, b) => b.share - a.share)
    .slice(0, DASHBOARD_ROWS)
}

/** What staff act on, read with the viewer's own access. */
export async function adminDashboard(
  payload: Payload,
  user: User,
  now = Date.now(),
): Promise<AdminDashboard> {
  const [signups, failing, nearLimit, drafts] = await Promise.all([
    signupsToday(payload, user, now),
    failingEndpoints(payload, user),
    keysNearLimit(payload, user, now),
    draftIncidents(payload, user),
  ])
  return {
    signupsToday: signups,
    draftIncidents: drafts,
    failingEndpoints: failing,
    keysNearLimit: nearLimit,
  }
}
