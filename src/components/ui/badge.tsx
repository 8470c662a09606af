import type { ReactNode } from 'react'

import { cn } from '@/lib/cn'

/** Token pairs that meet AA in the light and dark themes and AAA in high contrast. */
const TONES = {
  success: 'border-success bg-success-soft text-success',
  danger: 'border-danger bg-danger-soft text-danger',
  warning: 'border-warning bg-warning-soft text-warning',
  neutral: 'border-border bg-muted text-foreground',
  muted: 'border-border bg-muted text-muted-foreground',
  primary: 'border-primary bg-background text-primary',
} as const

export type BadgeTone = keyof typeof TONES

/** A short state label in a pill: "Active", "Failing", "Production" … */
export function Badge({ tone, children }: { tone: BadgeTone; children: ReactNode }) {
  return (
    <span
      className={cn(
        'inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium',
        TONES[tone],
      )}
    >
      {children}
    </span>
  )
}
