import { APIError } from 'payload'

import type { Queryable } from '@/lib/db'
import { MAX_ACTIVE_KEYS, PLAN_LABELS, PLANS, SELF_SERVE_PLANS, type Plan } from '@/lib/plans'

import { activeKeysOf, lockAccountPlan, setAccountPlan } from './accounts'
import { periodOf, priceOf, prorate, remainingShare, type Period } from './period'

export type ChangePreview = {
  from: Plan
  to: Plan
  period: Period
  /** Added to this period's invoice, in cents (0 for a downgrade: it credits nothing). */
  prorationCents: number
  /** Share of the period left, 0..1. */
  remaining: number
  /** The new plan's monthly price from the next period on. */
  nextPeriodCents: number
  /** Active keys over the new plan's cap: this many must be revoked first. */
  keysOverCap: number
  keyCap: number
}

const isSelfServe = (plan: string): plan is Plan =>
  (SELF_SERVE_PLANS as readonly string[]).includes(plan)

/**
 * What switching `from` → `to` at `now` costs, and what it asks of the account's keys. The
 * period is the calendar month (invoiced here) or the provider's billing cycle (Stripe).
 */
export async function previewChange(
  db: Queryable,
  account: string,
  from: Plan,
  to: Plan,
  now = new Date(),
  period = periodOf(now),
): Promise<ChangePreview> {
  const keys = await activeKeysOf(db, account)
  // The monthly price the rest of the period is paid at: the plan it started on, or the highest
  // one an earlier change in it moved to (each upgrade paid its difference to the period's end).
  const { rows: changes } = await db.query<{ from_plan: Plan; to_plan: Plan }>(
    `SELECT from_plan, to_plan FROM billing_plan_changes
      WHERE account = $1 AND changed_at >= $2 AND changed_at <= $3 ORDER BY changed_at, id`,
    [account, period.start.toISOString(), now.toISOString()],
  )
  const paidCents = Math.max(
    priceOf(changes[0]?.from_plan ?? from),
    ...changes.map((change) => priceOf(change.to_plan)),
  )
  return {
    from,
    to,
    period,
    prorationCents: prorate(from, to, now, paidCents, period),
    remaining: remainingShare(period, now),
    nextPeriodCents: priceOf(to),
    keysOverCap: Math.max(0, keys.length - MAX_ACTIVE_KEYS[to]),
    keyCap: MAX_ACTIVE_KEYS[to],
  }
}

const refuse = (message: string, status = 400) => new APIError(message, status, undefined, true)

export const ENTERPRISE_STAFF_ONLY =
  'plan: Enterprise plans are changed by TuneTrail staff; contact sales@tunetrail.dev to change yours.'

/**
 * Enterprise is priced by contract and set by staff: a member moving away from it (a plan
 * change, a cancellation at the period's end) is refused, whatever the door.
 */
export function refuseLeavingEnterprise(plan: string | null): void {
  if (plan === 'enterprise') throw refuse(ENTERPRISE_STAFF_ONLY, 403)
}

/**
 * Switches an account's plan now (the manual provider; the stripe provider calls it once
 * Checkout has completed). Run in a transaction: the plan, the proration record and any key
 * revocations commit together. A downgrade past the new plan's key cap needs `revokeKeyIds`
 * naming enough of the account's active keys (409 otherwise). Returns the preview it applied.
 */
export async function changePlan(
  db: Queryable,
  options: {
    account: string
    to: string
    revokeKeyIds?: number[]
    actorId: number | null
    now?: Date
    /** Staff and provider webhooks may set any plan; the page only self-serve ones. */
    allowAnyPlan?: boolean
    /**
     * False when the change is not the account's choice (its subscription ended at the
     * provider): keys over the cap stay, and no new one can be made until it is under.
     */
    isKeyCapEnforced?: boolean
    /** The billing period the change is prorated over: Stripe's cycle; the calendar month here. */
    period?: Period
  },
): Promise<ChangePreview> {
  const now = options.now ?? new Date()
  const to = options.to
  const allowed: readonly string[] = options.allowAnyPlan ? PLANS : SELF_SERVE_PLANS
  if (!allowed.includes(to)) {
    throw refuse(
      to === 'enterprise'
        ? 'Enterprise is set up by our team: contact sales and we set your plan and limits.'
        : `plan: choose one of ${SELF_SERVE_PLANS.join(', ')}.`,
    )
  }
  const from = await lockAccountPlan(db, options.account)
  if (!from) throw refuse('This account does not exist.', 404)
  if (!options.allowAnyPlan) refuseLeavingEnterprise(from)
  if (from === to) throw refuse(`plan: this account is on ${PLAN_LABELS[from]} already.`, 409)
  const preview = await previewChange(db, options.account, from, to as Plan, now, options.period)
  if (preview.keysOverCap > 0 && options.isKeyCapEnforced !== false) {
    const active = new Set((await activeKeysOf(db, options.account)).map((key) => key.id))
    const chosen = [...new Set(options.revokeKeyIds ?? [])]
    if (chosen.some((id) => !active.has(id))) {
      throw refuse('revokeKeyIds: choose among this account’s active keys.', 400)
    }
    if (chosen.length < preview.keysOverCap) {
      throw refuse(
        `The ${PLAN_LABELS[to as Plan]} plan allows ${preview.keyCap} active keys: choose ${preview.keysOverCap} to revoke.`,
        409,
      )
    }
    await db.query(
      `UPDATE api_keys SET status = 'revoked', revoked_at = $2, revoked_by_id = $3, updated_at = now()
        WHERE id = ANY($1::int[])`,
      [chosen, now.toISOString(), options.actorId],
    )
  }
  await setAccountPlan(db, options.account, to as Plan)
  await db.query(
    `INSERT INTO billing_plan_changes
       (account, from_plan, to_plan, changed_at, period_start, amount_cents, actor_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      options.account,
      from,
      to,
      now.toISOString(),
      preview.period.start.toISOString(),
      preview.prorationCents,
      options.actorId,
    ],
  )
  // A change of plan replaces a cancellation that was waiting for the period's end.
  await db.query(
    `UPDATE billing_profiles SET cancel_at_period_end = false, cancel_reason = NULL,
            cancel_requested_at = NULL, updated_at = now() WHERE account = $1`,
    [options.account],
  )
  return preview
}

export const isPaidPlan = (plan: string) => isSelfServe(plan) && priceOf(plan) > 0
