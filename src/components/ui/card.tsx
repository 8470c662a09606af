import type { ComponentProps, ReactNode } from 'react'

import { cn } from '@/lib/cn'

export function Card({ className, ...props }: ComponentProps<'section'>) {
  return (
    <section
      className={cn('rounded-lg border border-border bg-card p-5 shadow-sm sm:p-6', className)}
      {...props}
    />
  )
}

type PanelProps = Omit<ComponentProps<'section'>, 'title'> & {
  /** The id of the heading, which names the section. */
  id: string
  title: ReactNode
  /** A line under the title, e.g. what the section does. */
  description?: ReactNode
  /** Beside the title, e.g. a "Refresh" link. */
  aside?: ReactNode
}

/** A card with its heading (which names it for screen readers) and an optional description. */
export function Panel({ id, title, description, aside, children, ...props }: PanelProps) {
  const heading = (
    <h2 id={id} className={cn('text-lg font-semibold', !aside && (description ? 'mb-1' : 'mb-4'))}>
      {title}
    </h2>
  )
  return (
    <Card aria-labelledby={id} {...props}>
      {aside ? (
        <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
          {heading}
          {aside}
        </div>
      ) : (
        heading
      )}
      {description && <p className="mb-4 text-sm text-muted-foreground">{description}</p>}
      {children}
    </Card>
  )
}
