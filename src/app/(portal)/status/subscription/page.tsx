import type { Metadata } from 'next'

import { TokenActionCard } from '@/components/TokenActionCard'
import { readStatusToken } from '@/lib/status/tokens'

import { confirmSubscriptionAction } from './actions'

export const metadata: Metadata = { title: 'Confirm your status subscription' }

type Props = { searchParams: Promise<{ token?: string }> }

/** Where the confirmation mail's link leads: one click turns the subscription on. */
export default async function ConfirmSubscriptionPage({ searchParams }: Props) {
  const { token } = await searchParams
  const claims = readStatusToken(token, 'confirm')
  return (
    <TokenActionCard
      title="Confirm your subscription"
      token={claims ? token : undefined}
      action={confirmSubscriptionAction}
      submitLabel="Confirm subscription"
      pendingLabel="Confirming…"
      missing={{
        text: 'This confirmation link is not valid or has expired.',
        href: '/status',
        label: 'Subscribe again on the status page',
      }}
    >
      <p className="text-sm text-muted-foreground">
        Get a mail when TuneTrail has an incident or plans maintenance
        {claims?.components.length ? ' on the components you chose' : ''}. Every mail has a link to
        unsubscribe.
      </p>
    </TokenActionCard>
  )
}
