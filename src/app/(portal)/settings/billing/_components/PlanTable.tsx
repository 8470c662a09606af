import Link from 'next/link'

import { LIMIT_FIELDS } from '@/fields/limitsField'
import { money } from '@/lib/billing/period'
import {
  HAS_ANALYTICS,
  MAX_ACTIVE_KEYS,
  PLAN_LABELS,
  PLAN_PRICES_CENTS,
  PLANS,
  RATE_LIMITS,
  SELF_SERVE_PLANS,
  type Plan,
} from '@/lib/plans'
import { count } from '@/lib/usage/labels'

const limitOf = (plan: Plan, field: (typeof LIMIT_FIELDS)[number]) => {
  const value = RATE_LIMITS[plan][field.resource][field.window]
  if (value === undefined) return plan === 'enterprise' ? 'By contract' : 'Unlimited'
  return count(value)
}

/**
 * Every plan side by side, from the plans registry, with a way to switch to each; none from
 * Enterprise, which TuneTrail staff change.
 */
export function PlanTable({ current, account }: { current: Plan; account: string }) {
  const isSelfServe = current !== 'enterprise'
  return (
    // Focusable so a keyboard scrolls it on narrow screens (Enterprise has no links in it).
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Plans compared">
      <table className="w-full min-w-[34rem] text-sm">
        <caption className="sr-only">Plans compared</caption>
        <thead>
          <tr className="border-b border-border text-left">
            <th scope="col" className="py-2 pr-3 font-medium">
              Feature
            </th>
            {PLANS.map((plan) => (
              <th key={plan} scope="col" className="px-3 py-2 font-semibold">
                {PLAN_LABELS[plan]}
                {plan === current && <span className="block text-xs font-normal">(current)</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr className="border-b border-border">
            <th scope="row" className="py-2 pr-3 text-left font-normal">
              Price per month
            </th>
            {PLANS.map((plan) => (
              <td key={plan} className="px-3 py-2 tabular-nums">
                {PLAN_PRICES_CENTS[plan] === null
                  ? 'Contact us'
                  : money(PLAN_PRICES_CENTS[plan] ?? 0)}
              </td>
            ))}
          </tr>
          {LIMIT_FIELDS.map((field) => (
            <tr key={field.name} className="border-b border-border">
              <th scope="row" className="py-2 pr-3 text-left font-normal">
                {field.label}
              </th>
              {PLANS.map((plan) => (
                <td key={plan} className="px-3 py-2 tabular-nums">
                  {limitOf(plan, field)}
                </td>
              ))}
            </tr>
          ))}
          <tr className="border-b border-border">
            <th scope="row" className="py-2 pr-3 text-left font-normal">
              Active API keys
            </th>
            {PLANS.map((plan) => (
              <td key={plan} className="px-3 py-2 tabular-nums">
                {count(MAX_ACTIVE_KEYS[plan])}
              </td>
            ))}
          </tr>
          <tr className="border-b border-border">
            <th scope="row" className="py-2 pr-3 text-left font-normal">
              Advanced analytics
            </th>
            {PLANS.map((plan) => (
              <td key={plan} className="px-3 py-2">
                {HAS_ANALYTICS[plan] ? 'Yes' : 'No'}
              </td>
            ))}
          </tr>
          {isSelfServe && (
            <tr>
              <td className="py-2 pr-3" />
              {PLANS.map((plan) => (
                <td key={plan} className="px-3 py-2">
                  {plan === current ? null : (SELF_SERVE_PLANS as readonly Plan[]).includes(
                      plan,
                    ) ? (
                    <Link
                      className="font-medium text-primary underline"
                      href={`/settings/billing/change?account=${account}&plan=${plan}`}
                      aria-label={`Switch to ${PLAN_LABELS[plan]}`}
                    >
                      Switch
                    </Link>
                  ) : (
                    <a className="text-primary underline" href="mailto:sales@tunetrail.dev">
                      Contact sales
                    </a>
                  )}
                </td>
              ))}
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}
