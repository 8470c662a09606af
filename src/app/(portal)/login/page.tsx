import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { ActionForm, Field, Hidden } from '@/components/Form/index.client'
import { PasskeyButton } from '@/components/Passkeys/index.client'
import { Alert } from '@/components/ui/alert'
import { Card } from '@/components/ui/card'
import { currentUser, safeNext } from '@/data/session'

import { beginPasskeyLoginAction, finishPasskeyLoginAction, loginAction } from './actions'

export const metadata: Metadata = { title: 'Log in' }

type Props = { searchParams: Promise<Record<string, string | undefined>> }

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams
  const next = safeNext(params.next)
  if (await currentUser()) redirect(next)
  return (
    <Card className="mx-auto max-w-md">
      <h1 className="mb-1 text-2xl font-semibold">Log in</h1>
      <p className="mb-6 text-sm text-muted-foreground">
        New here?{' '}
        <Link href="/signup" className="underline">
          Create an account
        </Link>
      </p>
      {params.verified && (
        <Alert tone="success" className="mb-4">
          Your email is confirmed. Log in to continue.
        </Alert>
      )}
      {params.reset && (
        <Alert tone="success" className="mb-4">
          Your password was changed. Log in with the new one.
        </Alert>
      )}
      {params.loggedOut && <Alert className="mb-4">You are logged out.</Alert>}
      {params.deletionScheduled && (
        <Alert className="mb-4">
          Your account will be deleted in 14 days and you are logged out everywhere. Changed your
          mind? Log in before then to keep it.
        </Alert>
      )}
      <ActionForm action={loginAction} submitLabel="Log in" pendingLabel="Logging in…">
        <Hidden name="next" value={next} />
        <Field name="email" label="Email" type="email" autoComplete="email" required />
        <Field
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
        />
      </ActionForm>
      <div className="mt-6 border-t pt-6">
        <PasskeyButton
          label="Sign in with a passkey"
          variant="outline"
          getOptions={beginPasskeyLoginAction}
          verify={finishPasskeyLoginAction}
          next={next}
        />
      </div>
      <p className="mt-4 text-sm">
        <Link href="/forgot-password" className="underline">
          Forgot your password?
        </Link>
      </p>
    </Card>
  )
}
