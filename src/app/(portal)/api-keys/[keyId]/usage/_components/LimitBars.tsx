import type { LiveLimit } from '@/data/apiKeys'
import { relativeTime } from '@/lib/time'

import { count, RESOURCE_LABELS } from './labels'

/** One progress bar per limit window in force, with what is used and when it resets. */
export function LimitBars({ limits, now }: { limits: LiveLimit[]; now: number }) {
  if (limits.length === 0)
    return <p className="text-sm">No limits apply to this key&apos;s plan.</p>
  return (
    <ul className="grid gap-4 sm:grid-cols-2">
      {limits.map((limit) => (
        <LimitBar
          key={`${limit.resource}:${limit.window}:${limit.isKeyLimit ? 'key' : 'account'}`}
          limit={limit}
          now={now}
        />
      ))}
    </ul>
  )
}

function LimitBar({ limit, now }: { limit: LiveLimit; now: number }) {
  const text =
    limit.used === null
      ? `unknown / ${count(limit.limit)} per ${limit.window}`
      : `${count(limit.used)} / ${count(limit.limit)} per ${limit.window}`
  const share = limit.used === null || limit.limit === 0 ? 0 : Math.min(1, limit.used / limit.limit)
  const isFull = limit.used !== null && limit.used >= limit.limit
  const name = `${RESOURCE_LABELS[limit.resource]}${limit.isKeyLimit ? ' (this key)' : ''}`
  return (
    <li className="space-y-1.5">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{name}</span>
        <span className="tabular-nums">{text}</span>
      </div>
      <div
        role="progressbar"
        aria-label={`${RESOURCE_LABELS[limit.resource]} per ${limit.window}${limit.isKeyLimit ? ' (this key)' : ''}`}
        aria-valuemin={0}
        aria-valuemax={limit.limit}
        aria-valuenow={limit.used ?? undefined}
        aria-valuetext={text}
        className="h-2.5 w-full overflow-hidden rounded-full border border-border bg-muted"
      >
        <div
          className={isFull ? 'h-full bg-danger' : 'h-full bg-primary'}
          style={{ width: `${share * 100}%` }}
        />
      </div>
      <p className="text-xs text-muted-foreground">
        {limit.used === null
          ? 'Live count unavailable right now.'
          : limit.limit === 0
            ? 'Not included in the plan.'
            : `Resets ${relativeTime(limit.resetsAt, now)}.`}
      </p>
    </li>
  )
}
