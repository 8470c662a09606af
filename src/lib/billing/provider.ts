import { APIError } from 'payload'
import type Stripe from 'stripe'

import type { Queryable } from '@/lib/db'
import { env } from '@/lib/env'
import { logger } from '@/lib/logger'
import { PLAN_LABELS, type Plan } from '@/lib/plans'

import { lockAccountPlan } from './accounts'
import { formatDay, priceOf, type Period } from './period'
import {
  changePlan,
  isPaidPlan,
  previewChange,
  refuseLeavingEnterprise,
  type ChangePreview,
} from './planChange'
import { profileOf, setCustomerRef } from './profile'
import { liveSubscriptions, stripeClient, stripePriceOf } from './stripe'

export type PlanChangeRequest = {
  db: Queryable
  account: string
  accountName: string
  to: string
  revokeKeyIds: number[]
  actorId: number
  email: string
  /** Absolute URL of the billing page, where the provider's pages send the person back. */
  returnUrl: string
}

export type PlanChangeResult =
  { kind: 'applied'; preview: ChangePreview } | { kind: 'redirect'; url: string }

/**
 * A change's preview as the provider collects it: `invoice`, the amount is a line of this
 * period's invoice (calendar month); `card`, Stripe charges it at once and the period is
 * Stripe's billing cycle; `checkout`, Checkout charges the new plan's full month now and its
 * cycle starts then.
 */
export type ProviderPreview = ChangePreview & { collection: 'invoice' | 'card' | 'checkout' }

/**
 * Who takes the money. Every billing action goes through this; `manual` applies plan changes
 * at once and staff mark invoices paid in /admin, `stripe` collects through Checkout and the
 * Customer Portal and applies the change when Stripe's signed webhook confirms it.
 */
export type BillingProvider = {
  name: 'manual' | 'stripe'
  /** What switching `from` → `to` at `now` costs, exactly as this provider will charge it. */
  previewChange: (
    db: Queryable,
    account: string,
    from: Plan,
    to: Plan,
    now: Date,
  ) => Promise<ProviderPreview>
  /** How the account pays, in words for the billing page. */
  paymentMethod: (db: Queryable, account: string) => Promise<string>
  changePlan: (request: PlanChangeRequest) => Promise<PlanChangeResult>
  /** Where the account manages its card and billing details at the provider; null: here. */
  portalUrl: (db: Queryable, account: string, returnUrl: string) => Promise<string | null>
  /**
   * Tells the provider the plan ends at the period's end (or no longer does). `manual`: nothing
   * to tell, its invoice job moves the account to free; `stripe`: the subscription ends there.
   */
  setCancelAtPeriodEnd: (db: Queryable, account: string, cancel: boolean) => Promise<void>
}

export const manualProvider: BillingProvider = {
  name: 'manual',
  previewChange: async (db, account, from, to, now) => ({
    ...(await previewChange(db, account, from, to, now)),
    collection: 'invoice',
  }),
  paymentMethod: async (db, account) =>
    (await profileOf(db, account))?.payment_method ??
    'Invoice: pay by bank transfer; we mark the invoice paid once the money arrives.',
  changePlan: async (request) => ({
    kind: 'applied',
    preview: await changePlan(request.db, {
      account: request.account,
      to: request.to,
      revokeKeyIds: request.revokeKeyIds,
      actorId: request.actorId,
    }),
  }),
  portalUrl: async () => null,
  setCancelAtPeriodEnd: async () => {},
}

async function ensureCustomer(request: PlanChangeRequest): Promise<string> {
  const profile = await profileOf(request.db, request.account)
  if (profile?.customer_ref) return profile.customer_ref
  const customer = await stripeClient().customers.create(
    {
      email: profile?.email ?? request.email,
      name: profile?.legal_name ?? request.accountName,
      metadata: { account: request.account },
    },
    { idempotencyKey: `tt-customer-${request.account}` },
  )
  await setCustomerRef(request.db, request.account, customer.id)
  return customer.id
}

/** A call to Stripe whose refusal is the person's to see (a declined card: 402), never a 500. */
async function atStripe(call: () => Promise<void>): Promise<void> {
  try {
    await call()
  } catch (err) {
    const { type, message } = err as { type?: string; message?: string }
    throw new APIError(
      type === 'StripeCardError'
        ? `Your card was declined: ${message}`
        : 'Stripe could not change the subscription; nothing changed. Try again shortly.',
      type === 'StripeCardError' ? 402 : 502,
      undefined,
      true,
    )
  }
}

/** The account's subscription Stripe is billing, if any (at most one: changes update it). */
async function liveSubscription(db: Queryable, account: string) {
  const profile = await profileOf(db, account)
  if (!profile?.customer_ref) return null
  return (await liveSubscriptions(profile.customer_ref))[0] ?? null
}

/** The subscription's current billing cycle at Stripe (from its item: API 2025-03-31 on). */
export function cycleOf(subscription: Stripe.Subscription): Period {
  const item = subscription.items.data[0]
  return {
    start: new Date(item.current_period_start * 1000),
    end: new Date(item.current_period_end * 1000),
  }
}

/** A month after `at`, as Stripe anchors a new monthly cycle (the 31st → the month's last day). */
function monthAfter(at: Date): Date {
  const next = new Date(at)
  next.setUTCDate(1)
  next.setUTCMonth(next.getUTCMonth() + 1)
  const last = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate()
  next.setUTCDate(Math.min(at.getUTCDate(), last))
  return next
}

/**
 * Clears away an unpaid invoice of a change that failed: a draft is deleted, an open one voided
 * (it charged nothing); a paid one is left alone. Returns the status Stripe last reported (null:
 * unknown). Never throws: the caller's error is the one the person sees.
 */
async function discardUnpaid(invoiceId: string): Promise<string | null> {
  const stripe = stripeClient()
  let status: string | null = null
  try {
    status = (await stripe.invoices.retrieve(invoiceId)).status
    if (status === 'draft') await stripe.invoices.del(invoiceId)
    if (status === 'open') await stripe.invoices.voidInvoice(invoiceId)
  } catch (err) {
    logger.error({
      msg: 'stripe invoice of a failed plan change not cleared',
      invoice: invoiceId,
      status,
      err: String(err),
    })
  }
  return status
}

/**
 * Charges the customer `preview.prorationCents` now, on an invoice of its own paid with the card
 * on file: what the page showed is what Stripe takes (Stripe's own proration would count from
 * the subscription's current price and credit the unused time). Each call carries an
 * idempotency key naming this plan change (`changeId`, the billing_plan_changes row: a new
 * attempt is a new row), so a repeated request is the same request at Stripe. When `pay` fails
 * the invoice decides: paid (the answer was lost, e.g. a timeout) is a success; an unpaid one is
 * voided and the pay error stands (a declined card stays the person's 402).
 */
async function chargeNow(
  customer: string,
  account: string,
  preview: ChangePreview,
  changeId: number,
) {
  const stripe = stripeClient()
  const key = `tt-plan-change-${account}-${changeId}`
  const invoice = await stripe.invoices.create(
    {
      customer,
      collection_method: 'charge_automatically',
      auto_advance: false,
      pending_invoice_items_behavior: 'exclude',
      metadata: { account, plan: preview.to },
    },
    { idempotencyKey: `${key}-invoice` },
  )
  const invoiceId = invoice.id as string
  try {
    await stripe.invoiceItems.create(
      {
        customer,
        invoice: invoiceId,
        amount: preview.prorationCents,
        currency: 'usd',
        description: `${PLAN_LABELS[preview.from]} → ${PLAN_LABELS[preview.to]}, prorated to ${formatDay(preview.period.end)}`,
      },
      { idempotencyKey: `${key}-item` },
    )
    await stripe.invoices.finalizeInvoice(invoiceId, { auto_advance: false })
  } catch (err) {
    await discardUnpaid(invoiceId)
    throw err
  }
  try {
    await stripe.invoices.pay(invoiceId, {}, { idempotencyKey: `${key}-pay` })
  } catch (err) {
    if ((await discardUnpaid(invoiceId)) === 'paid') {
      logger.warn({
        msg: 'stripe pay call failed but the invoice is paid: plan change kept',
        invoice: invoiceId,
        account,
        err: String(err),
      })
      return
    }
    throw err
  }
}

export const stripeProvider: BillingProvider = {
  name: 'stripe',
  previewChange: async (db, account, from, to, now) => {
    const subscription = await liveSubscription(db, account)
    if (subscription) {
      return {
        ...(await previewChange(db, account, from, to, now, cycleOf(subscription))),
        collection: 'card',
      }
    }
    const preview = await previewChange(db, account, from, to, now)
    if (!isPaidPlan(to)) return { ...preview, collection: 'invoice' }
    // Checkout starts a subscription: the new plan's full month now, its cycle from today.
    return {
      ...preview,
      period: { start: now, end: monthAfter(now) },
      prorationCents: priceOf(to),
      remaining: 1,
      collection: 'checkout',
    }
  },
  paymentMethod: async (db, account) =>
    (await profileOf(db, account))?.payment_method ??
    'Card through Stripe: add or change it in the Stripe customer portal.',
  changePlan: async (request) => {
    const price = isPaidPlan(request.to) ? stripePriceOf(request.to as Plan) : null
    if (isPaidPlan(request.to) && !price) {
      throw new APIError(
        `The ${PLAN_LABELS[request.to as Plan]} plan has no Stripe price configured (STRIPE_PRICES).`,
        503,
        undefined,
        true,
      )
    }
    // Enterprise is left through staff only: no Checkout, no change at Stripe.
    refuseLeavingEnterprise(await lockAccountPlan(request.db, request.account))
    const subscription = await liveSubscription(request.db, request.account)
    if (subscription) {
      // A running subscription changes in place (never a second one): the change applies here
      // first (refusals, the key choice, the amount over Stripe's cycle), then at Stripe; a
      // Stripe error rolls it back.
      const preview = await changePlan(request.db, {
        account: request.account,
        to: request.to,
        revokeKeyIds: request.revokeKeyIds,
        actorId: request.actorId,
        period: cycleOf(subscription),
      })
      // The row changePlan just wrote (the account's plan is locked): it names this attempt.
      const { rows } = await request.db.query<{ id: number }>(
        'SELECT id FROM billing_plan_changes WHERE account = $1 ORDER BY id DESC LIMIT 1',
        [request.account],
      )
      const changeId = rows[0].id
      const customer =
        typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id
      const item = subscription.items.data[0]
      await atStripe(async () => {
        if (!price) {
          // Free: the subscription ends now, crediting nothing (like every downgrade).
          await stripeClient().subscriptions.cancel(subscription.id, { prorate: false })
          return
        }
        // Stripe prorates nothing itself: the new price from the next cycle, and the amount the
        // preview showed (the difference over what this cycle is paid at) charged now.
        await stripeClient().subscriptions.update(subscription.id, {
          items: [{ id: item.id, price }],
          proration_behavior: 'none',
          cancel_at_period_end: false,
          metadata: { account: request.account, plan: request.to },
        })
        if (preview.prorationCents === 0) return
        try {
          await chargeNow(customer, request.account, preview, changeId)
        } catch (err) {
          // Unpaid: the subscription goes back to the price it had, as the plan does here.
          await stripeClient()
            .subscriptions.update(subscription.id, {
              items: [{ id: item.id, price: item.price.id }],
              proration_behavior: 'none',
              metadata: { account: request.account, plan: preview.from },
            })
            .catch((revertError: unknown) => {
              logger.error({
                msg: 'stripe subscription not reverted after a failed charge',
                subscription: subscription.id,
                err: String(revertError),
              })
            })
          throw err
        }
      })
      return { kind: 'applied', preview }
    }
    // Moving to free with nothing running at Stripe collects nothing: it applies here.
    if (!price) return manualProvider.changePlan(request)
    const customer = await ensureCustomer(request)
    const session = await stripeClient().checkout.sessions.create({
      mode: 'subscription',
      customer,
      client_reference_id: request.account,
      line_items: [{ price, quantity: 1 }],
      metadata: {
        account: request.account,
        plan: request.to,
        revokeKeyIds: request.revokeKeyIds.join(','),
        actorId: String(request.actorId),
      },
      success_url: `${request.returnUrl}${request.returnUrl.includes('?') ? '&' : '?'}checkout=done`,
      cancel_url: request.returnUrl,
    })
    if (!session.url)
      throw new APIError('Stripe did not return a checkout page.', 502, undefined, true)
    return { kind: 'redirect', url: session.url }
  },
  portalUrl: async (db, account, returnUrl) => {
    const profile = await profileOf(db, account)
    if (!profile?.customer_ref) return null
    const session = await stripeClient().billingPortal.sessions.create({
      customer: profile.customer_ref,
      return_url: returnUrl,
    })
    return session.url
  },
  setCancelAtPeriodEnd: async (db, account, cancel) => {
    const subscription = await liveSubscription(db, account)
    if (!subscription) return
    // At the period's end Stripe ends it and its customer.subscription.deleted moves us to free.
    await atStripe(async () => {
      await stripeClient().subscriptions.update(subscription.id, { cancel_at_period_end: cancel })
    })
  },
}

export const billingProvider = (): BillingProvider =>
  env().BILLING_PROVIDER === 'stripe' ? stripeProvider : manualProvider
