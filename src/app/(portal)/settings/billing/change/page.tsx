import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { ActionForm, Hidden } from '@/components/Form/index.client'
import { Alert } from '@/components/ui/alert'
import { Panel } from '@/components/ui/card'
import { changePageData, requireBilling } from '@/data/billing'
import { requestNow } from '@/data/now'
import { requireUser } from '@/data/session'
import { formatDay, formatPeriod, money, priceOf } from '@/lib/billing/period'
import { PLAN_LABELS, SELF_SERVE_PLANS, type Plan } from '@/lib/plans'
import { formatDateTime } from '@/lib/time'

import { changePlanAction } from '../actions'

export const metadata: Metadata = { title: 'Change plan' }

type Props = { searchParams: Promise<{ account?: string; plan?: string }> }

export default async function ChangePlanPage({ searchParams }: Props) {
  requireBilling()
  const params = await searchParams
  const user = await requireUser('/settings/billing')
  const plan = params.plan as Plan
  if (!(SELF_SERVE_PLANS as readonly string[]).includes(plan)) notFound()
  const now = new Date(requestNow())
  const data = await changePageData(user, params.account, plan, now)
  const { account } = data
  const back = `/settings/billing?account=${account.key}`
  if (data.refusal !== undefined) {
    return (
      <>
        <h1 className="text-2xl font-semibold">Change plan</h1>
        <Alert tone="error">
          {data.refusal}{' '}
          <Link className="underline" href={back}>
            Back to billing
          </Link>
        </Alert>
      </>
    )
  }
  const { preview, keys } = data
  if (account.plan === plan) {
    return (
      <>
        <h1 className="text-2xl font-semibold">Change plan</h1>
        <Alert>
          {account.name} is on the {PLAN_LABELS[plan]} plan already.{' '}
          <Link className="underline" href={back}>
            Back to billing
          </Link>
        </Alert>
      </>
    )
  }
  const isDowngrade = priceOf(plan) < priceOf(preview.from)
  // Stripe's cycle runs from a moment of a day to the same moment a month on: shown as days.
  const period =
    preview.collection === 'invoice'
      ? formatPeriod(preview.period)
      : `${formatDay(preview.period.start)} – ${formatDay(preview.period.end)}`
  const chargeLabel =
    preview.collection === 'checkout'
      ? `Charged now by Stripe Checkout: the first month of ${PLAN_LABELS[plan]}`
      : `${isDowngrade ? 'Charge' : 'Prorated charge'} for the rest of the period (${Math.round(
          preview.remaining * 100,
        )}% left)${preview.collection === 'card' && !isDowngrade ? ', charged to your card now' : ''}`
  const terms = {
    invoice: isDowngrade
      ? 'A downgrade applies at once and credits nothing: this period is billed at the plan it started on, and the lower limits apply to every key of the account now.'
      : 'The prorated amount appears on this period’s invoice. New limits apply to every key of the account at once.',
    card: isDowngrade
      ? plan === 'free'
        ? 'Your Stripe subscription ends now and credits nothing; the lower limits apply to every key of the account at once.'
        : 'A downgrade applies at once and credits nothing: this period is paid already, and the lower limits apply to every key of the account now. Stripe charges the new price from the next period.'
      : preview.prorationCents > 0
        ? 'Stripe charges the prorated amount to your card on file at once, and the new price from the next period. New limits apply to every key of the account at once.'
        : 'The rest of this period is paid at this price already: nothing is charged now, and Stripe charges the new price from the next period. New limits apply to every key of the account at once.',
    checkout:
      'Stripe Checkout takes the payment next; the plan changes once Stripe confirms it, and Stripe charges the same each month from then on.',
  }[preview.collection]
  return (
    <>
      <h1 className="text-2xl font-semibold">
        Switch {account.kind === 'user' ? 'your account' : account.name} to {PLAN_LABELS[plan]}
      </h1>
      <Panel id="preview-heading" title="What it costs">
        <dl className="space-y-2 text-sm">
          <div className="flex flex-wrap justify-between gap-2">
            <dt className="text-muted-foreground">Now on</dt>
            <dd>{PLAN_LABELS[preview.from]}</dd>
          </div>
          <div className="flex flex-wrap justify-between gap-2">
            <dt className="text-muted-foreground">This period</dt>
            <dd>{period}</dd>
          </div>
          <div className="flex flex-wrap justify-between gap-2">
            <dt className="text-muted-foreground">{chargeLabel}</dt>
            <dd className="font-semibold tabular-nums" data-testid="proration">
              {money(preview.prorationCents)}
            </dd>
          </div>
          <div className="flex flex-wrap justify-between gap-2">
            <dt className="text-muted-foreground">
              From {formatDay(preview.period.end)}, per month
            </dt>
            <dd className="tabular-nums">{money(preview.nextPeriodCents)}</dd>
          </div>
        </dl>
        <p className="mt-4 text-sm text-muted-foreground">{terms}</p>
      </Panel>
      <Panel
        id="confirm-heading"
        title="Confirm"
        description={
          preview.keysOverCap > 0
            ? `The ${PLAN_LABELS[plan]} plan allows ${preview.keyCap} active keys and this account has ${keys.length}: choose at least ${preview.keysOverCap} to revoke.`
            : undefined
        }
      >
        <ActionForm
          action={changePlanAction}
          submitLabel={
            preview.collection === 'checkout'
              ? 'Continue to payment'
              : `Switch to ${PLAN_LABELS[plan]}`
          }
          pendingLabel="Switching…"
        >
          <Hidden name="account" value={account.key} />
          <Hidden name="plan" value={plan} />
          {preview.keysOverCap > 0 && (
            <fieldset className="space-y-2">
              <legend className="mb-2 text-sm font-medium">Keys to revoke</legend>
              {keys.map((key) => (
                <label key={key.id} className="flex items-start gap-2 text-sm">
                  <input type="checkbox" name="revokeKeyIds" value={key.id} className="mt-1" />
                  <span>
                    <span className="font-medium">{key.name}</span>{' '}
                    <span className="text-muted-foreground">
                      {key.display ?? ''} ·{' '}
                      {key.last_used_at
                        ? `last used ${formatDateTime(key.last_used_at)}`
                        : 'never used'}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
          )}
        </ActionForm>
        <p className="mt-4 text-sm">
          <Link className="underline" href={back}>
            Keep the current plan
          </Link>
        </p>
      </Panel>
    </>
  )
}
