import Link from 'next/link'
import { notFound } from 'next/navigation'
import type { ReactNode } from 'react'

import { ActionForm, Hidden } from '@/components/Form/index.client'
import { LiveRefresh } from '@/components/LiveRefresh/index.client'
import { RelativeTime } from '@/components/RelativeTime/index.client'
import { TabNav } from '@/components/TabNav/index.client'
import { Alert } from '@/components/ui/alert'
import { Panel } from '@/components/ui/card'
import { requestNow } from '@/data/apiKeys'
import { requireUser } from '@/data/session'
import { getEndpoint } from '@/data/webhooks'
import { endpointTopic } from '@/lib/notifications/live'
import { formatDateTime } from '@/lib/time'

import { EndpointStateBadge, endpointState } from '../_components/Badges'
import { enableEndpointAction } from './actions'

type Props = { children: ReactNode; params: Promise<{ endpointId: string }> }

/**
 * Every tab of a webhook endpoint (Overview, Deliveries, Settings, Danger zone) under one
 * header with its state, kept current live while deliveries happen.
 */
export default async function WebhookEndpointLayout({ children, params }: Props) {
  const { endpointId } = await params
  const user = await requireUser(`/settings/webhooks/${endpointId}`)
  const endpoint = await getEndpoint(user, endpointId)
  if (!endpoint) notFound()
  const now = requestNow()
  const state = endpointState(endpoint)
  const base = `/settings/webhooks/${endpoint.id}`
  const events = endpoint.events ?? []

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <LiveRefresh topic={endpointTopic(endpoint.id)} />
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/settings/webhooks" className="text-primary underline">
          Webhooks
        </Link>
      </nav>
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <h1 className="text-2xl font-semibold break-all">{endpoint.url}</h1>
          <EndpointStateBadge state={state} />
        </div>
        {endpoint.description && (
          <p className="text-sm break-words text-muted-foreground">{endpoint.description}</p>
        )}
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <div className="flex gap-1.5">
            <dt className="text-muted-foreground">Created</dt>
            <dd>
              <RelativeTime date={endpoint.createdAt} now={now} />
            </dd>
          </div>
          <div className="flex gap-1.5">
            <dt className="text-muted-foreground">Events</dt>
            <dd>{events.length === 0 ? 'All' : events.length}</dd>
          </div>
        </dl>
      </header>

      {state === 'disabled' && (
        <Panel id="disabled-heading" title="Deliveries are off" className="border-danger">
          <p className="mb-4 text-sm">
            {endpoint.disabledReason ?? 'This endpoint was disabled.'}
            {endpoint.disabledAt && ` Disabled on ${formatDateTime(endpoint.disabledAt)}.`} New
            events are not delivered and pending deliveries fail. Fix the receiver, then re-enable
            it; replay failed deliveries under Deliveries if you need them.
          </p>
          <ActionForm
            action={enableEndpointAction}
            submitLabel="Re-enable endpoint"
            pendingLabel="Re-enabling…"
            aria-label="Re-enable endpoint"
          >
            <Hidden name="id" value={String(endpoint.id)} />
          </ActionForm>
        </Panel>
      )}
      {state === 'failing' && endpoint.failingSince && (
        <Alert tone="error">
          Deliveries have been failing since {formatDateTime(endpoint.failingSince)}. After 5 days
          of failures the endpoint is disabled.
        </Alert>
      )}

      <TabNav
        label="Endpoint sections"
        tabs={[
          { href: base, label: 'Overview' },
          { href: `${base}/deliveries`, label: 'Deliveries' },
          { href: `${base}/settings`, label: 'Settings' },
          { href: `${base}/danger`, label: 'Danger zone' },
        ]}
      />
      {children}
    </div>
  )
}
