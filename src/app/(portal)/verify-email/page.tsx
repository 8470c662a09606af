import type { Metadata } from 'next'

import { TokenActionCard } from '@/components/TokenActionCard'

import { verifyEmailAction } from './actions'

export const metadata: Metadata = { title: 'Confirm your email' }

type Props = { searchParams: Promise<{ token?: string }> }

export default async function VerifyEmailPage({ searchParams }: Props) {
  const { token } = await searchParams
  return (
    <TokenActionCard
      title="Confirm your email"
      token={token}
      action={verifyEmailAction}
      submitLabel="Confirm my email"
      pendingLabel="Confirming…"
      missing={{
        text: 'Open the link from your confirmation mail to get here.',
        href: '/signup',
        label: 'Sign up',
      }}
    >
      <p className="text-sm text-muted-foreground">One click and your account is ready.</p>
    </TokenActionCard>
  )
}
