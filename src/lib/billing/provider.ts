import { APIError } from 'payload'

import type { Queryable } from '@/lib/db'
import { env } from '@/lib/env'
import { PLAN_LABELS, type Plan } from '@/lib/plans'

import { changePlan, isPaidPlan, type ChangePreview } from './planChange'
import { profileOf, setCustomerRef } from './profile'
import { stripeClient, stripePriceOf } from './stripe'

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

export const stripeProvider: BillingProvider = {
  name: 'stripe',
  paymentMethod: async (db, account) =>
    (await profileOf(db, account))?.payment_method ??
    'Card through Stripe: add or change it in the Stripe customer portal.',
  changePlan: async (request) => {
    // Moving to free collects nothing: it applies here (the subscription ends in the portal).
    if (!isPaidPlan(request.to)) return manualProvider.changePlan(request)
    const price = stripePriceOf(request.to as Plan)
    if (!price) {
      throw new APIError(
        `The ${PLAN_LABELS[request.to as Plan]} plan has no Stripe price configured (STRIPE_PRICES).`,
        503,
        undefined,
        true,
      )
    }
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
}

export const billingProvider = (): BillingProvider =>
  env().BILLING_PROVIDER === 'stripe' ? stripeProvider : manualProvider
