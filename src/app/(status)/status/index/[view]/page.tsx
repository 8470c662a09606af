import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { ComponentList } from '@/components/Status/ComponentList'
import { FollowStatus } from '@/components/Status/FollowStatus.client'
import { IncidentCard } from '@/components/Status/Incident'
import { MaintenanceCard } from '@/components/Status/Maintenance'
import { OverallBanner } from '@/components/Status/StateLabel'
import { SubscribeForm } from '@/components/Status/SubscribeForm.client'
import { Card } from '@/components/ui/card'
import { statusSnapshot } from '@/data/status'
import { formatDateTime } from '@/lib/time'

export const metadata: Metadata = {
  title: { absolute: 'Status · TuneTrail Community' },
  description:
    'Is TuneTrail up? The state of the API and the portal, 90 days of uptime, incidents and maintenance.',
}

/**
 * /status (rewritten here, next.config.mjs): rendered on its first request and then served from
 * cache until a change expires it; uptime figures are at most a minute old. A route with no
 * parameter would be prerendered by the build, which has no database.
 */
export const dynamicParams = true
// STATUS_BACKSTOP_SECONDS (segment options must be literals).
export const revalidate = 60
export const generateStaticParams = async () => [] as { view: string }[]

export default async function StatusPage({ params }: { params: Promise<{ view: string }> }) {
  if ((await params).view !== 'current') notFound()
  const status = await statusSnapshot()
  const maintenances = [...status.activeMaintenances, ...status.upcomingMaintenances]
  return (
    <div className="mx-auto max-w-4xl space-y-8">
      <header className="space-y-3">
        <h1 className="text-3xl font-semibold">TuneTrail status</h1>
        <p className="text-muted-foreground">
          The TuneTrail API and this portal, checked around the clock.
        </p>
        <OverallBanner {...status.overall}>
          <p className="text-sm text-foreground">
            As of <time dateTime={status.generatedAt}>{formatDateTime(status.generatedAt)}</time>
          </p>
          {status.components.some((component) => component.isStale) && (
            <p className="text-sm text-foreground">
              Automatic checks of some components have stopped reporting; their states below may be
              out of date.
            </p>
          )}
        </OverallBanner>
      </header>

      {status.activeIncidents.length > 0 && (
        <section aria-labelledby="incidents-heading" className="space-y-3">
          <h2 id="incidents-heading" className="text-xl font-semibold">
            Active incidents
          </h2>
          {status.activeIncidents.map((incident) => (
            <IncidentCard key={incident.id} incident={incident} />
          ))}
        </section>
      )}

      {maintenances.length > 0 && (
        <section aria-labelledby="maintenance-heading" className="space-y-3">
          <h2 id="maintenance-heading" className="text-xl font-semibold">
            Maintenance
          </h2>
          {maintenances.map((maintenance) => (
            <MaintenanceCard key={maintenance.id} maintenance={maintenance} />
          ))}
        </section>
      )}

      <section aria-labelledby="components-heading" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="components-heading" className="text-xl font-semibold">
            Components
          </h2>
          <p className="text-sm text-muted-foreground">Uptime over the last 90 days (UTC)</p>
        </div>
        {status.groups.length > 0 ? (
          <ComponentList
            groups={status.groups}
            uptime={status.uptime}
            responseTimes={status.responseTimes}
          />
        ) : (
          <Card>
            <p>No components are published yet.</p>
          </Card>
        )}
      </section>

      <section aria-labelledby="notify-heading" className="space-y-4">
        <h2 id="notify-heading" className="text-xl font-semibold">
          Get notified
        </h2>
        <div className="grid gap-4 md:grid-cols-2">
          <Card className="space-y-3">
            <h3 className="font-semibold">By email</h3>
            <SubscribeForm components={status.components.map(({ id, name }) => ({ id, name }))} />
          </Card>
          <Card className="space-y-3">
            <h3 className="font-semibold">Elsewhere</h3>
            <ul className="space-y-2 text-sm">
              <li>
                Feeds:{' '}
                <a href="/status/feed.rss" className="text-primary underline">
                  RSS
                </a>{' '}
                ·{' '}
                <a href="/status/feed.atom" className="text-primary underline">
                  Atom
                </a>
              </li>
              <li>
                Webhooks: add an endpoint under{' '}
                <Link href="/settings/webhooks" className="text-primary underline">
                  Settings → Webhooks
                </Link>{' '}
                and tick the <code>incident.*</code> and <code>maintenance.*</code> events — signed
                deliveries any Standard Webhooks library verifies.
              </li>
              <li>
                JSON (Statuspage v2 shapes):{' '}
                <a href="/status/api/v2/summary.json" className="text-primary underline">
                  summary.json
                </a>
              </li>
              <li>
                Badge:{' '}
                <a href="/status/badge.svg" className="text-primary underline">
                  /status/badge.svg
                </a>{' '}
                (<code>?component=&lt;slug&gt;</code> for one component)
              </li>
            </ul>
            <FollowStatus />
          </Card>
        </div>
      </section>

      <p>
        <Link href="/status/history" className="text-primary underline">
          Incident history
        </Link>
      </p>
    </div>
  )
}
