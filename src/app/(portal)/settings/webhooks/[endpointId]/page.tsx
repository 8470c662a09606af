import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { ConfirmAction } from '@/components/ConfirmAction/index.client'
import { ActionForm, Field, Hidden } from '@/components/Form/index.client'
import { DetailList } from '@/components/DetailList'
import { StatCards } from '@/components/StatCards'
import { Alert } from '@/components/ui/alert'
import { Panel } from '@/components/ui/card'
import { requestNow } from '@/data/apiKeys'
import { requireUser } from '@/data/session'
import { endpointHealth, eventCatalog, getEndpoint, listDeliveries } from '@/data/webhooks'
import { formatDateTime } from '@/lib/time'
import { isEventType, WEBHOOK_EVENT_TYPES } from '@/lib/events/registry'
import { deliveryListQuerySchema, headerLines } from '@/schemas/webhooks'

import { EndpointStateBadge, endpointState } from '../_components/Badges'
import { EndpointForm } from '../_components/EndpointForm'
import { ReplayForm } from '../_components/ReplayForm'
import { SecretControls } from '../_components/SecretControls'
import {
  deleteEndpointAction,
  enableEndpointAction,
  redeliverAction,
  replayAction,
  secretAction,
  sendTestEventAction,
  updateEndpointAction,
} from './actions'
import { DeliveryLog } from './_components/DeliveryLog'
import { endpointDetails, healthStats } from './_components/endpointDetails'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Webhook endpoint' }

type Props = {
  params: Promise<{ endpointId: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

const EVENT_TYPE_OPTIONS = WEBHOOK_EVENT_TYPES.map((type) => ({ value: type, label: type }))

export default async function WebhookEndpointPage({ params, searchParams }: Props) {
  const { endpointId } = await params
  const user = await requireUser(`/settings/webhooks/${endpointId}`)
  const endpoint = await getEndpoint(user, endpointId)
  if (!endpoint) notFound()
  const query = deliveryListQuerySchema.parse(await searchParams)
  const now = requestNow()
  const [health, deliveries] = await Promise.all([
    endpointHealth(user, endpoint.id, now),
    listDeliveries(user, endpoint.id, query),
  ])
  const state = endpointState(endpoint)
  const isDisabled = state === 'disabled'
  const events = endpoint.events ?? []
  const customHeaders = headerLines(endpoint.headers)
  const isPreviousSecretActive =
    endpoint.previousSecretExpiresAt && new Date(endpoint.previousSecretExpiresAt).getTime() > now

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/settings/webhooks" className="text-primary underline">
          Webhooks
        </Link>
      </nav>
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold break-all">{endpoint.url}</h1>
        <div className="flex flex-wrap items-center gap-2">
          <EndpointStateBadge state={state} />
          {endpoint.description && (
            <span className="text-sm break-words text-muted-foreground">
              {endpoint.description}
            </span>
          )}
        </div>
      </header>

      {isDisabled && (
        <Panel id="disabled-heading" title="Deliveries are off" className="border-danger">
          <p className="mb-4 text-sm">
            {endpoint.disabledReason ?? 'This endpoint was disabled.'}
            {endpoint.disabledAt && ` Disabled on ${formatDateTime(endpoint.disabledAt)}.`} New
            events are not delivered and pending deliveries fail. Fix the receiver, then re-enable
            it; replay failed deliveries below if you need them.
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

      <StatCards label={`Deliveries, last ${health.days} days`} stats={healthStats(health, now)} />

      <Panel id="details-heading" title="Details">
        <DetailList details={endpointDetails(endpoint, state)} />
      </Panel>

      <Panel
        id="secret-heading"
        title="Signing secret"
        description={
          <>
            Every delivery is signed with this secret;{' '}
            <Link href="/docs/webhooks" className="text-primary underline">
              verify the signature
            </Link>{' '}
            before trusting one.
            {isPreviousSecretActive &&
              endpoint.previousSecretExpiresAt &&
              ` The previous secret also signs until ${formatDateTime(endpoint.previousSecretExpiresAt)}.`}
          </>
        }
      >
        <SecretControls action={secretAction} endpointId={endpoint.id} />
      </Panel>

      <Panel
        id="test-heading"
        title="Send test event"
        description={
          <>
            {isDisabled
              ? 'Re-enable the endpoint to send it a test event.'
              : 'Sends the example payload of a type to this endpoint only, signed like any delivery.'}
          </>
        }
      >
        {!isDisabled && (
          <ActionForm
            action={sendTestEventAction}
            submitLabel="Send test event"
            pendingLabel="Sending…"
            className="space-y-4 sm:max-w-sm"
            aria-label="Send test event"
          >
            <Hidden name="id" value={String(endpoint.id)} />
            <Field
              name="type"
              label="Event type"
              defaultValue={events.find(isEventType) ?? 'track.created'}
              options={EVENT_TYPE_OPTIONS}
            />
          </ActionForm>
        )}
      </Panel>

      <DeliveryLog
        endpoint={endpoint}
        deliveries={deliveries}
        query={query}
        now={now}
        redeliver={redeliverAction}
      />

      <Panel
        id="replay-heading"
        title="Replay failed deliveries"
        description={
          <>
            After an outage of your receiver, send everything that failed since then again.
            {isDisabled &&
              ' Re-enable the endpoint first, or the replayed deliveries fail at once.'}
          </>
        }
      >
        <ReplayForm action={replayAction} endpointId={endpoint.id} />
      </Panel>

      <Panel id="edit-heading" title="Edit endpoint">
        <EndpointForm
          action={updateEndpointAction}
          endpointId={endpoint.id}
          eventOptions={eventCatalog().map(({ type, description, example }) => ({
            type,
            description,
            example,
          }))}
          defaults={{
            url: endpoint.url,
            description: endpoint.description ?? '',
            events,
            headers: customHeaders,
            maxPerSecond: String(endpoint.maxPerSecond ?? 20),
          }}
          submitLabel="Save changes"
          pendingLabel="Saving…"
        />
      </Panel>

      <Panel
        id="delete-heading"
        title="Delete endpoint"
        className="border-danger"
        description={
          <>Stops every delivery to this URL and removes the endpoint with its signing secret.</>
        }
      >
        <ConfirmAction
          action={deleteEndpointAction}
          fields={{ id: String(endpoint.id) }}
          label="Delete endpoint"
          title="Delete this endpoint?"
          description={`Deliveries to ${endpoint.url} stop at once and its signing secret stops working. This cannot be undone.`}
          confirmLabel="Delete endpoint"
        />
      </Panel>
    </div>
  )
}
