import { UsageBar } from '@/components/UsageBar'
import type { LiveLimit } from '@/data/apiKeys'

import { RESOURCE_LABELS } from '@/lib/usage/labels'

/** One progress bar per limit window in force, with what is used and when it resets. */
export function LimitBars({ limits, now }: { limits: LiveLimit[]; now: number }) {
  if (limits.length === 0)
    return <p className="text-sm">No limits apply to this key&apos;s plan.</p>
  return (
    <ul className="grid gap-4 sm:grid-cols-2">
      {limits.map((limit) => (
        <UsageBar
          key={`${limit.resource}:${limit.window}:${limit.isKeyLimit ? 'key' : 'account'}`}
          name={`${RESOURCE_LABELS[limit.resource]}${limit.isKeyLimit ? ' (this key)' : ''}`}
          window={limit.window}
          limit={limit.limit}
          used={limit.used}
          resetsAt={limit.resetsAt}
          now={now}
        />
      ))}
    </ul>
  )
}
