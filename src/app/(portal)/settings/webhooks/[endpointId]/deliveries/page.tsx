import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { ActionForm, Field, Hidden } from '@/components/Form/index.client'
import { Panel } from '@/components/ui/card'
import { requestNow } from '@/data/apiKeys'
import { requireUser } from '@/data/session'
import { getEndpoint, listDeliveries } from '@/data/webhooks'
import { isEventType, WEBHOOK_EVENT_TYPES } from '@/lib/events/registry'
import { deliveryListQuerySchema } from '@/schemas/webhooks'

import { endpointState } from '../../_components/Badges'
import { ReplayForm } from '../../_components/ReplayForm'
import { redeliverAction, replayAction, sendTestEventAction } from '../actions'
import { DeliveryLog } from '../_components/DeliveryLog'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Webhook deliveries' }

type Props = {
  params: Promise<{ endpointId: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

const EVENT_TYPE_OPTIONS = WEBHOOK_EVENT_TYPES.map((type) => ({ value: type, label: type }))

/**
 * The endpoint's Deliveries tab: send a test event and watch it arrive in the log (live), look
 * into each delivery, redeliver one or replay everything that failed.
 */
export default async function WebhookDeliveriesPage({ params, searchParams }: Props) {
  const { endpointId } = await params
  const user = await requireUser(`/settings/webhooks/${endpointId}/deliveries`)
  const endpoint = await getEndpoint(user, endpointId)
  if (!endpoint) notFound()
  const query = deliveryListQuerySchema.parse(await searchParams)
  const now = requestNow()
  const deliveries = await listDeliveries(user, endpoint.id, query)
  const isDisabled = endpointState(endpoint) === 'disabled'
  const events = endpoint.events ?? []

  return (
    <div className="space-y-6">
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
            focusOnSuccess="deliveries-heading"
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
    </div>
  )
}
