import { APIError } from 'payload'

import type { Queryable } from '@/lib/db'
import { env } from '@/lib/env'
import { PLAN_LABELS, type Plan } from '@/lib/plans'

import { priceOf } from './period'
import { changePlan, isPaidPlan, type ChangePreview } from './planChange'
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
 * Who takes the money. Every billing action goes through this; `manual` applies plan changes
 * at once and staff mark invoices paid in /admin, `stripe` collects through Checkout and the
 * Customer Portal and applies the change when Stripe's signed webhook confirms it.
 */
export type BillingProvider = {
  name: 'manual' | 'stripe'
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

export const stripeProvider: BillingProvider = {
  name: 'stripe',
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
    const subscription = await liveSubscription(request.db, request.account)
    if (subscription) {
      // A running subscription changes in place (never a second one): the change applies here
      // first (refusals and the key choice), then at Stripe; a Stripe error rolls it back.
      const preview = await changePlan(request.db, {
        account: request.account,
        to: request.to,
        revokeKeyIds: request.revokeKeyIds,
        actorId: request.actorId,
      })
      const isUpgrade = priceOf(preview.to) > priceOf(preview.from)
      await atStripe(async () => {
        if (!price) {
          // Free: the subscription ends now, crediting nothing (like every downgrade).
          await stripeClient().subscriptions.cancel(subscription.id, { prorate: false })
          return
        }
        await stripeClient().subscriptions.update(subscription.id, {
          items: [{ id: subscription.items.data[0].id, price }],
          // As here: an upgrade pays its difference at once, a downgrade credits nothing.
          proration_behavior: isUpgrade ? 'always_invoice' : 'none',
          // An upgrade whose payment fails is refused (and rolled back here), not left unpaid.
          ...(isUpgrade && { payment_behavior: 'error_if_incomplete' as const }),
          cancel_at_period_end: false,
          metadata: { account: request.account, plan: request.to },
        })
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
