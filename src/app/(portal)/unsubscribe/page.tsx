import type { Metadata } from 'next'

import { TokenActionCard } from '@/components/TokenActionCard'
import { NOTIFICATION_TYPES } from '@/lib/notifications/types'
import { readUnsubscribeToken } from '@/lib/notifications/unsubscribe'

import { unsubscribeAction } from './actions'

export const metadata: Metadata = { title: 'Unsubscribe' }

type Props = { searchParams: Promise<{ token?: string }> }

export default async function UnsubscribePage({ searchParams }: Props) {
  const { token } = await searchParams
  const target = readUnsubscribeToken(token)
  return (
    <TokenActionCard
      title="Unsubscribe"
      token={target ? token : undefined}
      action={unsubscribeAction}
      submitLabel="Unsubscribe"
      pendingLabel="Unsubscribing…"
      missing={{
        text: 'This unsubscribe link is not valid. Choose what you hear of in your settings.',
        href: '/settings/notifications',
        label: 'Notification settings',
      }}
    >
      <p className="text-sm text-muted-foreground">
        {target?.type === '*'
          ? 'Stop all notification mail from TuneTrail Community.'
          : `Stop mail about “${target ? NOTIFICATION_TYPES[target.type as keyof typeof NOTIFICATION_TYPES].label : ''}”.`}{' '}
        You keep seeing notifications in the portal.
      </p>
    </TokenActionCard>
  )
}
