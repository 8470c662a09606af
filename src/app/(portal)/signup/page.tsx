import type { Metadata } from 'next'
import Link from 'next/link'

import { ActionForm, Field } from '@/components/Form/index.client'
import { Card } from '@/components/ui/card'

import { signupAction } from './actions'

export const metadata: Metadata = { title: 'Sign up' }

export default function SignupPage() {
  return (
    <Card className="mx-auto max-w-md">
      <h1 className="mb-1 text-2xl font-semibold">Create your account</h1>
      <p className="mb-6 text-sm text-muted-foreground">
        Free plan included. Already have an account?{' '}
        <Link href="/login" className="underline">
          Log in
        </Link>
      </p>
      <ActionForm
        action={signupAction}
        submitLabel="Create account"
        pendingLabel="Creating…"
        successContent="Check your inbox"
      >
        <Field name="name" label="Name" autoComplete="name" required maxLength={80} />
        <Field
          name="username"
          label="Username"
          autoComplete="username"
          required
          maxLength={32}
          hint="Lower-case letters, digits and dashes; shown on your public profile."
        />
        <Field name="email" label="Email" type="email" autoComplete="email" required />
        <Field
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 10 characters."
        />
      </ActionForm>
    </Card>
  )
}
