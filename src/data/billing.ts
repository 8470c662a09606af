import 'server-only'

import { notFound } from 'next/navigation'

import {
  billingAccountFor,
  billingAccountsOf,
  activeKeysOf,
  type BillingAccount,
} from '@/lib/billing/accounts'
import { isBillingOn } from '@/lib/billing/config'
import { periodOf } from '@/lib/billing/period'
import { ENTERPRISE_STAFF_ONLY } from '@/lib/billing/planChange'
import { profileOf } from '@/lib/billing/profile'
import { billingProvider, type ProviderPreview } from '@/lib/billing/provider'
import { periodUsage } from '@/lib/billing/usage'
import { db } from '@/lib/db'
import { logger } from '@/lib/logger'
import type { Plan } from '@/lib/plans'
import type { Invoice, User } from '@/payload-types'

import { payloadClient } from './session'

/** Billing exists only in the SaaS edition: without BILLING=on every billing page is a 404. */
export function requireBilling(): void {
  if (!isBillingOn()) notFound()
}

/** Everything /settings/billing shows for one account the user may manage (404 otherwise). */
export async function billingPageData(user: User, accountKey: string | undefined, now: Date) {
  const payload = await payloadClient()
  const queryable = await db({ payload })
  const account = await billingAccountFor(queryable, user.id, accountKey)
  if (!account) notFound()
  const period = periodOf(now)
  const provider = billingProvider()
  const [accounts, usage, profile, paymentMethod, invoices] = await Promise.all([
    billingAccountsOf(queryable, user.id),
    periodUsage(queryable, account.key, account.plan, period, now, account.limits),
    profileOf(queryable, account.key),
    provider.paymentMethod(queryable, account.key),
    payload.find({
      collection: 'invoices',
      where: { account: { equals: account.key } },
      sort: '-periodStart',
      limit: 24,
      depth: 0,
      overrideAccess: false,
      user: { ...user, collection: 'users' },
    }),
  ])
  return {
    account,
    accounts,
    period,
    usage,
    profile,
    paymentMethod,
    providerName: provider.name,
    invoices: invoices.docs as Invoice[],
  }
}

/**
 * The change's preview as the provider will charge it and the keys a downgrade would have to
 * revoke; `refusal` instead when the change cannot be made here (an Enterprise account, Stripe
 * out of reach).
 */
export async function changePageData(
  user: User,
  accountKey: string | undefined,
  to: Plan,
  now: Date,
): Promise<
  | { account: BillingAccount; refusal: string; preview?: never; keys?: never }
  | {
      account: BillingAccount
      refusal?: never
      preview: ProviderPreview
      keys: Awaited<ReturnType<typeof activeKeysOf>>
    }
> {
  const queryable = await db({ payload: await payloadClient() })
  const account = await billingAccountFor(queryable, user.id, accountKey)
  if (!account) notFound()
  if (account.plan === 'enterprise') {
    return { account, refusal: ENTERPRISE_STAFF_ONLY.replace(/^plan: /, '') }
  }
  try {
    const [preview, keys] = await Promise.all([
      billingProvider().previewChange(queryable, account.key, account.plan, to, now),
      activeKeysOf(queryable, account.key),
    ])
    return { account, preview, keys }
  } catch (err) {
    logger.error({ msg: 'billing preview failed', account: account.key, err: String(err) })
    return {
      account,
      refusal: 'We could not reach our payment provider to price this change. Try again shortly.',
    }
  }
}

/** One invoice the user may read (access rules apply), or a 404. */
export async function invoiceFor(user: User, id: string): Promise<Invoice> {
  if (!/^\d{1,10}$/.test(id)) notFound()
  const payload = await payloadClient()
  const invoice = await payload
    .findByID({
      collection: 'invoices',
      id: Number(id),
      depth: 0,
      overrideAccess: false,
      user: { ...user, collection: 'users' },
    })
    .catch(() => null)
  if (!invoice) notFound()
  return invoice
}
