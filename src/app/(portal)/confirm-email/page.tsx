import type { Metadata } from 'next'
import Link from 'next/link'

import { ActionForm, Hidden } from '@/components/Form/index.client'
import { Alert } from '@/components/ui/alert'
import { Card } from '@/components/ui/card'

import { confirmEmailChangeAction } from './actions'

export const metadata: Metadata = { title: 'Confirm your new email' }

type Props = { searchParams: Promise<{ token?: string }> }

/** Confirmation takes a click (a POST), so mail scanners that prefetch links confirm nothing. */
export default async function ConfirmEmailPage({ searchParams }: Props) {
  const { token } = await searchParams
  return (
    <Card className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-semibold">Confirm your new email</h1>
      {token ? (
        <ActionForm
          action={confirmEmailChangeAction}
          submitLabel="Confirm new email"
          pendingLabel="Confirming…"
        >
          <Hidden name="token" value={token} />
          <p className="text-sm text-muted-foreground">
            Your account’s email changes to this address, and you sign in with it from now on.
          </p>
        </ActionForm>
      ) : (
        <Alert tone="error">
          Open the link from the confirmation mail to get here.{' '}
          <Link href="/settings/profile" className="underline">
            Your profile
          </Link>
        </Alert>
      )}
    </Card>
  )
}
