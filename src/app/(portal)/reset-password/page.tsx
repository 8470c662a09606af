import type { Metadata } from 'next'
import Link from 'next/link'

import { ActionForm, Field, Hidden } from '@/components/Form/index.client'
import { Alert } from '@/components/ui/alert'
import { Card } from '@/components/ui/card'

import { resetPasswordAction } from './actions'

export const metadata: Metadata = { title: 'Choose a new password' }

type Props = { searchParams: Promise<{ token?: string }> }

export default async function ResetPasswordPage({ searchParams }: Props) {
  const { token } = await searchParams
  return (
    <Card className="mx-auto max-w-md">
      <h1 className="mb-6 text-2xl font-semibold">Choose a new password</h1>
      {token ? (
        <ActionForm
          action={resetPasswordAction}
          submitLabel="Change password"
          pendingLabel="Saving…"
        >
          <Hidden name="token" value={token} />
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
        </ActionForm>
      ) : (
        <Alert tone="error">
          This page needs the link from your reset mail.{' '}
          <Link href="/forgot-password" className="underline">
            Ask for a new link
          </Link>
          .
        </Alert>
      )}
    </Card>
  )
}
