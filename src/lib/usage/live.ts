import type { Pool } from 'pg'

import { limitsFor, type LimitValues } from '@/fields/limitsField'

import { parseAccountKey } from '../accounts'
import { usageKey, windowKey } from '../keys/limiter'
import { logger } from '../logger'
import { effectiveLimits, WINDOW_MS, type Plan, type Resource, type Window } from '../plans'
import type { RedisStore } from '../redis'
import { outcomeGroup } from './outcomes'

const RESOURCES: Resource[] = ['api_calls', 'audio_processing', 'model_training']
const WINDOWS: Window[] = ['minute', 'hour', 'day', 'month']

/** One window the limiter counts for an account, with what it has used so far. */
export type UsageWindow = {
  resource: Resource
  window: Window
  limit: number
  /** The limiter's counter for this window; null when Redis did not answer. */
  used: number | null
  /** `limit - used`, what the next verification answers as `remaining` (before its own cost). */
  remaining: number | null
  resetsAt: string
}

/** An account's usage right now, from the limiter's own Redis counters. */
export type AccountUsage = {
  account: string
  plan: Plan
  windows: UsageWindow[]
  /**
   * Today's metered calls (UTC day): allowed, and refused by a limit; null when Redis did not
   * answer. Calls refused for the key itself never reach the limiter and are not counted here.
   */
  today: { allowed: number; limited: number } | null
}

const LIMIT_COLUMNS: Record<keyof LimitValues, string> = {
  apiCallsPerMinute: 'limits_api_calls_per_minute',
  apiCallsPerHour: 'limits_api_calls_per_hour',
  apiCallsPerDay: 'limits_api_calls_per_day',
  audioProcessingPerDay: 'limits_audio_processing_per_day',
  modelTrainingPerMonth: 'limits_model_training_per_month',
}

/** An account's plan and contract limits (organizations only), or null when it does not exist. */
async function loadAccountPlan(
  pool: Pick<Pool, 'query'>,
  account: string,
): Promise<{ plan: Plan; limits: LimitValues } | null> {
  const parsed = parseAccountKey(account)
  if (!parsed) return null
  if (parsed.owner) {
    const { rows } = await pool.query(`SELECT plan::text AS plan FROM users WHERE id = $1`, [
      parsed.owner,
    ])
    return rows[0] ? { plan: (rows[0].plan ?? 'free') as Plan, limits: {} } : null
  }
  const { rows } = await pool.query(
    `SELECT plan::text AS plan, ${Object.values(LIMIT_COLUMNS).join(', ')}
       FROM organizations WHERE id = $1`,
    [parsed.organization],
  )
  const row = rows[0] as Record<string, unknown> | undefined
  if (!row) return null
  const limits: LimitValues = {}
  for (const [name, column] of Object.entries(LIMIT_COLUMNS)) {
    if (row[column] !== null && row[column] !== undefined) {
      limits[name as keyof LimitValues] = Number(row[column])
    }
  }
  return { plan: (row.plan ?? 'free') as Plan, limits }
}

/**
 * The account-wide windows the verifier checks for this plan (the plan's limits tightened by the
 * organization's contract), in the order the dashboard shows them. An absent window is unlimited.
 */
export function accountWindows(plan: Plan, contract: LimitValues) {
  const windows: { resource: Resource; window: Window; limit: number }[] = []
  for (const resource of RESOURCES) {
    const limits = effectiveLimits(plan, resource, limitsFor(contract, resource))
    for (const window of WINDOWS) {
      const limit = limits[window]
      if (limit !== undefined) windows.push({ resource, window, limit })
    }
  }
  return windows
}

const REDIS_TIMEOUT_MS = 750

/** Reads Redis with a deadline: null (logged) when it is down or slow, never a throw. */
async function withDeadline<T>(read: Promise<T>, what: string): Promise<T | null> {
  read.catch(() => undefined)
  try {
    const value = await Promise.race([
      read,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), REDIS_TIMEOUT_MS)),
    ])
    if (value === null) logger.warn({ msg: `${what}: Redis did not answer in time` })
    return value
  } catch (err) {
    logger.warn({ msg: `${what}: Redis read failed`, err: String(err) })
    return null
  }
}

/** What is counted for each account: its plan and windows (read once per page or stream). */
export type UsageLayout = {
  account: string
  plan: Plan
  windows: { resource: Resource; window: Window; limit: number }[]
}[]

/** The windows in force for each account that exists (unknown accounts are left out). */
export async function usageLayout(
  pool: Pick<Pool, 'query'>,
  accounts: string[],
): Promise<UsageLayout> {
  const plans = await Promise.all(accounts.map((account) => loadAccountPlan(pool, account)))
  return accounts.flatMap((account, i) => {
    const plan = plans[i]
    return plan
      ? [{ account, plan: plan.plan, windows: accountWindows(plan.plan, plan.limits) }]
      : []
  })
}

/**
 * The limiter's counters for every window of the layout, and today's verifications by outcome:
 * one Redis round trip for all the accounts.
 */
export async function readUsageCounts(
  store: RedisStore,
  layout: UsageLayout,
  now = Date.now(),
): Promise<AccountUsage[]> {
  const pipeline = store.pipeline()
  for (const entry of layout) {
    for (const w of entry.windows) pipeline.get(windowKey(entry.account, w.resource, w.window, now))
    pipeline.hgetall(usageKey(entry.account, now))
  }
  const replies = layout.length
    ? await withDeadline(pipeline.exec(), 'account usage')
    : ([] as [Error | null, unknown][])
  let at = 0
  return layout.map((entry) => {
    const windows = entry.windows.map((w): UsageWindow => {
      const reply = replies?.[at++]
      const used = reply && !reply[0] ? Number(reply[1] ?? 0) : null
      const length = WINDOW_MS[w.window]
      return {
        ...w,
        used,
        remaining: used === null ? null : Math.max(0, w.limit - used),
        resetsAt: new Date((Math.floor(now / length) + 1) * length).toISOString(),
      }
    })
    const hash = replies?.[at++]
    let today: AccountUsage['today'] = null
    if (hash && !hash[0]) {
      today = { allowed: 0, limited: 0 }
      for (const [code, value] of Object.entries((hash[1] ?? {}) as Record<string, string>)) {
        const group = outcomeGroup(code)
        if (group !== 'refused') today[group] += Number(value) || 0
      }
    }
    return { account: entry.account, plan: entry.plan, windows, today }
  })
}
