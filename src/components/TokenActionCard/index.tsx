import Link from 'next/link'
import type { ReactNode } from 'react'

import { ActionForm, Hidden } from '@/components/Form/index.client'
import { Alert } from '@/components/ui/alert'
import { Card } from '@/components/ui/card'
import type { FormState } from '@/lib/formState'

type Props = {
  title: string
  /** The token from the mailed link; absent when the page was opened some other way. */
  token: string | undefined
  action: (state: FormState, formData: FormData) => Promise<FormState>
  submitLabel: string
  pendingLabel: string
  /** What to say, and where to send the reader, without a token. */
  missing: { text: string; href: string; label: string }
  children: ReactNode
}

/**
 * The page a mailed link opens (confirm an email, choose a new password …). Acting takes a click
 * (a POST), so mail scanners that prefetch links do nothing.
 */
export function TokenActionCard({
  title,
  token,
  action,
  submitLabel,
  pendingLabel,
  missing,
  children,
}: Props) {
  return (
    <Card className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-semibold">{title}</h1>
      {token ? (
        <ActionForm action={action} submitLabel={submitLabel} pendingLabel={pendingLabel}>
          <Hidden name="token" value={token} />
          {children}
        </ActionForm>
      ) : (
        <Alert tone="error">
          {missing.text}{' '}
          <Link href={missing.href} className="underline">
            {missing.label}
          </Link>
        </Alert>
      )}
    </Card>
  )
}
