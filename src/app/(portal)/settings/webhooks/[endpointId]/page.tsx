import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { DetailList } from '@/components/DetailList'
import { StatCards } from '@/components/StatCards'
import { Panel } from '@/components/ui/card'
import { requestNow } from '@/data/apiKeys'
import { requireUser } from '@/data/session'
import { endpointHealth, getEndpoint } from '@/data/webhooks'

import { endpointState } from '../_components/Badges'
import { endpointDetails, healthStats } from './_components/endpointDetails'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Webhook endpoint' }

type Props = { params: Promise<{ endpointId: string }> }

/** The endpoint's Overview tab: how deliveries went lately, and its details. */
export default async function WebhookEndpointPage({ params }: Props) {
  const { endpointId } = await params
  const user = await requireUser(`/settings/webhooks/${endpointId}`)
  const endpoint = await getEndpoint(user, endpointId)
  if (!endpoint) notFound()
  const now = requestNow()
  const health = await endpointHealth(user, endpoint.id, now)
  return (
    <div className="space-y-6">
      <StatCards label={`Deliveries, last ${health.days} days`} stats={healthStats(health, now)} />
      <Panel id="details-heading" title="Details">
        <DetailList details={endpointDetails(endpoint, endpointState(endpoint))} />
      </Panel>
    </div>
  )
}
