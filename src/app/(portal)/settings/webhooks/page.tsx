import type { Metadata } from 'next'
import Link from 'next/link'

import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { requestNow } from '@/data/apiKeys'
import { requireUser } from '@/data/session'
import { egressIps, listEndpoints } from '@/data/webhooks'
import { formatDateTime, relativeTime } from '@/lib/time'
import type { Organization } from '@/payload-types'

import {
  DeliveryStatusBadge,
  EndpointStateBadge,
  endpointState,
  successRateText,
} from './_components/Badges'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Webhooks' }

type Props = { searchParams: Promise<{ deleted?: string }> }

export default async function WebhooksPage({ searchParams }: Props) {
  const user = await requireUser('/settings/webhooks')
  const { deleted } = await searchParams
  const endpoints = await listEndpoints(user)
  const ips = egressIps()
  const now = requestNow()

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <Button asChild>
          <Link href="/settings/webhooks/new">Add endpoint</Link>
        </Button>
      </div>
      <p className="max-w-2xl text-sm text-muted-foreground">
        TuneTrail POSTs events (new tracks, finished training runs, reached limits …) to your
        endpoints, signed with each endpoint’s secret. Your own endpoints and those of the
        organizations you own or administer are listed here. Receivers check every delivery as
        described in{' '}
        <Link href="/docs/webhooks" className="text-primary underline">
          Verifying webhooks
        </Link>
        .
      </p>

      {deleted === '1' && <Alert tone="success">Endpoint deleted.</Alert>}

      <Card aria-labelledby="egress-heading">
        <h2 id="egress-heading" className="mb-1 text-lg font-semibold">
          Addresses to allowlist
        </h2>
        {ips.length > 0 ? (
          <>
            <p className="mb-3 text-sm text-muted-foreground">
              If your firewall filters incoming traffic, allow deliveries from these addresses:
            </p>
            <ul className="flex flex-wrap gap-2" aria-label="Outgoing addresses">
              {ips.map((ip) => (
                <li key={ip}>
                  <code className="rounded bg-muted px-2 py-1 font-mono text-sm break-all">
                    {ip}
                  </code>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="text-sm text-muted-foreground">
            No fixed outgoing addresses are configured for this portal, so deliveries may come from
            any address. Rely on the signature, not on an allowlist.
          </p>
        )}
      </Card>

      {endpoints.length === 0 ? (
        <Card aria-labelledby="empty-heading" className="text-center">
          <h2 id="empty-heading" className="mb-1 text-lg font-semibold">
            You have no webhook endpoints yet
          </h2>
          <p className="mb-4 text-sm text-muted-foreground">
            Add an endpoint to hear about events as they happen instead of polling the API. Test it
            with a sample event right after.
          </p>
          <Button asChild>
            <Link href="/settings/webhooks/new">Add your first endpoint</Link>
          </Button>
        </Card>
      ) : (
        <section aria-labelledby="endpoints-heading" className="space-y-3">
          <h2 id="endpoints-heading" className="text-lg font-semibold">
            Endpoints{' '}
            <span className="text-sm font-normal text-muted-foreground">({endpoints.length})</span>
          </h2>
          <ul className="space-y-3">
            {endpoints.map((endpoint) => {
              const state = endpointState(endpoint)
              const organization =
                typeof endpoint.organization === 'object'
                  ? (endpoint.organization as Organization | null)
                  : null
              const events = endpoint.events ?? []
              const { health } = endpoint
              return (
                <li
                  key={endpoint.id}
                  className="rounded-lg border border-border bg-card p-4 shadow-sm sm:p-5"
                >
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div className="min-w-0 space-y-1">
                      <h3 className="font-mono text-sm font-semibold break-all">
                        <Link
                          href={`/settings/webhooks/${endpoint.id}`}
                          className="hover:underline"
                        >
                          {endpoint.url}
                        </Link>
                      </h3>
                      {endpoint.description && (
                        <p className="text-sm break-words text-muted-foreground">
                          {endpoint.description}
                        </p>
                      )}
                    </div>
                    <EndpointStateBadge state={state} />
                  </div>
                  {state === 'disabled' && (
                    <p className="mt-2 text-sm text-danger">
                      {endpoint.disabledReason ?? 'Disabled.'}
                      {endpoint.disabledAt && ` Since ${formatDateTime(endpoint.disabledAt)}.`}
                    </p>
                  )}
                  {state === 'failing' && endpoint.failingSince && (
                    <p className="mt-2 text-sm text-danger">
                      Failing since {formatDateTime(endpoint.failingSince)}.
                    </p>
                  )}
                  <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
                    <dt className="text-muted-foreground">Events</dt>
                    <dd>
                      {events.length === 0 ? (
                        'All events'
                      ) : (
                        <ul
                          className="flex flex-wrap gap-1.5"
                          aria-label={`Events of ${endpoint.url}`}
                        >
                          {events.map((type) => (
                            <li key={type}>
                              <code className="rounded bg-muted px-1.5 py-0.5 text-xs">{type}</code>
                            </li>
                          ))}
                        </ul>
                      )}
                    </dd>
                    <dt className="text-muted-foreground">Owner</dt>
                    <dd>{organization ? organization.name : 'Personal'}</dd>
                    <dt className="text-muted-foreground">Success rate ({health.days} days)</dt>
                    <dd>{successRateText(health)}</dd>
                    <dt className="text-muted-foreground">Last delivery</dt>
                    <dd>
                      {health.lastDelivery ? (
                        <>
                          <time
                            dateTime={health.lastDelivery.at}
                            title={formatDateTime(health.lastDelivery.at)}
                          >
                            {relativeTime(health.lastDelivery.at, now)}
                          </time>{' '}
                          <DeliveryStatusBadge status={health.lastDelivery.status} />
                        </>
                      ) : (
                        'Never'
                      )}
                    </dd>
                  </dl>
                  <p className="mt-3 text-sm">
                    <Link
                      href={`/settings/webhooks/${endpoint.id}`}
                      className="text-primary underline"
                    >
                      Manage<span className="sr-only"> {endpoint.url}</span>
                    </Link>
                  </p>
                </li>
              )
            })}
          </ul>
        </section>
      )}
    </>
  )
}
