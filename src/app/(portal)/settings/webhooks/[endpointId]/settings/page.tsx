import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { Panel } from '@/components/ui/card'
import { requestNow } from '@/data/apiKeys'
import { requireUser } from '@/data/session'
import { eventOptions, getEndpoint } from '@/data/webhooks'
import { formatDateTime } from '@/lib/time'
import { headerLines } from '@/schemas/webhooks'

import { EndpointForm } from '../../_components/EndpointForm'
import { SecretControls } from '../../_components/SecretControls'
import { secretAction, updateEndpointAction } from '../actions'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Webhook endpoint settings' }

type Props = { params: Promise<{ endpointId: string }> }

/** The endpoint's Settings tab: its URL, events, headers and rate; its signing secret. */
export default async function WebhookSettingsPage({ params }: Props) {
  const { endpointId } = await params
  const user = await requireUser(`/settings/webhooks/${endpointId}/settings`)
  const endpoint = await getEndpoint(user, endpointId)
  if (!endpoint) notFound()
  const now = requestNow()
  const events = endpoint.events ?? []
  const customHeaders = headerLines(endpoint.headers)
  const isPreviousSecretActive =
    endpoint.previousSecretExpiresAt && new Date(endpoint.previousSecretExpiresAt).getTime() > now

  return (
    <div className="space-y-6">
      <Panel id="edit-heading" title="Edit endpoint">
        <EndpointForm
          action={updateEndpointAction}
          endpointId={endpoint.id}
          eventOptions={eventOptions()}
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
        id="secret-heading"
        title="Signing secret"
        description={
          <>
            Every delivery is signed with this secret;{' '}
            <Link href="/docs/webhooks/verifying-webhooks" className="text-primary underline">
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
    </div>
  )
}
