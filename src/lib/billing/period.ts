import { PLAN_PRICES_CENTS, type Plan } from '@/lib/plans'

/** A billing period: calendar months in UTC, [start, end). */
export type Period = { start: Date; end: Date }

export function periodOf(at: Date): Period {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1))
  const end = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1))
  return { start, end }
}

/** The period before the one `at` falls in. */
export const previousPeriod = (at: Date): Period =>
  periodOf(new Date(periodOf(at).start.getTime() - 1))

export const priceOf = (plan: Plan) => PLAN_PRICES_CENTS[plan] ?? 0

/** Share of the period still ahead at `at` (1 at its start, 0 at its end). */
export function remainingShare(period: Period, at: Date): number {
  const length = period.end.getTime() - period.start.getTime()
  const left = Math.min(Math.max(period.end.getTime() - at.getTime(), 0), length)
  return left / length
}

/**
 * What a plan change at `at` costs, in cents: an upgrade pays the new price's difference over
 * what the period is paid for already (`paidCents` a month: the plan it started on, or a higher
 * one upgraded to earlier in it) for the rest of the period; a downgrade applies at once and
 * credits nothing, so an upgrade undone in the same period still pays for the time it had the
 * higher limits. The preview, the invoice line (manual) and the charge (Stripe, whose billing
 * cycle is the `period`) are this one number.
 */
export function prorate(
  from: Plan,
  to: Plan,
  at: Date,
  paidCents = priceOf(from),
  period = periodOf(at),
): number {
  const owed = priceOf(to) - Math.max(paidCents, priceOf(from))
  return owed > 0 ? Math.round(owed * remainingShare(period, at)) : 0
}

export const money = (cents: number) =>
  `${cents < 0 ? '−' : ''}$${(Math.abs(cents) / 100).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`

const day = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' })
export const formatDay = (date: Date | string) => day.format(new Date(date))
/** "Dec 1 – Dec 31, 2026": the period's last day is the day before its end. */
export const formatPeriod = (period: Period) =>
  `${formatDay(period.start)} – ${formatDay(new Date(period.end.getTime() - 86_400_000))}`
