import type { ComponentProps } from 'react'

import { cn } from '@/lib/cn'

type AlertProps = ComponentProps<'div'> & { tone?: 'error' | 'success' | 'info' }

export function Alert({ tone = 'info', className, ...props }: AlertProps) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
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
