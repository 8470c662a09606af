'use client'

import { useId, useMemo, useState } from 'react'

import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { cn } from '@/lib/cn'
import { matchesQuery, type PlaygroundOperation } from '@/lib/docs/playground/operations'

import { MethodBadge } from './MethodBadge'

type Props = {
  groups: [string, PlaygroundOperation[]][]
  selected?: string
  onSelect: (operation: PlaygroundOperation) => void
}

/** Every operation by tag, filtered by what is typed (method, path, summary or tag). */
export function EndpointPicker({ groups, selected, onSelect }: Props) {
  const inputId = useId()
  const countId = useId()
  const [query, setQuery] = useState('')
  const shown = useMemo(
    () =>
      groups
        .map(([tag, list]) => [tag, list.filter((op) => matchesQuery(op, query))] as const)
        .filter(([, list]) => list.length > 0),
    [groups, query],
  )
  const count = shown.reduce((sum, [, list]) => sum + list.length, 0)

  return (
    <nav aria-label="Endpoints" className="space-y-3">
      <div className="space-y-1">
        <Label htmlFor={inputId}>Find an endpoint</Label>
        <Input
          id={inputId}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="users me, webhook, post …"
          aria-describedby={countId}
          autoComplete="off"
        />
        <p id={countId} aria-live="polite" className="text-xs text-muted-foreground">
          {count === 1 ? '1 endpoint' : `${count} endpoints`}
        </p>
      </div>
      <div className="max-h-80 overflow-y-auto rounded-md border border-border lg:max-h-[calc(100vh-16rem)]">
        {shown.length === 0 ? (
          <p className="p-3 text-sm text-muted-foreground">No endpoint matches “{query}”.</p>
        ) : (
          shown.map(([tag, list]) => (
            <section key={tag} aria-label={tag} className="border-b border-border last:border-0">
              <h3 className="sticky top-0 bg-muted px-3 py-1 text-xs font-semibold uppercase tracking-wide text-muted-foreground">
                {tag}
              </h3>
              <ul>
                {list.map((op) => (
                  <li key={op.id}>
                    <button
                      type="button"
                      onClick={() => onSelect(op)}
                      aria-current={op.id === selected ? 'true' : undefined}
                      className={cn(
                        'flex w-full items-start gap-2 px-3 py-2 text-left text-sm hover:bg-muted',
                        op.id === selected && 'bg-muted font-semibold',
                      )}
                    >
                      <MethodBadge method={op.method} />
                      <span className="min-w-0">
                        <span className="block break-words">{op.summary}</span>
                        <span className="block font-mono text-xs break-all text-muted-foreground">
                          {op.path}
                        </span>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))
        )}
      </div>
    </nav>
  )
}
