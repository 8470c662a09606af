import type Stripe from 'stripe'

import type { Queryable } from '@/lib/db'
import { logger } from '@/lib/logger'
import type { Plan } from '@/lib/plans'

import { accountKeyHashes, lockAccountPlan } from './accounts'
import { changePlan } from './planChange'
import { setCustomerRef } from './profile'
import { cycleOf } from './provider'
import { liveSubscriptions, stripeClient, stripePriceOf } from './stripe'

export type StripeOutcome = { account: string | null; applied: string }

/** Checkout states in which the money is in (or none was due): only then does a plan change. */
const SETTLED: readonly string[] = ['paid', 'no_payment_required']

/**
 * Applies one verified Stripe event (in the caller's transaction), once: its id is recorded in
 * stripe_events with what it changed, so a replayed or retried delivery changes nothing more.
 * A paid Checkout (completed, or its delayed payment succeeded) moves the account to the plan
 * it paid for, a plan change's own paid invoice (`invoice.paid` with our metadata) makes sure
 * that plan is applied, a subscription that ended moves it to free. Returns the account whose keys must
 * leave the caches, if any. Other events are acknowledged and ignored.
 */
export async function applyStripeEvent(db: Queryable, event: Stripe.Event): Promise<StripeOutcome> {
  const { rows: fresh } = await db.query(
    `INSERT INTO stripe_events (id, type) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [event.id, event.type],
  )
  if (fresh.length === 0) return { account: null, applied: 'duplicate' }
  if (
    event.type === 'checkout.session.completed' ||
    event.type === 'checkout.session.async_payment_succeeded'
  ) {
    const session = event.data.object
    const account = session.metadata?.account ?? session.client_reference_id ?? null
    const plan = session.metadata?.plan
    if (!account || !plan) return { account: null, applied: 'ignored: no account or plan' }
    // A delayed payment (bank debit) completes unpaid: its async_payment_succeeded upgrades.
    if (!SETTLED.includes(session.payment_status)) {
      return { account: null, applied: `ignored: not paid (${session.payment_status})` }
    }
    if (typeof session.customer === 'string') {
      await setCustomerRef(db, account, session.customer)
      const kept =
        typeof session.subscription === 'string' ? session.subscription : session.subscription?.id
      // Plan changes update the running subscription, but two Checkouts opened side by side
      // can both complete: the newest one stays, any other ends now (no credit, as downgrades).
      if (kept) {
        for (const other of await liveSubscriptions(session.customer)) {
          if (other.id !== kept)
            await stripeClient().subscriptions.cancel(other.id, { prorate: false })
        }
      }
    }
    if ((await lockAccountPlan(db, account)) === plan)
      return { account, applied: 'already on plan' }
    const revokeKeyIds = (session.metadata?.revokeKeyIds ?? '')
      .split(',')
      .filter(Boolean)
      .map(Number)
      .filter(Number.isSafeInteger)
    await changePlan(db, {
      account,
      to: plan,
      revokeKeyIds,
      actorId: Number(session.metadata?.actorId) || null,
    })
    return { account, applied: `plan ${plan}` }
  }
  if (event.type === 'invoice.paid') {
    // The one-off invoice of a plan change (provider.ts, chargeNow): Stripe has the money, so the
    // account gets the plan even when the change's own commit here was lost after the charge.
    const invoice = event.data.object
    const account = invoice.metadata?.account
    const plan = invoice.metadata?.plan
    if (!account || !plan) return { account: null, applied: 'ignored: not a plan change' }
    const current = await lockAccountPlan(db, account)
    if (!current) return { account: null, applied: 'ignored: unknown account' }
    if (current === plan) return { account, applied: 'already on plan' }
    // The change is recorded before its invoice is made: any change recorded since is newer
    // than this one (a late delivery) and stands.
    const { rows } = await db.query(
      'SELECT 1 FROM billing_plan_changes WHERE account = $1 AND changed_at >= $2 LIMIT 1',
      [account, new Date(invoice.created * 1000).toISOString()],
    )
    if (rows.length > 0) return { account: null, applied: 'ignored: plan changed since' }
    const customer = typeof invoice.customer === 'string' ? invoice.customer : invoice.customer?.id
    const subscription = customer ? (await liveSubscriptions(customer))[0] : undefined
    const price = stripePriceOf(plan as Plan)
    const item = subscription?.items.data[0]
    if (subscription && item && price && item.price.id !== price) {
      // The failed change put the subscription back on its old price: the paid one from now on.
      await stripeClient().subscriptions.update(subscription.id, {
        items: [{ id: item.id, price }],
        proration_behavior: 'none',
        metadata: { account, plan },
      })
    }
    await changePlan(db, {
      account,
      to: plan,
      actorId: null,
      isKeyCapEnforced: false,
      ...(subscription && { period: cycleOf(subscription) }),
    })
    return { account, applied: `plan ${plan}` }
  }
  if (event.type === 'customer.subscription.deleted') {
    const subscription = event.data.object
    const customer =
      typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id
    const { rows } = await db.query<{ account: string }>(
      'SELECT account FROM billing_profiles WHERE customer_ref = $1',
      [customer],
    )
    const account = rows[0]?.account
    if (!account) return { account: null, applied: 'ignored: unknown customer' }
    if ((await lockAccountPlan(db, account)) === 'free') return { account, applied: 'already free' }
    // One ended that a newer Checkout replaced: the plan lives on with the running one.
    if ((await liveSubscriptions(customer)).some((other) => other.id !== subscription.id)) {
      return { account, applied: 'ignored: another subscription is running' }
    }
    await changePlan(db, {
      account,
      to: 'free',
      actorId: null,
      allowAnyPlan: true,
      isKeyCapEnforced: false,
    })
    return { account, applied: 'plan free' }
  }
  logger.info({ msg: 'stripe event ignored', type: event.type })
  return { account: null, applied: 'ignored' }
}

export { accountKeyHashes }
