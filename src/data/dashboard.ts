import 'server-only'

import type { Where } from 'payload'

import { accountKey } from '@/lib/accounts'
import { keyService } from '@/lib/keys/service'
import type { Resource } from '@/lib/plans'
import { redis } from '@/lib/redis'
import { relationId } from '@/lib/relationId'
import type { ComponentState } from '@/lib/status/states'
import { RESOURCE_LABELS } from '@/lib/usage/labels'
import { readUsageCounts, usageLayout, type AccountUsage } from '@/lib/usage/live'
import type { User, WebhookDelivery, WebhookEvent } from '@/payload-types'

import { currentAccount, type AccountChoice } from './account'
import { managedOrganizations } from './apiKeys'
import { payloadClient } from './session'
import { statusSnapshot } from './status'

/** One account the dashboard shows: `u12` / `o3`, with its name. */
export type DashboardAccount = { key: string; label: string; organization: number | null }

/**
 * The accounts the dashboard follows, from the header's switcher: one of them, or (for "All
 * accounts") the person's own and every organization they manage. Never anyone else's.
 */
export async function dashboardAccounts(
  user: User,
): Promise<{ choice: AccountChoice; accounts: DashboardAccount[] }> {
  const [{ choice }, organizations] = await Promise.all([
    currentAccount(user),
    managedOrganizations(user),
  ])
  const personal: DashboardAccount = {
    key: accountKey({ owner: user.id, organization: null }),
    label: 'Personal',
    organization: null,
  }
  const orgAccounts = organizations.map((org) => ({
    key: accountKey({ owner: null, organization: org.id }),
    label: org.name,
    organization: org.id,
  }))
  if (choice === 'personal') return { choice, accounts: [personal] }
  if (choice === 'all') return { choice, accounts: [personal, ...orgAccounts] }
  return { choice, accounts: orgAccounts.filter((account) => account.organization === choice) }
}

/** Live usage of the dashboard's accounts, from the limiter's counters. */
export async function dashboardUsage(accounts: DashboardAccount[]): Promise<AccountUsage[]> {
  const layout = await usageLayout(
    keyService().pool,
    accounts.map((account) => account.key),
  )
  return readUsageCounts(redis(), layout)
}

export const ACTIVITY_PER_PAGE = 15

export type ActivityItem = {
  id: string
  at: string
  type: string
  title: string
  detail: string | null
  href: string | null
  account: string
}

const text = (value: unknown) => (typeof value === 'string' ? value : '')
const number = (value: unknown) => (typeof value === 'number' ? value : null)

/** What an outbox event says in the feed, and where it leads. */
export function describeEvent(
  event: Pick<WebhookEvent, 'type' | 'data'>,
): Pick<ActivityItem, 'title' | 'detail' | 'href'> {
  const data = (event.data ?? {}) as Record<string, unknown>
  const keyId = number(data.key_id)
  const keyHref = keyId ? `/api-keys/${keyId}` : null
  const keyName = `“${text(data.name)}” (${text(data.display)})`
  switch (event.type) {
    case 'api_key.created':
      return { title: 'API key created', detail: keyName, href: keyHref }
    case 'api_key.revoked':
      return { title: 'API key revoked', detail: keyName, href: keyHref }
    case 'api_key.expiring':
      return { title: 'API key expiring soon', detail: keyName, href: keyHref }
    case 'usage.limit_reached':
      return {
        title: 'Limit reached',
        detail: `${RESOURCE_LABELS[text(data.resource) as Resource] ?? text(data.resource)}: ${number(data.limit) ?? '?'} per ${text(data.window)}`,
        href: '/dashboard#usage-heading',
      }
    case 'notification.created':
      return {
        title: text(data.title) || 'Notification',
        detail: text(data.body) || null,
        href: '/notifications',
      }
    case 'webhook_endpoint.disabled':
      return {
        title: 'Webhook endpoint disabled',
        detail: `${text(data.url)}: ${text(data.reason)}`,
        href: number(data.endpoint_id) ? `/settings/webhooks/${number(data.endpoint_id)}` : null,
      }
    case 'model.training_started':
      return { title: 'Training started', detail: text(data.model_id), href: null }
    case 'model.training_completed':
      return { title: 'Training completed', detail: text(data.model_id), href: null }
    case 'model.training_failed':
      return {
        title: 'Training failed',
        detail: `${text(data.model_id)}: ${text(data.error)}`,
        href: null,
      }
    case 'audio.processing_completed':
      return { title: 'Audio processed', detail: text(data.job_id), href: null }
    default:
      return { title: event.type, detail: null, href: null }
  }
}

/** The `where` for documents of the chosen accounts (access rules narrow it further). */
function accountWhere(user: User, accounts: DashboardAccount[]): Where {
  return {
    or: accounts.map((account): Where =>
      account.organization
        ? { organization: { equals: account.organization } }
        : { and: [{ owner: { equals: user.id } }, { organization: { exists: false } }] },
    ),
  }
}

/**
 * The accounts' recent activity, newest first: events from the outbox (what integrators can
 * read of them too) and webhook deliveries that failed for good. Keyset-paginated by time:
 * `before` is the `at` of the last item of the previous page.
 */
export async function activityFeed(
  user: User,
  accounts: DashboardAccount[],
  before?: Date,
): Promise<{ items: ActivityItem[]; next: string | null }> {
  if (accounts.length === 0) return { items: [], next: null }
  const payload = await payloadClient()
  const labelOf = (doc: { owner?: unknown; organization?: unknown }) => {
    const organization = doc.organization ? Number(relationId(doc.organization)) : null
    return accounts.find((account) => account.organization === organization)?.label ?? 'Personal'
  }
  const limit = ACTIVITY_PER_PAGE + 1
  const [events, deliveries] = await Promise.all([
    payload.find({
      collection: 'webhook-events',
      where: {
        and: [
          accountWhere(user, accounts),
          { isTest: { not_equals: true } },
          ...(before ? [{ createdAt: { less_than: before.toISOString() } }] : []),
        ],
      },
      sort: ['-createdAt', '-id'],
      limit,
      depth: 0,
      pagination: false,
      overrideAccess: false,
      user,
    }),
    payload.find({
      collection: 'webhook-deliveries',
      where: {
        and: [
          accountWhere(user, accounts),
          { status: { equals: 'failed' } },
          ...(before ? [{ updatedAt: { less_than: before.toISOString() } }] : []),
        ],
      },
      sort: ['-updatedAt', '-id'],
      limit,
      depth: 0,
      pagination: false,
      select: {
        eventType: true,
        endpoint: true,
        owner: true,
        organization: true,
        updatedAt: true,
        error: true,
        responseStatus: true,
      },
      overrideAccess: false,
      user,
    }),
  ])
  const items: ActivityItem[] = [
    ...events.docs.map((event) => ({
      id: `event:${event.id}`,
      at: event.createdAt,
      type: event.type,
      account: labelOf(event),
      ...describeEvent(event),
    })),
    ...deliveries.docs.map((delivery) => deliveryItem(delivery, labelOf(delivery))),
  ].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id))
  let page = items.slice(0, ACTIVITY_PER_PAGE)
  const hasMore = items.length > ACTIVITY_PER_PAGE
  if (hasMore) {
    // The next page starts strictly before the last item's instant: items sharing that instant
    // would be skipped, so they move to the next page (unless the whole page is one instant).
    const boundary = items[ACTIVITY_PER_PAGE].at
    const kept = page.filter((item) => item.at !== boundary)
    if (kept.length > 0) page = kept
  }
  return { items: page, next: hasMore ? (page.at(-1)?.at ?? null) : null }
}

function deliveryItem(
  delivery: Pick<
    WebhookDelivery,
    'id' | 'eventType' | 'endpoint' | 'updatedAt' | 'error' | 'responseStatus'
  >,
  account: string,
): ActivityItem {
  const endpointId = delivery.endpoint ? relationId(delivery.endpoint) : null
  return {
    id: `delivery:${delivery.id}`,
    at: delivery.updatedAt,
    type: 'webhook_delivery.failed',
    title: 'Webhook delivery failed',
    detail: `${delivery.eventType}: ${delivery.error ?? `HTTP ${delivery.responseStatus ?? '?'}`}`,
    href: endpointId ? `/settings/webhooks/${endpointId}` : null,
    account,
  }
}

export type HealthStrip = {
  /** The status page's overall words ("All Systems Operational" …). */
  description: string
  isAllWell: boolean
  parts: { slug: string; label: string; state: ComponentState; ok: boolean }[]
}

/**
 * The system health the dashboard shows: the status page's public components and their states
 * (read from its cached snapshot), linked to /status for the details.
 */
export async function healthStrip(): Promise<HealthStrip> {
  const status = await statusSnapshot()
  return {
    description: status.overall.description,
    isAllWell: status.overall.indicator === 'none',
    parts: status.components.map((component) => ({
      slug: component.slug,
      label: component.name,
      state: component.state,
      ok: component.state === 'operational',
    })),
  }
}
