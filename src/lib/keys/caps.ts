import type { Plan } from '@/access/roles'

/** How many active keys an account may hold at once, by plan. */
export const MAX_ACTIVE_KEYS: Record<Plan, number> = {
  free: 5,
  starter: 25,
  pro: 100,
  enterprise: 1000,
}
