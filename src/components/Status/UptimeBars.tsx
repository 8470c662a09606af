import { cn } from '@/lib/cn'
import { dayTone, formatUptime, type DayTone } from '@/lib/status/states'
import { WINDOWS, type ComponentUptime } from '@/lib/status/uptime'

const TONE_CLASS: Record<DayTone, string> = {
  none: 'bg-muted border border-border',
  up: 'bg-success',
  minor: 'bg-success opacity-60',
  major: 'bg-warning',
  down: 'bg-danger',
}

const TONE_WORDS: Record<DayTone, string> = {
  none: 'no checks',
  up: 'no downtime',
  minor: 'brief downtime',
  major: 'some downtime',
  down: 'major downtime',
}

const dayLabel = (day: string) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  )

const WINDOW_LABELS = { '24h': '24 hours', '7d': '7 days', '30d': '30 days', '90d': '90 days' }

/**
 * 90 days of uptime, one bar per UTC day coloured by its uptime (a tooltip on hover says the
 * day, the uptime and the number of checks), the uptime over 24 hours to 90 days, and — for
 * keyboards and screen readers — every day as a table in a disclosure.
 */
export function UptimeBars({ name, uptime }: { name: string; uptime: ComponentUptime }) {
  const days = uptime.days
  return (
    <figure className="space-y-2">
      <div
        role="img"
        aria-label={`${name}: ${formatUptime(uptime.windows['90d'])} uptime over 90 days; the table below lists each day.`}
        className="flex h-8 items-stretch gap-px"
      >
        {days.map((day, index) => {
          const tone = dayTone(day.uptime)
          const text = `${dayLabel(day.day)}: ${day.total ? `${formatUptime(day.uptime)} uptime, ${day.total.toLocaleString('en')} checks` : 'no checks'}`
          return (
            <span
              key={day.day}
              className={cn(
                'group relative min-w-0 flex-1 rounded-[2px]',
                TONE_CLASS[tone],
                // At 360 px only the last 30 days fit with room to hover.
                index < days.length - 30 && 'hidden sm:block',
              )}
            >
              <span
                aria-hidden="true"
                className="pointer-events-none absolute bottom-full left-1/2 z-10 mb-2 hidden w-44 -translate-x-1/2 rounded-md border border-border bg-card px-2 py-1 text-xs text-foreground shadow-md group-hover:block"
              >
                {text} — {TONE_WORDS[tone]}
              </span>
            </span>
          )
        })}
      </div>
      <figcaption className="space-y-1 text-xs text-muted-foreground">
        <span className="flex justify-between">
          <span>
            <span className="sm:hidden">30 days ago</span>
            <span className="hidden sm:inline">90 days ago</span>
          </span>
          <span>Today</span>
        </span>
        <dl className="flex flex-wrap gap-x-4 gap-y-1">
          {WINDOWS.map((window) => (
            <div key={window} className="flex gap-1">
              <dt>{WINDOW_LABELS[window]}</dt>
              <dd className="font-medium text-foreground">
                {formatUptime(uptime.windows[window])}
              </dd>
            </div>
          ))}
        </dl>
      </figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer text-primary underline-offset-2 hover:underline">
          Daily uptime of {name} as a table
        </summary>
        <div className="mt-2 max-h-72 overflow-auto rounded-md border border-border">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">Uptime of {name} per day (UTC), newest first</caption>
            <thead className="sticky top-0 bg-muted">
              <tr>
                <th scope="col" className="px-2 py-1">
                  Day (UTC)
                </th>
                <th scope="col" className="px-2 py-1">
                  Uptime
                </th>
                <th scope="col" className="px-2 py-1">
                  Checks passed
                </th>
              </tr>
            </thead>
            <tbody>
              {[...days].reverse().map((day) => (
                <tr key={day.day} className="border-t border-border">
                  <th scope="row" className="px-2 py-1 font-normal">
                    {dayLabel(day.day)}
                  </th>
                  <td className="px-2 py-1">{formatUptime(day.uptime)}</td>
                  <td className="px-2 py-1">
                    {day.ok.toLocaleString('en')} of {day.total.toLocaleString('en')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  )
}
