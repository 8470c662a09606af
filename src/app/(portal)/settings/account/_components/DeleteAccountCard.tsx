import Link from 'next/link'

import { ActionForm, Field } from '@/components/Form/index.client'
import { PasskeyConfirm } from '@/components/Passkeys/index.client'
import { Alert } from '@/components/ui/alert'
import { Panel } from '@/components/ui/card'
import { GHOST, GRACE_DAYS, type PendingDeletion } from '@/lib/accountData/deletion'
import type { DeletionFactors } from '@/lib/accountData/secondFactor'
import { formatDateTime } from '@/lib/time'

import { deleteAccountAction, deletionPasskeyOptionsAction } from '../actions'

type Props = {
  deletion: PendingDeletion | null
  soleOwned: { id: number; name: string; slug: string }[]
  secondFactors: DeletionFactors
  now: number
}

/** Deleting the account: what happens, what blocks it, and the confirmation form. */
export function DeleteAccountCard({ deletion, soleOwned, secondFactors, now }: Props) {
  const wasCancelled =
    deletion?.cancelled_at &&
    now - new Date(deletion.cancelled_at).getTime() < GRACE_DAYS * 86_400_000
  return (
    <Panel
      id="delete-heading"
      title="Delete your account"
      description={`After ${GRACE_DAYS} days your profile, sessions, keys (revoked), webhooks and organization memberships are removed, and your discussions, replies, comments and models are shown as by “${GHOST.name}”. Your API keys stop working at once. Logging in before then cancels the deletion.`}
    >
      {wasCancelled && (
        <Alert tone="success" className="mb-4">
          The deletion you asked for on {formatDateTime(deletion.requested_at)} was cancelled when
          you logged in on {formatDateTime(deletion.cancelled_at as Date)}. Your account stays.
        </Alert>
      )}
      {soleOwned.length > 0 ? (
        <Alert tone="error" isAnnounced={false}>
          You are the only owner of{' '}
          {soleOwned.map((org, index) => (
            <span key={org.id}>
              {index > 0 && ', '}
              <Link className="underline" href="/settings/organization">
                {org.name}
              </Link>
            </span>
          ))}
          . Make another member an owner, or delete the organization, before deleting your account.
        </Alert>
      ) : (
        <ActionForm
          action={deleteAccountAction}
          submitLabel="Delete my account"
          pendingLabel="Deleting…"
          submitVariant="danger"
          aria-label="Delete your account"
        >
          <Field
            name="password"
            label="Your password"
            type="password"
            autoComplete="current-password"
            required
          />
          {secondFactors.code && (
            <Field
              name="code"
              label="Authentication code"
              autoComplete="one-time-code"
              hint={
                secondFactors.passkey
                  ? 'From your authenticator app, or a recovery code; or confirm with a passkey below.'
                  : 'From your authenticator app, or a recovery code.'
              }
              required={!secondFactors.passkey}
            />
          )}
          {secondFactors.passkey && <PasskeyConfirm getOptions={deletionPasskeyOptionsAction} />}
          <Field name="reason" label="Why are you leaving? (optional)" multiline maxLength={500} />
          <Field
            name="confirm"
            label="Type DELETE to confirm"
            autoComplete="off"
            required
            maxLength={6}
          />
        </ActionForm>
      )}
    </Panel>
  )
}
