import Stripe from 'stripe'

import { env } from '@/lib/env'
import type { Plan } from '@/lib/plans'

let client: Stripe | undefined

/**
 * Stripe's official SDK, on STRIPE_API_URL when set (a local fake in tests: the SDK takes a
 * host, port and protocol), with no retries of its own (a failed call is the user's to retry).
 */
export function stripeClient(): Stripe {
  if (client) return client
  const key = env().STRIPE_SECRET_KEY
  if (!key) throw new Error('STRIPE_SECRET_KEY is not set')
  const base = env().STRIPE_API_URL ? new URL(env().STRIPE_API_URL as string) : null
  client = new Stripe(key, {
    maxNetworkRetries: 0,
    timeout: 15_000,
    telemetry: false,
    ...(base && {
      host: base.hostname,
      port: base.port || (base.protocol === 'https:' ? 443 : 80),
      protocol: base.protocol === 'https:' ? 'https' : 'http',
    }),
  })
  return client
}

/** Forgets the client (tests change STRIPE_API_URL between runs). */
export const resetStripeClient = () => {
  client = undefined
}

/** `starter=price_1,pro=price_2` → the price id of each paid plan. */
export function stripePriceOf(plan: Plan): string | null {
  for (const pair of (env().STRIPE_PRICES ?? '').split(',')) {
    const [name, price] = pair.split('=').map((part) => part.trim())
    if (name === plan && price) return price
  }
  return null
}

/**
 * The signed body of a Stripe webhook, as an event; throws when the signature (over the raw
 * body, with STRIPE_WEBHOOK_SECRET, within Stripe's 5-minute tolerance) does not match.
 */
export function verifyStripeEvent(rawBody: string, signature: string | null): Stripe.Event {
  const secret = env().STRIPE_WEBHOOK_SECRET
  if (!secret) throw new Error('STRIPE_WEBHOOK_SECRET is not set')
  return stripeClient().webhooks.constructEvent(rawBody, signature ?? '', secret)
}

/** Subscription states in which Stripe still bills the customer. */
const LIVE_STATUSES: readonly string[] = ['active', 'trialing', 'past_due', 'unpaid']

/** The customer's subscriptions Stripe still bills (one, unless two Checkouts raced). */
export async function liveSubscriptions(customer: string): Promise<Stripe.Subscription[]> {
  const list = await stripeClient().subscriptions.list({ customer, status: 'all', limit: 10 })
  return list.data.filter((subscription) => LIVE_STATUSES.includes(subscription.status))
}
