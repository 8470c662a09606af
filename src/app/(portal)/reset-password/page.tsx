import type { Metadata } from 'next'

import { Field } from '@/components/Form/index.client'
import { TokenActionCard } from '@/components/TokenActionCard'

import { resetPasswordAction } from './actions'

export const metadata: Metadata = { title: 'Choose a new password' }

type Props = { searchParams: Promise<{ token?: string }> }

export default async function ResetPasswordPage({ searchParams }: Props) {
  const { token } = await searchParams
  return (
    <TokenActionCard
      title="Choose a new password"
      token={token}
      action={resetPasswordAction}
      submitLabel="Change password"
      pendingLabel="Saving…"
      missing={{
        text: 'This page needs the link from your reset mail.',
        href: '/forgot-password',
        label: 'Ask for a new link',
      }}
    >
      <Field
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters."
      />
      <Field
        name="confirmPassword"
        label="Repeat the new password"
        type="password"
        autoComplete="new-password"
        required
      />
    </TokenActionCard>
  )
}
