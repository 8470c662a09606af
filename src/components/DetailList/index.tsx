import type { ReactNode } from 'react'

import { cn } from '@/lib/cn'

export type Detail = { term: string; value: ReactNode; isHidden?: boolean }

/** Terms and values in two columns (one on a phone): the "Details" card of a record. */
export function DetailList({ details, className }: { details: Detail[]; className?: string }) {
  return (
    <dl className={cn('grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[11rem_1fr]', className)}>
      {details
        .filter((detail) => !detail.isHidden)
        .map((detail) => (
          <div key={detail.term} className="contents">
            <dt className="text-muted-foreground">{detail.term}</dt>
            <dd className="min-w-0 break-words">{detail.value}</dd>
          </div>
        ))}
    </dl>
  )
}
