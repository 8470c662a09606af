import type { Metadata } from 'next'
import Link from 'next/link'

import { EmptyState } from '@/components/EmptyState'
import { LiveUsage } from '@/components/LiveUsage/index.client'
import { RelativeTime } from '@/components/RelativeTime/index.client'
import { Badge } from '@/components/ui/badge'
import { Panel } from '@/components/ui/card'
import { currentAccount } from '@/data/account'
import {
  activityFeed,
  dashboardAccounts,
  dashboardUsage,
  healthStrip,
  type ActivityItem,
} from '@/data/dashboard'
import { requestNow } from '@/data/now'
import { requireUser } from '@/data/session'
import { logger } from '@/lib/logger'
import { COMPONENT_STATE_LABELS } from '@/lib/status/states'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Dashboard' }

type Props = { searchParams: Promise<{ before?: string | string[] }> }

/** What a member can start from here: only what exists (models and the forum join later). */
const QUICK_ACTIONS = [
  { href: '/api-keys/new', label: 'Create an API key' },
  { href: '/settings/webhooks/new', label: 'Add a webhook endpoint' },
  { href: '/docs/getting-started/quickstart', label: 'Read getting started' },
  { href: '/docs/playground', label: 'Try the API in the playground' },
] as const

/** `?before=` as a date, or undefined when it is absent or not one this century. */
export function parseBefore(value: string | string[] | undefined): Date | undefined {
  const raw = Array.isArray(value) ? value[0] : value
  if (!raw || raw.length > 40) return undefined
  const date = new Date(raw)
  const year = date.getUTCFullYear()
  return Number.isNaN(date.getTime()) || year < 2000 || year > 2100 ? undefined : date
}

export default async function DashboardPage({ searchParams }: Props) {
  const user = await requireUser('/dashboard')
  const before = parseBefore((await searchParams).before)
  const [{ accounts }, { label }] = await Promise.all([
    dashboardAccounts(user),
    currentAccount(user),
  ])
  const [usage, feed, health] = await Promise.all([
    dashboardUsage(accounts),
    activityFeed(user, accounts, before),
    // The dashboard stays up when the status page cannot be read.
    healthStrip().catch((err: unknown) => {
      logger.warn({ msg: 'dashboard: status not read', err: String(err) })
      return null
    }),
  ])
  const now = requestNow()
  const labels = Object.fromEntries(accounts.map((account) => [account.key, account.label]))

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Dashboard</h1>
          <p className="text-sm text-muted-foreground">
            {accounts.length > 1
              ? 'Your personal account and the organizations you manage.'
              : `Showing ${label === 'All accounts' ? 'your personal account' : label}.`}{' '}
            {accounts.length > 1 || label !== 'All accounts'
              ? 'Switch accounts in the header.'
              : ''}
          </p>
        </div>
        <Link href="/dashboard/analytics" className="text-sm text-primary underline">
          Analytics
        </Link>
      </div>

      <nav aria-label="Quick actions">
        <ul className="flex flex-wrap gap-2">
          {QUICK_ACTIONS.map((action) => (
            <li key={action.href}>
              <Link
                href={action.href}
                className="inline-flex min-h-10 items-center rounded-md border border-border bg-card px-3 py-2 text-sm font-medium hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
              >
                {action.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <Panel
        id="usage-heading"
        title="Usage against your plan"
        description="Live counts from the rate limiter: every key of an account shares them. Each bar resets at the end of its window."
      >
        <LiveUsage initial={usage} labels={labels} now={now} />
      </Panel>

      <section aria-labelledby="health-heading" className="space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="health-heading" className="text-lg font-semibold">
            System health{' '}
            {health && (
              <Badge tone={health.isAllWell ? 'success' : 'danger'}>{health.description}</Badge>
            )}
          </h2>
          <Link href="/status" className="text-sm text-primary underline">
            Status page
          </Link>
        </div>
        {!health ? (
          <p className="text-sm text-muted-foreground">
            The service status could not be read just now; the status page has it.
          </p>
        ) : health.parts.length === 0 ? (
          <p className="text-sm text-muted-foreground">The status page lists no components yet.</p>
        ) : (
          <ul className="flex flex-wrap gap-2" aria-label="Service components">
            {health.parts.map((part) => (
              <li
                key={part.slug}
                className="flex items-center gap-2 rounded-md border border-border bg-card px-3 py-1.5 text-sm"
              >
                <span
                  aria-hidden="true"
                  className={
                    part.ok
                      ? 'size-2.5 rounded-full bg-success'
                      : part.state === 'under_maintenance'
                        ? 'size-2.5 rounded-full bg-primary'
                        : part.state === 'major_outage'
                          ? 'size-2.5 rounded-full bg-danger'
                          : 'size-2.5 rounded-full bg-warning'
                  }
                />
                {part.label}
                <span className="sr-only">
                  : {COMPONENT_STATE_LABELS[part.state].toLowerCase()}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {feed.items.length === 0 && !before ? (
        <EmptyState id="activity-heading" title="No activity yet">
          Keys created or revoked, limits reached, failing webhook deliveries and the events
          TuneTrail sends about your account will show up here.
        </EmptyState>
      ) : (
        <Panel id="activity-heading" title="Recent activity">
          <ActivityList items={feed.items} now={now} showAccount={accounts.length > 1} />
          <nav aria-label="Activity pages" className="mt-4 flex gap-4 text-sm">
            {before && (
              <Link href="/dashboard" className="text-primary underline">
                Newest
              </Link>
            )}
            {feed.next && (
              <Link
                href={`/dashboard?before=${encodeURIComponent(feed.next)}#activity-heading`}
                className="text-primary underline"
              >
                Older activity
              </Link>
            )}
          </nav>
        </Panel>
      )}
    </div>
  )
}

function ActivityList({
  items,
  now,
  showAccount,
}: {
  items: ActivityItem[]
  now: number
  showAccount: boolean
}) {
  if (items.length === 0) return <p className="text-sm">Nothing older.</p>
  return (
    <ul className="divide-y divide-border">
      {items.map((item) => (
        <li key={item.id} className="flex flex-wrap items-baseline justify-between gap-2 py-3">
          <div className="min-w-0">
            <p className="font-medium">
              {item.href ? (
                <Link href={item.href} className="text-primary underline">
                  {item.title}
                </Link>
              ) : (
                item.title
              )}
              {showAccount && (
                <span className="ml-2 text-xs font-normal text-muted-foreground">
                  {item.account}
                </span>
              )}
            </p>
            {item.detail && (
              <p className="text-sm break-words text-muted-foreground">{item.detail}</p>
            )}
          </div>
          <span className="text-xs text-muted-foreground">
            <RelativeTime date={item.at} now={now} />
          </span>
        </li>
      ))}
    </ul>
  )
}
