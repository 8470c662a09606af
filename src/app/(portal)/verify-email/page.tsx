import type { Metadata } from 'next'
import Link from 'next/link'

import { ActionForm, Hidden } from '@/components/Form/index.client'
import { Alert } from '@/components/ui/alert'
import { Card } from '@/components/ui/card'

import { verifyEmailAction } from './actions'

export const metadata: Metadata = { title: 'Confirm your email' }

type Props = { searchParams: Promise<{ token?: string }> }

/** Confirmation takes a click (a POST), so mail scanners that prefetch links confirm nothing. */
export default async function VerifyEmailPage({ searchParams }: Props) {
  const { token } = await searchParams
  return (
    <Card className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-semibold">Confirm your email</h1>
      {token ? (
        <ActionForm
          action={verifyEmailAction}
          submitLabel="Confirm my email"
          pendingLabel="Confirming…"
        >
          <Hidden name="token" value={token} />
          <p className="text-sm text-muted-foreground">One click and your account is ready.</p>
        </ActionForm>
      ) : (
        <Alert tone="error">
          Open the link from your confirmation mail to get here.{' '}
          <Link href="/signup" className="underline">
            Sign up
          </Link>
        </Alert>
      )}
    </Card>
  )
}
