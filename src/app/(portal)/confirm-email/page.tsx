import type { Metadata } from 'next'

import { TokenActionCard } from '@/components/TokenActionCard'

import { confirmEmailChangeAction } from './actions'

export const metadata: Metadata = { title: 'Confirm your new email' }

type Props = { searchParams: Promise<{ token?: string }> }

export default async function ConfirmEmailPage({ searchParams }: Props) {
  const { token } = await searchParams
  return (
    <TokenActionCard
      title="Confirm your new email"
      token={token}
      action={confirmEmailChangeAction}
      submitLabel="Confirm new email"
      pendingLabel="Confirming…"
      missing={{
        text: 'Open the link from the confirmation mail to get here.',
        href: '/settings/profile',
        label: 'Your profile',
      }}
    >
      <p className="text-sm text-muted-foreground">
        Your account’s email changes to this address, and you sign in with it from now on.
      </p>
    </TokenActionCard>
  )
}
