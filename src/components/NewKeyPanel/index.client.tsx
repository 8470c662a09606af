'use client'

import Link from 'next/link'
import { useEffect, useId, useRef, useState } from 'react'

import { Button } from '@/components/ui/button'

type Props = {
  issued: { id: number; key: string; display: string; name: string }
  title?: string
  /** Shown under the warning, e.g. what happens to the key it replaced. */
  note?: string
}

/**
 * The plaintext of a key just issued, shown once: it lives only in this component's props
 * (the action's state), never in a URL, storage or log.
 */
export function NewKeyPanel({ issued, title = 'Your new API key', note }: Props) {
  const headingId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [copyStatus, setCopyStatus] = useState('')

  // Move focus here so keyboard and screen-reader users land on the key.
  useEffect(() => {
    headingRef.current?.focus()
  }, [])

  async function copy() {
    try {
      await navigator.clipboard.writeText(issued.key)
      setCopyStatus('Copied')
    } catch {
      setCopyStatus('Could not copy. Select the key and copy it with your keyboard.')
    }
  }

  return (
    <section
      aria-labelledby={headingId}
      className="space-y-4 rounded-lg border-2 border-success bg-card p-5 shadow-sm sm:p-6"
    >
      <h2
        id={headingId}
        ref={headingRef}
        tabIndex={-1}
        className="text-lg font-semibold focus:outline-none focus-visible:outline-[3px]"
      >
        {title}
      </h2>
      <p className="rounded-md border border-danger bg-danger-soft px-4 py-3 text-sm font-medium text-danger">
        This key will not be shown again. Store it somewhere safe.
      </p>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <code
          data-testid="new-key"
          className="block min-w-0 flex-1 rounded-md border border-border bg-muted px-3 py-2 font-mono text-sm break-all select-all"
        >
          {issued.key}
        </code>
        <Button type="button" onClick={copy} className="shrink-0">
          Copy key
        </Button>
      </div>
      <p role="status" aria-live="polite" className="min-h-5 text-sm font-medium">
        {copyStatus}
      </p>
      {note && <p className="text-sm text-muted-foreground">{note}</p>}
      <p className="text-sm">
        <Link href={`/api-keys/${issued.id}`} className="text-primary underline">
          Go to “{issued.name}” ({issued.display})
        </Link>
      </p>
    </section>
  )
}
