import type { ReactNode } from 'react'

import { cn } from '@/lib/cn'

export type Stat = {
  label: string
  value: ReactNode
  /** A line under the value: the window, a comparison, what it counts. */
  hint?: ReactNode
  tone?: 'default' | 'danger' | 'success' | 'warning'
}

const TONES = {
  default: '',
  danger: 'text-danger',
  success: 'text-success',
  warning: 'text-warning',
} as const

/** A row of figures, each a card: label, big value, hint. Two per row on a phone. */
export function StatCards({ stats, label }: { stats: Stat[]; label: string }) {
  return (
    <dl aria-label={label} className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {stats.map((stat) => (
        <div
          key={stat.label}
          className="flex min-w-0 flex-col rounded-lg border border-border bg-card p-4 shadow-sm"
        >
          <dt className="text-sm text-muted-foreground">{stat.label}</dt>
          <dd
            className={cn(
              'order-first text-2xl font-semibold break-words tabular-nums',
              TONES[stat.tone ?? 'default'],
            )}
          >
            {stat.value}
          </dd>
          {stat.hint && <dd className="mt-1 text-xs text-muted-foreground">{stat.hint}</dd>}
        </div>
      ))}
    </dl>
  )
}
