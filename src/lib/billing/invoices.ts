import type { LimitValues } from '@/fields/limitsField'
import { parseAccountKey } from '@/lib/accounts'
import type { Queryable } from '@/lib/db'
import { actionEmail, portalUrl } from '@/lib/emails'
import { invalidateKeyHash } from '@/lib/keys/cache'
import { PLAN_LABELS, PLAN_PRICES_CENTS, type Plan } from '@/lib/plans'
import { logger } from '@/lib/logger'
import { enqueueOn } from '@/lib/queue'
import { RESOURCE_LABELS, count } from '@/lib/usage/labels'

import { accountKeyHashes, setAccountPlan } from './accounts'
import { formatDay, formatPeriod, money, previousPeriod, priceOf, type Period } from './period'
import { stripeClient } from './stripe'
import { periodUsage } from './usage'

export type InvoiceLine = {
  kind: 'plan' | 'proration' | 'usage'
  description: string
  quantity: number
  amountCents: number
}

export type InvoiceDraft = {
  account: string
  period: Period
  plan: Plan
  lines: InvoiceLine[]
  subtotalCents: number
  totalCents: number
}

type Change = { from_plan: Plan; to_plan: Plan; changed_at: Date; amount_cents: number }

async function accountState(db: Queryable, account: string) {
  const parsed = parseAccountKey(account)
  if (!parsed) return null
  const { rows } = parsed.owner
    ? await db.query<{ plan: Plan | null; limits: LimitValues | null }>(
        `SELECT plan::text AS plan, NULL::json AS limits FROM users WHERE id = $1`,
        [parsed.owner],
      )
    : await db.query<{ plan: Plan | null; limits: LimitValues | null }>(
        `SELECT plan::text AS plan, json_strip_nulls(json_build_object(
                  'apiCallsPerMinute', limits_api_calls_per_minute,
                  'apiCallsPerHour', limits_api_calls_per_hour,
                  'apiCallsPerDay', limits_api_calls_per_day,
                  'audioProcessingPerDay', limits_audio_processing_per_day,
                  'modelTrainingPerMonth', limits_model_training_per_month)) AS limits
           FROM organizations WHERE id = $1`,
        [parsed.organization],
      )
  return rows[0] ? { plan: rows[0].plan ?? 'free', limits: rows[0].limits ?? {} } : null
}

/** How a change was charged: a downgrade credits nothing; an upgrade pays for the rest of the period. */
function changeTerms(change: Change): string {
  // Enterprise is priced by contract (never $0): staff move accounts onto and off it.
  if (change.from_plan === 'enterprise' || change.to_plan === 'enterprise') {
    return change.amount_cents > 0
      ? ', by TuneTrail staff, prorated for the rest of the period'
      : ', by TuneTrail staff: Enterprise is billed by contract'
  }
  if (priceOf(change.to_plan) < priceOf(change.from_plan)) {
    return ': no credit for the rest of the period'
  }
  return change.amount_cents > 0
    ? ', prorated for the rest of the period'
    : ': the rest of the period is paid at this price already'
}

/**
 * An account's invoice for a period, from its plan and usage: the plan it started the period
 * on, one line per plan change in it (the proration its preview showed), then the period's
 * metered use against what the plan included. Null when the account is gone.
 */
export async function draftInvoice(
  db: Queryable,
  account: string,
  period: Period,
  now = new Date(),
): Promise<InvoiceDraft | null> {
  const state = await accountState(db, account)
  if (!state) return null
  const { rows: changes } = await db.query<Change>(
    `SELECT from_plan, to_plan, changed_at, amount_cents FROM billing_plan_changes
      WHERE account = $1 AND changed_at >= $2 ORDER BY changed_at, id`,
    [account, period.start.toISOString()],
  )
  const inPeriod = changes.filter((change) => new Date(change.changed_at) < period.end)
  const after = changes.find((change) => new Date(change.changed_at) >= period.end)
  const planAtEnd = after?.from_plan ?? state.plan
  const planAtStart = inPeriod[0]?.from_plan ?? planAtEnd
  const lines: InvoiceLine[] = [
    {
      kind: 'plan',
      description:
        PLAN_PRICES_CENTS[planAtStart] === null
          ? `${PLAN_LABELS[planAtStart]} plan, ${formatPeriod(period)} (billed by contract)`
          : `${PLAN_LABELS[planAtStart]} plan, ${formatPeriod(period)}`,
      quantity: 1,
      amountCents: PLAN_PRICES_CENTS[planAtStart] ?? 0,
    },
    ...inPeriod.map((change) => ({
      kind: 'proration' as const,
      description: `${PLAN_LABELS[change.from_plan]} → ${PLAN_LABELS[change.to_plan]} on ${formatDay(change.changed_at)}${changeTerms(change)}`,
      quantity: 1,
      amountCents: change.amount_cents,
    })),
  ]
  const usage = await periodUsage(db, account, planAtEnd, period, now, state.limits)
  for (const item of usage) {
    lines.push({
      kind: 'usage',
      description: `${RESOURCE_LABELS[item.resource]}: ${count(item.used)} used${
        item.quota === null ? ' (no limit)' : ` of ${count(item.quota)} included`
      }`,
      quantity: item.used,
      amountCents: 0,
    })
  }
  const subtotalCents = lines.reduce((sum, line) => sum + line.amountCents, 0)
  return {
    account,
    period,
    plan: planAtEnd,
    lines,
    subtotalCents,
    totalCents: Math.max(0, subtotalCents),
  }
}

/** `INV-000042`: the next number, taken in the caller's transaction so numbers have no gaps. */
async function nextNumber(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ last: number }>(
    `UPDATE invoice_numbers SET last = last + 1 RETURNING last`,
  )
  return `INV-${String(rows[0].last).padStart(6, '0')}`
}

/** Where an account's invoices are mailed: its billing email, else the person or the owners. */
async function recipientsOf(db: Queryable, account: string): Promise<string[]> {
  const parsed = parseAccountKey(account)
  const { rows } = await db.query<{ email: string }>(
    `SELECT email FROM billing_profiles WHERE account = $1 AND email IS NOT NULL
     UNION ALL
     SELECT u.email FROM users u WHERE u.id = $2
     UNION ALL
     SELECT u.email FROM organizations_members m JOIN users u ON u.id = m.user_id
      WHERE m._parent_id = $3 AND m.role = 'owner'`,
    [account, parsed?.owner ?? null, parsed?.organization ?? null],
  )
  return rows.length > 0 && rows[0].email ? [rows[0].email] : []
}

/**
 * Writes one account's invoice for a period (in the caller's transaction): numbered, its plan
 * changes marked invoiced, mailed; a plan cancelled at the period's end moves to free. Returns
 * the invoice id, or null when it exists already (a second run writes nothing).
 */
export async function issueInvoice(
  db: Queryable,
  account: string,
  period: Period,
  now = new Date(),
): Promise<{ id: number; number: string; cancelled: boolean } | null> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('billing:invoice:' || $1))`, [account])
  const { rows: existing } = await db.query(
    `SELECT 1 FROM invoices WHERE account = $1 AND period_start = $2`,
    [account, period.start.toISOString()],
  )
  if (existing.length > 0) return null
  const draft = await draftInvoice(db, account, period, now)
  if (!draft) return null
  const number = await nextNumber(db)
  const parsed = parseAccountKey(account)
  const { rows: profile } = await db.query<{
    legal_name: string | null
    email: string | null
    address: string | null
    country: string | null
    tax_id: string | null
    cancel_at_period_end: boolean
    cancel_requested_at: Date | null
  }>(
    `SELECT legal_name, email, address, country, tax_id, cancel_at_period_end,
            cancel_requested_at
       FROM billing_profiles WHERE account = $1`,
    [account],
  )
  const billedTo = profile[0]
    ? {
        legalName: profile[0].legal_name,
        email: profile[0].email,
        address: profile[0].address,
        country: profile[0].country,
        taxId: profile[0].tax_id,
      }
    : {}
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO invoices (number, account, owner_id, organization_id, period_start, period_end,
                           status, plan, currency, subtotal_cents, total_cents, lines, billed_to,
                           provider, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::enum_invoices_status, $8::enum_invoices_plan, 'usd', $9, $10, $11::jsonb,
             $12::jsonb, $13, $14, $14)
     RETURNING id`,
    [
      number,
      account,
      parsed?.owner ?? null,
      parsed?.organization ?? null,
      period.start.toISOString(),
      period.end.toISOString(),
      draft.totalCents === 0 ? 'paid' : 'open',
      draft.plan,
      draft.subtotalCents,
      draft.totalCents,
      JSON.stringify(draft.lines),
      JSON.stringify(billedTo),
      // Issued here, paid by transfer and marked paid by staff (Stripe bills its own accounts).
      'manual',
      now.toISOString(),
    ],
  )
  const id = rows[0].id
  const cancelled = Boolean(
    profile[0]?.cancel_at_period_end &&
    profile[0].cancel_requested_at &&
    new Date(profile[0].cancel_requested_at) < period.end &&
    draft.plan !== 'free',
  )
  if (cancelled) {
    await db.query(
      `INSERT INTO billing_plan_changes
         (account, from_plan, to_plan, changed_at, period_start, amount_cents, actor_id)
       VALUES ($1, $2, 'free', $3, $3, 0, NULL)`,
      [account, draft.plan, period.end.toISOString()],
    )
    await setAccountPlan(db, account, 'free')
    await db.query(
      `UPDATE billing_profiles SET cancel_at_period_end = false, updated_at = now() WHERE account = $1`,
      [account],
    )
  }
  const to = await recipientsOf(db, account)
  if (to.length > 0) {
    await enqueueOn(db, 'mail__send', [
      {
        to: to[0],
        subject: `Invoice ${number} from TuneTrail Community: ${money(draft.totalCents)}`,
        html: actionEmail({
          heading: `Invoice ${number}`,
          intro: `Your invoice for ${formatPeriod(period)} comes to ${money(draft.totalCents)}.${
            cancelled ? ' As you asked, your plan is now Free.' : ''
          }`,
          action: 'View the invoice',
          url: portalUrl(`/settings/billing/invoices/${id}`),
        }),
      },
    ])
  }
  return { id, number, cancelled }
}

/**
 * Whether Stripe billed the customer for some of the period: a subscription of theirs ran in it
 * (one that ended in it billed its last cycle). Null when Stripe cannot tell us now.
 */
async function isBilledByStripe(customer: string, period: Period): Promise<boolean | null> {
  const start = period.start.getTime() / 1000
  const end = period.end.getTime() / 1000
  try {
    const { data } = await stripeClient().subscriptions.list({
      customer,
      status: 'all',
      limit: 100,
    })
    return data.some(
      (subscription) =>
        subscription.status !== 'incomplete' &&
        subscription.status !== 'incomplete_expired' &&
        subscription.start_date < end &&
        (subscription.ended_at === null || subscription.ended_at > start),
    )
  } catch (err) {
    logger.error({ msg: 'stripe subscriptions unreadable', customer, err: String(err) })
    return null
  }
}

/**
 * Accounts that get an invoice for a period: paying, with a billing profile, or changed in it;
 * not those a Stripe subscription billed in it (Stripe invoices and charges those itself). A
 * Stripe-provider account without one (details saved, a Checkout abandoned, a plan set by
 * staff) is invoiced here, its cancellation applied here; one Stripe cannot be asked about now
 * waits for the next run. Stripe's answer is kept in billing_stripe_periods (the period is
 * over, it stands), so the hourly job asks once per account and period.
 */
async function billableAccounts(db: Queryable, period: Period): Promise<string[]> {
  const { rows } = await db.query<{
    account: string
    customer_ref: string | null
    billed: boolean | null
  }>(
    `SELECT c.account, p.customer_ref, s.billed FROM (
       SELECT account FROM billing_profiles
       UNION SELECT 'u' || id FROM users WHERE plan IN ('starter', 'pro', 'enterprise')
       UNION SELECT 'o' || id FROM organizations WHERE plan IN ('starter', 'pro', 'enterprise')
       UNION SELECT account FROM billing_plan_changes WHERE changed_at >= $1 AND changed_at < $2
       EXCEPT SELECT account FROM invoices WHERE period_start = $1
       EXCEPT SELECT account FROM billing_stripe_periods WHERE period_start = $1 AND billed) AS c
     LEFT JOIN billing_profiles p ON p.account = c.account AND p.provider = 'stripe'
     LEFT JOIN billing_stripe_periods s ON s.account = c.account AND s.period_start = $1
     ORDER BY 1`,
    [period.start.toISOString(), period.end.toISOString()],
  )
  const accounts: string[] = []
  for (const row of rows) {
    if (row.customer_ref && row.billed === null) {
      const billed = await isBilledByStripe(row.customer_ref, period)
      if (billed === null) continue
      await db.query(
        `INSERT INTO billing_stripe_periods (account, period_start, billed) VALUES ($1, $2, $3)
         ON CONFLICT (account, period_start) DO NOTHING`,
        [row.account, period.start.toISOString(), billed],
      )
      if (billed) continue
    }
    accounts.push(row.account)
  }
  return accounts
}

type Client = { query: Queryable['query'] }

/**
 * The worker's billing__invoice: every billable account's invoice for the period that ended
 * before `now`, each in a transaction of its own. Accounts moved to free by a cancellation
 * leave the key caches after commit.
 */
export async function issueInvoices(client: Client, now = new Date()): Promise<number> {
  const period = previousPeriod(now)
  let issued = 0
  for (const account of await billableAccounts(client, period)) {
    await client.query('BEGIN')
    let result: Awaited<ReturnType<typeof issueInvoice>>
    try {
      result = await issueInvoice(client, account, period, now)
      await client.query('COMMIT')
    } catch (err) {
      await client.query('ROLLBACK')
      throw err
    }
    if (result) issued++
    if (result?.cancelled) {
      for (const hash of await accountKeyHashes(client, account)) invalidateKeyHash(hash)
    }
  }
  return issued
}
