import type { ReactNode } from 'react'

import { Card } from '@/components/ui/card'

type Props = { id: string; title: string; children?: ReactNode; action?: ReactNode }

/** What a list says when it has nothing to show, and the way forward. */
export function EmptyState({ id, title, children, action }: Props) {
  return (
    <Card aria-labelledby={id} className="text-center">
      <h2 id={id} className="mb-1 text-lg font-semibold">
        {title}
      </h2>
      {children && <div className="mb-4 text-sm text-muted-foreground">{children}</div>}
      {action}
    </Card>
  )
}
