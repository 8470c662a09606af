import type { Queryable } from '@/lib/db'

import { lockAccountPlan } from './accounts'
import { refuseLeavingEnterprise } from './planChange'

/** Who is invoiced and how they pay, per account (`u12` / `o3`). */
export type BillingProfile = {
  account: string
  provider: 'manual' | 'stripe'
  customer_ref: string | null
  legal_name: string | null
  email: string | null
  address: string | null
  country: string | null
  tax_id: string | null
  payment_method: string | null
  cancel_at_period_end: boolean
  cancel_reason: string | null
  cancel_requested_at: Date | null
}

export async function profileOf(db: Queryable, account: string): Promise<BillingProfile | null> {
  const { rows } = await db.query<BillingProfile>(
    `SELECT account, provider, customer_ref, legal_name, email, address, country, tax_id,
            payment_method, cancel_at_period_end, cancel_reason, cancel_requested_at
       FROM billing_profiles WHERE account = $1`,
    [account],
  )
  return rows[0] ?? null
}

export type BillingDetails = {
  legalName: string
  email: string
  address: string | null
  country: string | null
  taxId: string | null
}

export async function saveDetails(
  db: Queryable,
  account: string,
  details: BillingDetails,
  provider: 'manual' | 'stripe',
): Promise<void> {
  await db.query(
    `INSERT INTO billing_profiles (account, provider, legal_name, email, address, country, tax_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (account) DO UPDATE
        SET legal_name = $3, email = $4, address = $5, country = $6, tax_id = $7, updated_at = now()`,
    [
      account,
      provider,
      details.legalName,
      details.email,
      details.address,
      details.country,
      details.taxId,
    ],
  )
}

/**
 * Cancels the paid plan at the period's end (the invoice job moves it to free then, or Stripe
 * ends the subscription). Enterprise is left by contract with staff: refused (403).
 */
export async function cancelAtPeriodEnd(
  db: Queryable,
  account: string,
  reason: string,
  provider: 'manual' | 'stripe',
  now = new Date(),
): Promise<void> {
  refuseLeavingEnterprise(await lockAccountPlan(db, account))
  await db.query(
    `INSERT INTO billing_profiles (account, provider, cancel_at_period_end, cancel_reason, cancel_requested_at)
     VALUES ($1, $2, true, $3, $4)
     ON CONFLICT (account) DO UPDATE
        SET cancel_at_period_end = true, cancel_reason = $3, cancel_requested_at = $4, updated_at = now()`,
    [account, provider, reason, now.toISOString()],
  )
}

export async function resumePlan(db: Queryable, account: string): Promise<void> {
  await db.query(
    `UPDATE billing_profiles SET cancel_at_period_end = false, cancel_reason = NULL,
            cancel_requested_at = NULL, updated_at = now() WHERE account = $1`,
    [account],
  )
}

export async function setCustomerRef(
  db: Queryable,
  account: string,
  customerRef: string,
  paymentMethod: string | null = null,
): Promise<void> {
  await db.query(
    `INSERT INTO billing_profiles (account, provider, customer_ref, payment_method)
     VALUES ($1, 'stripe', $2, $3)
     ON CONFLICT (account) DO UPDATE
        SET provider = 'stripe', customer_ref = $2,
            payment_method = COALESCE($3, billing_profiles.payment_method), updated_at = now()`,
    [account, customerRef, paymentMethod],
  )
}
