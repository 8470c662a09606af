import { CodeChips } from '@/components/DataTable/cells'
import type { Detail } from '@/components/DetailList'
import { RelativeTime } from '@/components/RelativeTime/index.client'
import type { Stat } from '@/components/StatCards'
import type { EndpointHealth } from '@/data/webhooks'
import { formatDateTime } from '@/lib/time'
import type { Organization, User, WebhookEndpoint } from '@/payload-types'
import { headerLines } from '@/schemas/webhooks'

import {
  DeliveryStatusBadge,
  EndpointStateBadge,
  successRateText,
  type EndpointState,
} from '../../_components/Badges'

/** How deliveries to the endpoint went lately, as stat cards. */
export function healthStats(health: EndpointHealth, now: number): Stat[] {
  return [
    {
      label: 'Success rate',
      value: health.successRate === null ? '—' : `${Math.floor(health.successRate * 1000) / 10}%`,
      hint: successRateText(health),
      tone: health.successRate !== null && health.successRate < 0.9 ? 'danger' : undefined,
    },
    { label: 'Succeeded', value: health.succeeded.toLocaleString('en'), tone: 'success' },
    {
      label: 'Failed',
      value: health.failed.toLocaleString('en'),
      tone: health.failed > 0 ? 'danger' : undefined,
      hint: health.pending > 0 ? `${health.pending} pending` : undefined,
    },
    {
      label: 'Last delivery',
      value: health.lastDelivery ? (
        <RelativeTime date={health.lastDelivery.at} now={now} />
      ) : (
        'Never'
      ),
      hint: health.lastDelivery && <DeliveryStatusBadge status={health.lastDelivery.status} />,
    },
  ]
}

/** What the Details card lists of an endpoint (custom header values stay hidden). */
export function endpointDetails(endpoint: WebhookEndpoint, state: EndpointState): Detail[] {
  const organization =
    typeof endpoint.organization === 'object'
      ? (endpoint.organization as Organization | null)
      : null
  const owner = typeof endpoint.owner === 'object' ? (endpoint.owner as User | null) : null
  const events = endpoint.events ?? []
  const headerNames = headerLines(endpoint.headers)
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(':')[0])
  return [
    { term: 'URL', value: <code className="font-mono break-all">{endpoint.url}</code> },
    {
      term: 'Description',
      value: <span className="whitespace-pre-line">{endpoint.description || '—'}</span>,
    },
    { term: 'Status', value: <EndpointStateBadge state={state} /> },
    {
      term: 'Events',
      value:
        events.length === 0 ? (
          'All events, including types added later'
        ) : (
          <CodeChips items={events} label="Subscribed events" />
        ),
    },
    {
      term: 'Owner',
      value: (
        <>
          {organization ? organization.name : (owner?.name ?? 'Personal')}{' '}
          <span className="text-muted-foreground">
            ({organization ? 'organization' : 'personal'})
          </span>
        </>
      ),
    },
    { term: 'Maximum rate', value: `${endpoint.maxPerSecond ?? 20} deliveries per second` },
    {
      term: 'Custom headers',
      value:
        headerNames.length === 0 ? (
          'None'
        ) : (
          <ul className="space-y-0.5">
            {headerNames.map((name) => (
              <li key={name}>
                <code className="font-mono break-all">{name}</code>
              </li>
            ))}
          </ul>
        ),
    },
    {
      term: 'Created',
      value: <time dateTime={endpoint.createdAt}>{formatDateTime(endpoint.createdAt)}</time>,
    },
  ]
}
