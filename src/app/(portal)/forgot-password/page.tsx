import type { Metadata } from 'next'
import Link from 'next/link'

import { ActionForm, Field } from '@/components/Form/index.client'
import { Card } from '@/components/ui/card'

import { forgotPasswordAction } from './actions'

export const metadata: Metadata = { title: 'Forgot password' }

export default function ForgotPasswordPage() {
  return (
    <Card className="mx-auto max-w-md">
      <h1 className="mb-1 text-2xl font-semibold">Forgot your password?</h1>
      <p className="mb-6 text-sm text-muted-foreground">
        Enter your account&apos;s email and we&apos;ll send you a link to choose a new password.
      </p>
      <ActionForm
        action={forgotPasswordAction}
        submitLabel="Send reset link"
        pendingLabel="Sending…"
        successContent="Check your inbox"
      >
        <Field name="email" label="Email" type="email" autoComplete="email" required />
      </ActionForm>
      <p className="mt-4 text-sm">
        <Link href="/login" className="underline">
          Back to log in
        </Link>
      </p>
    </Card>
  )
}
