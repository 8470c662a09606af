/** The plans an account (a user or an organization) can be on. */
export const PLANS = ['free', 'starter', 'pro', 'enterprise'] as const
export type Plan = (typeof PLANS)[number]

export type Resource = 'api_calls' | 'audio_processing' | 'model_training'
export type Window = 'minute' | 'hour' | 'day' | 'month'

export const WINDOW_MS: Record<Window, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  month: 30 * 86_400_000,
}

export type Limits = Partial<Record<Window, number>>

/**
 * The spec's rate-limit tiers. Enterprise has no built-in limits: staff set them per
 * organization (an absent window means unlimited).
 */
export const RATE_LIMITS: Record<Plan, Record<Resource, Limits>> = {
  free: {
    api_calls: { minute: 10, hour: 100, day: 1000 },
    audio_processing: { day: 10 },
    model_training: { month: 0 },
  },
  starter: {
    api_calls: { minute: 60, hour: 1000, day: 10000 },
    audio_processing: { day: 100 },
    model_training: { month: 1 },
  },
  pro: {
    api_calls: { minute: 300, hour: 10000, day: 100000 },
    audio_processing: { day: 1000 },
    model_training: { month: 10 },
  },
  enterprise: { api_calls: {}, audio_processing: {}, model_training: {} },
}

/** The plan's limits for a resource, tightened by any stricter limits of a key or contract. */
export function effectiveLimits(
  plan: Plan,
  resource: Resource,
  ...overrides: (Limits | undefined)[]
): Limits {
  const limits: Limits = { ...RATE_LIMITS[plan][resource] }
  for (const override of overrides) {
    for (const [window, value] of Object.entries(override ?? {}) as [Window, number][]) {
      limits[window] = limits[window] === undefined ? value : Math.min(limits[window], value)
    }
  }
  return limits
}

/** How many active keys an account may hold at once, by plan. */
export const MAX_ACTIVE_KEYS: Record<Plan, number> = {
  free: 5,
  starter: 25,
  pro: 100,
  enterprise: 1000,
}

/** Plans with advanced analytics (/dashboard/analytics and GET /api/analytics/…). */
export const HAS_ANALYTICS: Record<Plan, boolean> = {
  free: false,
  starter: false,
  pro: true,
  enterprise: true,
}

export const ANALYTICS_UPGRADE_MESSAGE =
  'Analytics come with the pro and enterprise plans: upgrade this account to see them.'

/**
 * Monthly list prices in US cents. Enterprise is priced by contract (null): staff set the plan
 * and its limits in /admin.
 */
export const PLAN_PRICES_CENTS: Record<Plan, number | null> = {
  free: 0,
  starter: 2900,
  pro: 9900,
  enterprise: null,
}

/** Plans a member can switch to on their own (the billing page). */
export const SELF_SERVE_PLANS = ['free', 'starter', 'pro'] as const satisfies readonly Plan[]
export type SelfServePlan = (typeof SELF_SERVE_PLANS)[number]

export const PLAN_LABELS: Record<Plan, string> = {
  free: 'Free',
  starter: 'Starter',
  pro: 'Pro',
  enterprise: 'Enterprise',
}
