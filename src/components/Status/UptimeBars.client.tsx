'use client'

import { useState, type KeyboardEvent, type MouseEvent } from 'react'

import { cn } from '@/lib/cn'
import { dayTone, formatUptime, type DayTone } from '@/lib/status/states'
import type { UptimeWindow } from '@/lib/status/uptime'

/** One component's 90 days, compact: the first day, then `[passed, total]` per day. */
export type UptimeBarsData = {
  first: string
  days: [number, number][]
  windows: Record<UptimeWindow, number | null>
}

const TONE_CLASS: Record<DayTone, string> = {
  none: 'bg-muted',
  up: 'bg-success',
  minor: 'bg-success/60',
  major: 'bg-warning',
  down: 'bg-danger',
}

const WINDOW_LABELS: [UptimeWindow, string][] = [
  ['24h', '24 hours'],
  ['7d', '7 days'],
  ['30d', '30 days'],
  ['90d', '90 days'],
]

const dayFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' })

const dayAt = (first: string, index: number) => {
  const date = new Date(`${first}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + index)
  return dayFormat.format(date)
}

const uptimeOf = ([ok, total]: [number, number]) => (total ? (ok / total) * 100 : null)

function describe(first: string, index: number, day: [number, number]): string {
  const uptime = uptimeOf(day)
  return uptime === null
    ? `${dayAt(first, index)}: no checks`
    : `${dayAt(first, index)}: ${formatUptime(uptime)} uptime, ${day[0].toLocaleString('en')} of ${day[1].toLocaleString('en')} checks passed`
}

/**
 * 90 days of uptime, one bar per UTC day coloured by its uptime, with the uptime over 24 hours
 * to 90 days. Hovering a bar shows its day in a tooltip; the bars are also one keyboard control
 * (a slider over the days: arrows, Home, End) whose value screen readers announce as the day's
 * date, uptime and checks. The data travels once, compact, to the browser.
 */
export function UptimeBars({ name, data }: { name: string; data: UptimeBarsData }) {
  const last = data.days.length - 1
  const [selected, setSelected] = useState(last)
  const [hovered, setHovered] = useState<number | null>(null)
  const [hasFocus, setHasFocus] = useState(false)
  const shown = hovered ?? (hasFocus ? selected : null)

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowLeft: selected - 1,
      ArrowDown: selected - 1,
      ArrowRight: selected + 1,
      ArrowUp: selected + 1,
      PageDown: selected - 7,
      PageUp: selected + 7,
      Home: 0,
      End: last,
    }
    if (!(event.key in moves)) return
    event.preventDefault()
    setSelected(Math.max(0, Math.min(last, moves[event.key])))
  }
  const onMouseMove = (event: MouseEvent<HTMLDivElement>) => {
    const index = Array.prototype.indexOf.call(event.currentTarget.children, event.target)
    setHovered(index >= 0 ? index : null)
  }

  return (
    <figure className="space-y-1">
      <div className="relative">
        <div
          role="slider"
          tabIndex={0}
          aria-label={`Daily uptime of ${name}, last 90 days`}
          aria-valuemin={1}
          aria-valuemax={data.days.length}
          aria-valuenow={selected + 1}
          aria-valuetext={describe(data.first, selected, data.days[selected])}
          onKeyDown={onKeyDown}
          onFocus={() => setHasFocus(true)}
          onBlur={() => setHasFocus(false)}
          onMouseMove={onMouseMove}
          onMouseLeave={() => setHovered(null)}
          className="flex h-8 items-stretch gap-px rounded-sm focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:outline-none sm:gap-0.5 [&>span]:min-w-0 [&>span]:flex-1 [&>span]:rounded-[1px]"
        >
          {data.days.map((day, index) => (
            <span
              key={index}
              className={cn(
                TONE_CLASS[dayTone(uptimeOf(day))],
                hasFocus && index === selected && 'outline-2 outline-offset-1 outline-foreground',
              )}
            />
          ))}
        </div>
        {shown !== null && (
          <p
            aria-hidden="true"
            className="pointer-events-none absolute bottom-full z-10 mb-2 w-56 rounded-md border border-border bg-card px-2 py-1 text-xs shadow-md"
            style={{
              left: `clamp(0px, calc(${(shown / data.days.length) * 100}% - 7rem), calc(100% - 14rem))`,
            }}
          >
            {describe(data.first, shown, data.days[shown])}
          </p>
        )}
      </div>
      <figcaption className="space-y-1 text-xs text-muted-foreground">
        <span className="flex justify-between">
          <span>90 days ago</span>
          <span>Today</span>
        </span>
        <dl className="flex flex-wrap gap-x-4 gap-y-1">
          {WINDOW_LABELS.map(([window, label]) => (
            <div key={window} className="flex gap-1">
              <dt>{label}</dt>
              <dd className="font-medium text-foreground">{formatUptime(data.windows[window])}</dd>
            </div>
          ))}
        </dl>
      </figcaption>
    </figure>
  )
}
