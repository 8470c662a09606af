import type { ComponentProps } from 'react'

import { cn } from '@/lib/cn'

type AlertProps = ComponentProps<'div'> & {
  tone?: 'error' | 'success' | 'info'
  /** False when a toast announces the same words already (no second live region). */
  isAnnounced?: boolean
}

export function Alert({ tone = 'info', isAnnounced = true, className, ...props }: AlertProps) {
  return (
    <div
      role={isAnnounced ? (tone === 'error' ? 'alert' : 'status') : undefined}
      className={cn(
        'rounded-md border px-4 py-3 text-sm',
        tone === 'error' && 'border-danger bg-danger-soft text-danger',
        tone === 'success' && 'border-success bg-success-soft text-success',
        tone === 'info' && 'border-border bg-muted',
        className,
      )}
      {...props}
    />
  )
}
