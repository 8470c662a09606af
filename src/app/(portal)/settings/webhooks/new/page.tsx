import type { Metadata } from 'next'
import Link from 'next/link'

import { Card } from '@/components/ui/card'
import { managedOrganizations } from '@/data/apiKeys'
import { currentAccount } from '@/data/account'
import { requireUser } from '@/data/session'
import { eventOptions } from '@/data/webhooks'

import { EndpointForm } from '../_components/EndpointForm'
import { createEndpointAction } from './actions'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Add a webhook endpoint' }

export default async function NewWebhookEndpointPage() {
  const user = await requireUser('/settings/webhooks/new')
  const organizations = await managedOrganizations(user)
  const account = await currentAccount(user)
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/settings/webhooks" className="text-primary underline">
          Webhooks
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">Add a webhook endpoint</h1>
      <p className="max-w-2xl text-sm text-muted-foreground">
        TuneTrail POSTs each event you pick to this URL, signed with a secret shown once after you
        add the endpoint. See{' '}
        <Link href="/docs/webhooks/verifying-webhooks" className="text-primary underline">
          Verifying webhooks
        </Link>{' '}
        for how receivers check the signature.
      </p>
      <Card aria-label="Endpoint settings">
        <EndpointForm
          action={createEndpointAction}
          eventOptions={eventOptions()}
          organizations={organizations.map((org) => ({ id: org.id, name: org.name }))}
          defaultOrganization={typeof account.choice === 'number' ? String(account.choice) : ''}
          submitLabel="Add endpoint"
          pendingLabel="Adding…"
        />
      </Card>
    </>
  )
}
