import { relativeTime } from '@/lib/time'
import { count } from '@/lib/usage/labels'

export type UsageBarProps = {
  /** What is counted: "API calls", "API calls (this key)". */
  name: string
  window: string
  limit: number
  /** The limiter's counter; null when it could not be read. */
  used: number | null
  resetsAt: string | Date
  now: number
}

/**
 * One limit window as a progress bar: what is used of the limit, and when the window resets.
 * Shared by the dashboard (live) and a key's usage page.
 */
export function UsageBar({ name, window, limit, used, resetsAt, now }: UsageBarProps) {
  const text =
    used === null
      ? `unknown / ${count(limit)} per ${window}`
      : `${count(used)} / ${count(limit)} per ${window}`
  const share = used === null || limit === 0 ? 0 : Math.min(1, used / limit)
  const isFull = used !== null && used >= limit
  return (
    <li className="space-y-1.5">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{name}</span>
        <span className="tabular-nums">{text}</span>
      </div>
      <div
        role="progressbar"
        aria-label={`${name} per ${window}`}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={used === null ? undefined : Math.min(used, limit)}
        aria-valuetext={text}
        className="h-2.5 w-full overflow-hidden rounded-full border border-border bg-muted"
      >
        <div
          className={isFull ? 'h-full bg-danger' : 'h-full bg-primary'}
          style={{ width: `${share * 100}%` }}
        />
      </div>
      <p className="text-xs text-muted-foreground" suppressHydrationWarning>
        {used === null
          ? 'Live count unavailable right now.'
          : limit === 0
            ? 'Not included in the plan.'
            : `Resets ${relativeTime(new Date(resetsAt).toISOString(), now)}.`}
      </p>
    </li>
  )
}
