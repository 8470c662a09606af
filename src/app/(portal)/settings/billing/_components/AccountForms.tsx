import { ActionForm, Field, Hidden } from '@/components/Form/index.client'
import { Alert } from '@/components/ui/alert'
import { formatDay, type Period } from '@/lib/billing/period'
import type { BillingProfile } from '@/lib/billing/profile'
import { CANCEL_REASONS } from '@/schemas/billing'

import { cancelPlanAction, openPortalAction, resumePlanAction, saveDetailsAction } from '../actions'

export function DetailsForm({
  account,
  profile,
  fallbackName,
  fallbackEmail,
}: {
  account: string
  profile: BillingProfile | null
  fallbackName: string
  fallbackEmail: string
}) {
  return (
    <ActionForm
      action={saveDetailsAction}
      submitLabel="Save billing details"
      pendingLabel="Saving…"
    >
      <Hidden name="account" value={account} />
      <Field
        name="legalName"
        label="Name on invoices"
        defaultValue={profile?.legal_name ?? fallbackName}
        autoComplete="organization"
        required
        maxLength={120}
      />
      <Field
        name="email"
        label="Billing email"
        type="email"
        defaultValue={profile?.email ?? fallbackEmail}
        autoComplete="email"
        required
      />
      <Field
        name="address"
        label="Address"
        multiline
        defaultValue={profile?.address ?? ''}
        autoComplete="street-address"
        maxLength={500}
      />
      <Field
        name="country"
        label="Country"
        defaultValue={profile?.country ?? ''}
        autoComplete="country-name"
        maxLength={56}
      />
      <Field
        name="taxId"
        label="VAT or tax id (optional)"
        defaultValue={profile?.tax_id ?? ''}
        maxLength={40}
      />
    </ActionForm>
  )
}

export function PortalButton({ account }: { account: string }) {
  return (
    <ActionForm
      action={openPortalAction}
      submitLabel="Manage payment method"
      pendingLabel="Opening…"
      submitVariant="outline"
    >
      <Hidden name="account" value={account} />
    </ActionForm>
  )
}

/** Cancelling at the period's end (with a reason), or withdrawing a cancellation. */
export function CancelForm({
  account,
  profile,
  period,
}: {
  account: string
  profile: BillingProfile | null
  period: Period
}) {
  const lastDay = formatDay(new Date(period.end.getTime() - 1))
  if (profile?.cancel_at_period_end) {
    return (
      <div className="space-y-4">
        <Alert>
          Your plan ends on {lastDay}; the account moves to Free then. Reason given:{' '}
          {profile.cancel_reason}.
        </Alert>
        <ActionForm
          action={resumePlanAction}
          submitLabel="Keep my plan"
          pendingLabel="Saving…"
          submitVariant="outline"
        >
          <Hidden name="account" value={account} />
        </ActionForm>
      </div>
    )
  }
  return (
    <ActionForm
      action={cancelPlanAction}
      submitLabel="Cancel at period end"
      pendingLabel="Cancelling…"
      submitVariant="danger"
      aria-label="Cancel the plan"
    >
      <Hidden name="account" value={account} />
      <p className="text-sm text-muted-foreground">
        Everything keeps working until {lastDay}; then the account moves to Free.
      </p>
      <Field
        name="reason"
        label="Why are you cancelling?"
        options={[{ label: 'Choose a reason', value: '' }, ...CANCEL_REASONS]}
        required
      />
      <Field
        name="details"
        label="Anything we should know? (optional)"
        multiline
        maxLength={1000}
      />
    </ActionForm>
  )
}
