import type { Metadata } from 'next'
import Link from 'next/link'

import { DataTable, type Column } from '@/components/DataTable'
import { CodeChips, ownerColumn } from '@/components/DataTable/cells'
import { RelativeTime } from '@/components/RelativeTime/index.client'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { requestNow } from '@/data/apiKeys'
import { accountFilter, currentAccount } from '@/data/account'
import { requireUser } from '@/data/session'
import { egressIps, HEALTH_DAYS, listEndpoints, type EndpointWithHealth } from '@/data/webhooks'
import { formatDateTime } from '@/lib/time'

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
  const account = await currentAccount(user)
  const endpoints = await listEndpoints(user, accountFilter(account.choice))
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
        organizations you own or administer are listed here
        {account.choice !== 'all' && (
          <>
            {' '}
            (now only <strong>{account.label}</strong>; switch accounts in the header)
          </>
        )}
        . Receivers check every delivery as described in{' '}
        <Link href="/docs/webhooks/verifying-webhooks" className="text-primary underline">
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
            {account.choice === 'all'
              ? 'You have no webhook endpoints yet'
              : `${account.choice === 'personal' ? 'Your personal account' : account.label} has no webhook endpoints yet`}
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
          <DataTable
            caption="Webhook endpoints"
            columns={endpointColumns(now)}
            rows={endpoints}
            rowKey={(endpoint) => endpoint.id}
          />
        </section>
      )}
    </>
  )
}

function endpointColumns(now: number): Column<EndpointWithHealth>[] {
  return [
    {
      key: 'url',
      header: 'Endpoint',
      isRowHeader: true,
      cell: (endpoint) => (
        <>
          <Link
            href={`/settings/webhooks/${endpoint.id}`}
            className="font-mono font-semibold break-all text-primary underline"
          >
            {endpoint.url}
          </Link>
          {endpoint.description && (
            <span className="block break-words text-muted-foreground">{endpoint.description}</span>
          )}
          {endpointState(endpoint) === 'disabled' && (
            <span className="block text-danger">
              {endpoint.disabledReason ?? 'Disabled.'}
              {endpoint.disabledAt && ` Since ${formatDateTime(endpoint.disabledAt)}.`}
            </span>
          )}
          {endpointState(endpoint) === 'failing' && endpoint.failingSince && (
            <span className="block text-danger">
              Failing since {formatDateTime(endpoint.failingSince)}.
            </span>
          )}
        </>
      ),
    },
    {
      key: 'state',
      header: 'Status',
      cell: (endpoint) => <EndpointStateBadge state={endpointState(endpoint)} />,
    },
    {
      key: 'events',
      header: 'Events',
      cell: (endpoint) =>
        (endpoint.events ?? []).length === 0 ? (
          'All events'
        ) : (
          <CodeChips items={endpoint.events ?? []} label={`Events of ${endpoint.url}`} />
        ),
    },
    ownerColumn(),
    {
      key: 'success',
      header: `Success (${HEALTH_DAYS} days)`,
      cell: (endpoint) => successRateText(endpoint.health),
    },
    {
      key: 'last',
      header: 'Last delivery',
      cell: (endpoint) =>
        endpoint.health.lastDelivery ? (
          <span className="flex flex-wrap items-center gap-1.5">
            <RelativeTime date={endpoint.health.lastDelivery.at} now={now} />
            <DeliveryStatusBadge status={endpoint.health.lastDelivery.status} />
          </span>
        ) : (
          'Never'
        ),
    },
  ]
}
