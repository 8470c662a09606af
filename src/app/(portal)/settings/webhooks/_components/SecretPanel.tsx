'use client'

import { useEffect, useId, useRef, useState, type ReactNode } from 'react'

import { Button } from '@/components/ui/button'

type Props = {
  secret: string
  title: string
  /** What to do with the secret now (shown as a warning). */
  warning: string
  /** Shown under the copy status, e.g. what happened to the previous secret. */
  note?: string
  children?: ReactNode
}

/**
 * A webhook signing secret, shown after it was issued, revealed or rotated: it lives only in
 * this component's props (the action's state), never in a URL, storage or log.
 */
export function SecretPanel({ secret, title, warning, note, children }: Props) {
  const headingId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [copyStatus, setCopyStatus] = useState('')

  // Move focus here so keyboard and screen-reader users land on the secret.
  useEffect(() => {
    headingRef.current?.focus()
  }, [secret])

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret)
      setCopyStatus('Copied')
    } catch {
      setCopyStatus('Could not copy. Select the secret and copy it with your keyboard.')
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
        {warning}
      </p>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <code
          data-testid="endpoint-secret"
          className="block min-w-0 flex-1 rounded-md border border-border bg-muted px-3 py-2 font-mono text-sm break-all select-all"
        >
          {secret}
        </code>
        <Button type="button" onClick={copy} className="shrink-0">
          Copy secret
        </Button>
      </div>
      <p role="status" aria-live="polite" className="min-h-5 text-sm font-medium">
        {copyStatus}
      </p>
      {note && <p className="text-sm text-muted-foreground">{note}</p>}
      {children}
    </section>
  )
}
