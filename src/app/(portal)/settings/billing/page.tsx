import type { Metadata } from 'next'
import Link from 'next/link'

import { Alert } from '@/components/ui/alert'
import { Panel } from '@/components/ui/card'
import { billingPageData, requireBilling } from '@/data/billing'
import { requestNow } from '@/data/now'
import { requireUser } from '@/data/session'
import { LIMIT_FIELDS } from '@/fields/limitsField'
import { formatPeriod, money } from '@/lib/billing/period'
import { PLAN_LABELS, PLAN_PRICES_CENTS, type Plan } from '@/lib/plans'
import { count } from '@/lib/usage/labels'

import { CancelForm, DetailsForm, PortalButton } from './_components/AccountForms'
import { InvoiceList } from './_components/InvoiceList'
import { PlanTable } from './_components/PlanTable'
import { UsageSection } from './_components/UsageSection'

export const metadata: Metadata = { title: 'Billing' }

type Props = { searchParams: Promise<{ account?: string; changed?: string; checkout?: string }> }

export default async function BillingPage({ searchParams }: Props) {
  requireBilling()
  const params = await searchParams
  const user = await requireUser('/settings/billing')
  const now = new Date(requestNow())
  const data = await billingPageData(user, params.account, now)
  const { account, profile } = data
  const price = PLAN_PRICES_CENTS[account.plan]
  const contract = LIMIT_FIELDS.filter((field) => typeof account.limits[field.name] === 'number')
  return (
    <>
      <h1 className="text-2xl font-semibold">Billing</h1>
      {data.accounts.length > 1 && (
        <nav aria-label="Billing accounts" className="flex flex-wrap gap-2 text-sm">
          {data.accounts.map((item) => (
            <Link
              key={item.key}
              href={`/settings/billing?account=${item.key}`}
              aria-current={item.key === account.key ? 'page' : undefined}
              className="rounded-md border border-border px-3 py-1.5 aria-[current=page]:bg-muted aria-[current=page]:font-semibold"
            >
              {item.kind === 'user' ? 'Personal' : item.name}
            </Link>
          ))}
        </nav>
      )}
      {params.changed && (
        <Alert tone="success">
          {account.name} is now on the {PLAN_LABELS[account.plan]} plan: its keys use the new limits
          from their next call.
        </Alert>
      )}
      {params.checkout === 'done' && (
        <Alert tone="success">
          Payment received by Stripe: the plan changes as soon as Stripe confirms it.
        </Alert>
      )}
      <Panel
        id="plan-heading"
        title={`${PLAN_LABELS[account.plan]} plan`}
        description={`${account.kind === 'user' ? 'Your personal account' : account.name} · ${
          price === null ? 'billed by contract' : `${money(price)} per month`
        } · current period ${formatPeriod(data.period)}`}
      >
        {contract.length > 0 && (
          <div className="mb-4">
            <h3 className="mb-2 text-sm font-semibold">Custom limits (set by TuneTrail)</h3>
            <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
              {contract.map((field) => (
                <div key={field.name} className="flex justify-between gap-2">
                  <dt className="text-muted-foreground">{field.label}</dt>
                  <dd className="tabular-nums">{count(account.limits[field.name] as number)}</dd>
                </div>
              ))}
            </dl>
          </div>
        )}
        <h3 className="mb-3 text-sm font-semibold">Usage this period</h3>
        <UsageSection usage={data.usage} period={data.period} />
      </Panel>
      <Panel
        id="plans-heading"
        title="Plans"
        description={
          account.plan === 'enterprise'
            ? 'Enterprise plans are changed by TuneTrail staff: contact sales@tunetrail.dev to change yours.'
            : data.providerName === 'stripe'
              ? 'Switch at any time: the next page shows what an upgrade costs and when your card is charged; a downgrade applies at once with no credit for the rest of the period.'
              : "Switch at any time: an upgrade is prorated on this period's invoice; a downgrade applies at once with no credit for the rest of the period."
        }
      >
        <PlanTable current={account.plan as Plan} account={account.key} />
      </Panel>
      <Panel id="invoices-heading" title="Invoices">
        <InvoiceList invoices={data.invoices} />
      </Panel>
      <Panel
        id="payment-heading"
        title="Payment method and billing details"
        description={data.paymentMethod}
      >
        {data.providerName === 'stripe' && (
          <div className="mb-4">
            <PortalButton account={account.key} />
          </div>
        )}
        <DetailsForm
          account={account.key}
          profile={profile}
          fallbackName={account.name}
          fallbackEmail={user.email}
        />
      </Panel>
      {account.plan !== 'free' && account.plan !== 'enterprise' && (
        <Panel id="cancel-heading" title="Cancel the plan">
          <CancelForm account={account.key} profile={profile} period={data.period} />
        </Panel>
      )}
    </>
  )
}
