import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { ConfirmAction } from '@/components/ConfirmAction/index.client'
import { Panel } from '@/components/ui/card'
import { requireUser } from '@/data/session'
import { getEndpoint } from '@/data/webhooks'

import { deleteEndpointAction } from '../actions'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Delete webhook endpoint' }

type Props = { params: Promise<{ endpointId: string }> }

/** The endpoint's Danger zone: delete it, after a confirmation. */
export default async function WebhookDangerPage({ params }: Props) {
  const { endpointId } = await params
  const user = await requireUser(`/settings/webhooks/${endpointId}/danger`)
  const endpoint = await getEndpoint(user, endpointId)
  if (!endpoint) notFound()

  return (
    <div className="space-y-6">
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
