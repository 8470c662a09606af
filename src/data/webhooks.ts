import 'server-only'

import type { PaginatedDocs, Where } from 'payload'
import { cache } from 'react'

import type { User, WebhookDelivery, WebhookEndpoint } from '@/payload-types'
import { DELIVERIES_PER_PAGE, type DeliverySort, type DeliveryStatus } from '@/schemas/webhooks'

import { managedOrganizations } from './apiKeys'

// The catalog is plain data (no database), shared with the docs' Markdown and search text.
export {
  egressIps,
  eventCatalog,
  eventOptions,
  examplePayload,
  type EventCatalogEntry,
} from '@/lib/webhooks/catalog'
import { payloadClient } from './session'

/** The window the health of an endpoint is measured over. */
export const HEALTH_DAYS = 7

export type EndpointHealth = {
  days: number
  succeeded: number
  failed: number
  pending: number
  /** Succeeded out of finished (succeeded or failed) deliveries, 0..1; null when none finished. */
  successRate: number | null
  lastDelivery: { at: string; status: WebhookDelivery['status'] } | null
}

export type EndpointWithHealth = WebhookEndpoint & { health: EndpointHealth }

/** When a delivery was last attempted (its newest attempt), else when it was created. */
export function lastAttemptAt(delivery: Pick<WebhookDelivery, 'attempts' | 'createdAt'>): string {
  const attempts = deliveryAttempts(delivery.attempts)
  return attempts.at(-1)?.at ?? delivery.createdAt
}

export type DeliveryAttempt = {
  at: string
  responseStatus: number | null
  durationMs: number | null
  error: string | null
  /** What was sent and answered, recorded per attempt since issue 11 (older attempts: null). */
  requestHeaders: Record<string, string> | null
  responseHeaders: Record<string, string> | null
  responseBody: string | null
}

/** A JSON object of strings (a header map), or null for anything else. */
export function stringRecord(value: unknown): Record<string, string> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const entries = Object.entries(value as Record<string, unknown>)
  if (entries.some(([, text]) => typeof text !== 'string')) return null
  return Object.fromEntries(entries) as Record<string, string>
}

/** The JSON `attempts` column as typed rows (anything malformed is skipped). */
export function deliveryAttempts(value: unknown): DeliveryAttempt[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((item) => {
    if (typeof item !== 'object' || item === null) return []
    const row = item as Record<string, unknown>
    if (typeof row.at !== 'string') return []
    return [
      {
        at: row.at,
        responseStatus: typeof row.responseStatus === 'number' ? row.responseStatus : null,
        durationMs: typeof row.durationMs === 'number' ? row.durationMs : null,
        error: typeof row.error === 'string' ? row.error : null,
        requestHeaders: stringRecord(row.requestHeaders),
        responseHeaders: stringRecord(row.responseHeaders),
        responseBody: typeof row.responseBody === 'string' ? row.responseBody : null,
      },
    ]
  })
}

/** Success rate over the last week and the newest delivery, read with the user's access. */
export async function endpointHealth(
  user: User,
  endpointId: number,
  now = Date.now(),
): Promise<EndpointHealth> {
  const payload = await payloadClient()
  const since = new Date(now - HEALTH_DAYS * 86_400_000).toISOString()
  const count = async (status: DeliveryStatus) => {
    const { totalDocs } = await payload.count({
      collection: 'webhook-deliveries',
      where: {
        and: [
          { endpoint: { equals: endpointId } },
          { status: { equals: status } },
          { createdAt: { greater_than_equal: since } },
        ],
      },
      overrideAccess: false,
      user,
    })
    return totalDocs
  }
  const [succeeded, failed, pending, latest] = await Promise.all([
    count('succeeded'),
    count('failed'),
    count('pending'),
    payload.find({
      collection: 'webhook-deliveries',
      where: { endpoint: { equals: endpointId } },
      sort: '-createdAt',
      limit: 1,
      pagination: false,
      depth: 0,
      select: { status: true, attempts: true, createdAt: true },
      overrideAccess: false,
      user,
    }),
  ])
  const finished = succeeded + failed
  const last = latest.docs[0]
  return {
    days: HEALTH_DAYS,
    succeeded,
    failed,
    pending,
    successRate: finished > 0 ? succeeded / finished : null,
    lastDelivery: last ? { at: lastAttemptAt(last), status: last.status } : null,
  }
}

/**
 * The user's own endpoints and those of the organizations they own or administer, newest
 * first, each with its health. Access rules apply as well (overrideAccess: false).
 */
export async function listEndpoints(
  user: User,
  /** `personal`, an organization id, or every account (undefined). */
  organization?: 'personal' | number,
): Promise<EndpointWithHealth[]> {
  const payload = await payloadClient()
  const organizationIds = (await managedOrganizations(user)).map((org) => org.id)
  const personal: Where = { owner: { equals: user.id } }
  const where: Where =
    organization === 'personal'
      ? personal
      : organization !== undefined
        ? { organization: { equals: organizationIds.includes(organization) ? organization : 0 } }
        : organizationIds.length > 0
          ? { or: [personal, { organization: { in: organizationIds } }] }
          : personal
  const { docs } = await payload.find({
    collection: 'webhook-endpoints',
    where,
    sort: '-createdAt',
    limit: 100,
    depth: 1,
    populate: { organizations: { name: true, slug: true } },
    overrideAccess: false,
    user,
  })
  const now = Date.now()
  return Promise.all(
    docs.map(async (endpoint) => ({
      ...endpoint,
      health: await endpointHealth(user, endpoint.id, now),
    })),
  )
}

/**
 * One endpoint (organization populated), or null when it does not exist or is not the user's.
 * Cached per request: an endpoint page's layout and tab read it once.
 */
export const getEndpoint = cache(
  async (user: User, id: string | number): Promise<WebhookEndpoint | null> => {
    if (!/^\d{1,12}$/.test(String(id))) return null
    const payload = await payloadClient()
    const endpoint = await payload.findByID({
      collection: 'webhook-endpoints',
      id: Number(id),
      depth: 1,
      populate: { organizations: { name: true, slug: true } },
      disableErrors: true,
      overrideAccess: false,
      user,
    })
    return endpoint ?? null
  },
)

/** An endpoint's deliveries, newest first, 20 a page, optionally of one status. */
export async function listDeliveries(
  user: User,
  endpointId: number,
  {
    status,
    page = 1,
    sort = '-createdAt',
  }: { status?: DeliveryStatus; page?: number; sort?: DeliverySort } = {},
): Promise<PaginatedDocs<WebhookDelivery>> {
  const payload = await payloadClient()
  const and: Where[] = [{ endpoint: { equals: endpointId } }]
  if (status) and.push({ status: { equals: status } })
  return payload.find({
    collection: 'webhook-deliveries',
    where: { and },
    // The id breaks ties, so a page never repeats or skips a delivery.
    sort: [sort, sort.startsWith('-') ? '-id' : 'id'],
    limit: DELIVERIES_PER_PAGE,
    page,
    depth: 0,
    overrideAccess: false,
    user,
  })
}
