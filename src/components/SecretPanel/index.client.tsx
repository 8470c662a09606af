'use client'

import { useEffect, useId, useRef, useState, type ReactNode } from 'react'

import { Button } from '@/components/ui/button'

type Props = {
  /** The plaintext: an API key just issued, a webhook signing secret … */
  secret: string
  /** What it is, in the copy button and messages: "key", "secret". */
  noun: string
  title: string
  /** What to do with it now (shown as a warning). */
  warning: string
  /** Shown under the copy status, e.g. what happened to the one it replaced. */
  note?: string
  testId?: string
  children?: ReactNode
}

/**
 * A secret shown once (or on request): it lives only in this component's props (the action's
 * state), never in a URL, storage or log. Focus moves to it, so keyboard and screen-reader
 * users land on it; one button copies it, and a live region says whether that worked.
 */
export function SecretPanel({ secret, noun, title, warning, note, testId, children }: Props) {
  const headingId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  // Said of one secret: a rotation's new secret starts without "Copied".
  const [copied, setCopied] = useState({ of: '', status: '' })
  const copyStatus = copied.of === secret ? copied.status : ''
  const setCopyStatus = (status: string) => setCopied({ of: secret, status })

  useEffect(() => {
    headingRef.current?.focus()
  }, [secret])

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret)
      setCopyStatus('Copied')
    } catch {
      setCopyStatus(`Could not copy. Select the ${noun} and copy it with your keyboard.`)
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
          data-testid={testId}
          className="block min-w-0 flex-1 rounded-md border border-border bg-muted px-3 py-2 font-mono text-sm break-all select-all"
        >
          {secret}
        </code>
        <Button type="button" onClick={copy} className="shrink-0">
          Copy {noun}
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
