import { formatDay, type Period } from '@/lib/billing/period'
import type { ResourceUsage } from '@/lib/billing/usage'
import { count, RESOURCE_LABELS } from '@/lib/usage/labels'

/** This period's use of each quota, with where it ends at the current pace. */
export function UsageSection({ usage, period }: { usage: ResourceUsage[]; period: Period }) {
  return (
    <ul className="space-y-4">
      {usage.map((item) => {
        const share = item.quota ? Math.min(1, item.used / item.quota) : 0
        const isOver = item.quota !== null && item.projected > item.quota
        const text =
          item.quota === null
            ? `${count(item.used)} used (no limit)`
            : `${count(item.used)} / ${count(item.quota)}`
        return (
          <li key={item.resource} className="space-y-1.5">
            <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
              <span className="font-medium">{RESOURCE_LABELS[item.resource]}</span>
              <span className="tabular-nums">{text}</span>
            </div>
            <div
              role="progressbar"
              aria-label={`${RESOURCE_LABELS[item.resource]} this period`}
              aria-valuemin={0}
              aria-valuemax={item.quota ?? undefined}
              aria-valuenow={item.quota === null ? undefined : Math.min(item.used, item.quota)}
              aria-valuetext={text}
              className="h-2.5 w-full overflow-hidden rounded-full border border-border bg-muted"
            >
              <div
                className={isOver ? 'h-full bg-danger' : 'h-full bg-primary'}
                style={{ width: `${Math.round(share * 100)}%` }}
              />
            </div>
            <p className={isOver ? 'text-xs text-danger' : 'text-xs text-muted-foreground'}>
              Projected by {formatDay(new Date(period.end.getTime() - 1))}: {count(item.projected)}
              {isOver && ' — more than the plan includes: calls beyond it are refused.'}
            </p>
          </li>
        )
      })}
    </ul>
  )
}
