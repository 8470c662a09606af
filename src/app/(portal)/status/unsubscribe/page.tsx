import type { Metadata } from 'next'

import { TokenActionCard } from '@/components/TokenActionCard'
import { readStatusToken } from '@/lib/status/tokens'

import { endSubscriptionAction } from './actions'

export const metadata: Metadata = { title: 'Unsubscribe from status mail' }

type Props = { searchParams: Promise<{ token?: string }> }

/** Where a notice's unsubscribe link leads: one click ends the subscription. */
export default async function StatusUnsubscribePage({ searchParams }: Props) {
  const { token } = await searchParams
  const claims = readStatusToken(token, 'unsubscribe')
  return (
    <TokenActionCard
      title="Unsubscribe from status mail"
      token={claims ? token : undefined}
      action={endSubscriptionAction}
      submitLabel="Unsubscribe"
      pendingLabel="Unsubscribing…"
      missing={{
        text: 'This unsubscribe link is not valid.',
        href: '/status',
        label: 'The status page',
      }}
    >
      <p className="text-sm text-muted-foreground">
        Stop all TuneTrail status mail to this address. The status page and its feeds stay
        available.
      </p>
    </TokenActionCard>
  )
}
