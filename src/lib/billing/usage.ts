import { limitsFor, type LimitValues } from '@/fields/limitsField'
import type { Queryable } from '@/lib/db'
import { effectiveLimits, type Plan, type Resource } from '@/lib/plans'

import type { Period } from './period'

export const BILLED_RESOURCES: Resource[] = ['api_calls', 'audio_processing', 'model_training']

export type ResourceUsage = {
  resource: Resource
  used: number
  /** What the plan allows over the whole period; null: no limit (enterprise without one). */
  quota: number | null
  /** Where the period ends at today's pace. */
  projected: number
}

/**
 * The period's quota of a resource from the plan's windows (tightened by contract limits): the
 * monthly window when there is one, else the daily (or hourly) one times the period's length.
 */
export function periodQuota(
  plan: Plan,
  resource: Resource,
  period: Period,
  contract: LimitValues = {},
): number | null {
  const limits = effectiveLimits(plan, resource, limitsFor(contract, resource))
  const days = Math.round((period.end.getTime() - period.start.getTime()) / 86_400_000)
  if (limits.month !== undefined) return limits.month
  if (limits.day !== undefined) return limits.day * days
  if (limits.hour !== undefined) return limits.hour * 24 * days
  if (limits.minute !== undefined) return limits.minute * 1440 * days
  return null
}

/** Straight-line projection of `used` (so far at `now`) to the period's end. */
export function project(used: number, period: Period, now: Date): number {
  const length = period.end.getTime() - period.start.getTime()
  const elapsed = Math.min(Math.max(now.getTime() - period.start.getTime(), 0), length)
  if (elapsed < 3_600_000) return used
  return Math.round((used * length) / elapsed)
}

/**
 * Metered use of an account in a period from the verifier's events: every allowed verification
 * is an API call; audio processing and training count their cost.
 */
export async function periodUsage(
  db: Queryable,
  account: string,
  plan: Plan,
  period: Period,
  now: Date,
  contract: LimitValues = {},
): Promise<ResourceUsage[]> {
  const to = now < period.end ? now : period.end
  const { rows } = await db.query<{ calls: string; audio: string; training: string }>(
    `SELECT count(*) AS calls,
            COALESCE(sum(COALESCE(cost, 1)) FILTER (WHERE resource = 'audio_processing'), 0) AS audio,
            COALESCE(sum(COALESCE(cost, 1)) FILTER (WHERE resource = 'model_training'), 0) AS training
       FROM usage_events
      WHERE account = $1 AND kind = 'verify' AND code = 'VALID'
        AND occurred_at >= $2 AND occurred_at < $3`,
    [account, period.start.toISOString(), to.toISOString()],
  )
  const used: Record<Resource, number> = {
    api_calls: Number(rows[0]?.calls ?? 0),
    audio_processing: Number(rows[0]?.audio ?? 0),
    model_training: Number(rows[0]?.training ?? 0),
  }
  return BILLED_RESOURCES.map((resource) => ({
    resource,
    used: used[resource],
    quota: periodQuota(plan, resource, period, contract),
    projected: now < period.end ? project(used[resource], period, now) : used[resource],
  }))
}
