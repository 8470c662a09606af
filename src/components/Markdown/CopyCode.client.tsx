'use client'

import { useState, type MouseEvent } from 'react'

import { cn } from '@/lib/cn'

/** Copies the code block it sits beside (the `pre` in the same wrapper). */
export function CopyCode() {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = (event: MouseEvent<HTMLButtonElement>) => {
    const code = event.currentTarget.parentElement?.querySelector('pre')?.innerText ?? ''
    navigator.clipboard.writeText(code).then(
      () => setState('copied'),
      (error: unknown) => {
        console.warn('markdown: copy failed', error)
        setState('failed')
      },
    )
    window.setTimeout(() => setState('idle'), 2000)
  }
  return (
    <button
      type="button"
      onClick={copy}
      className={cn(
        'absolute top-2 right-2 rounded border border-border bg-background px-2 py-0.5 text-xs',
        'text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-primary',
      )}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
      <span className="sr-only"> code</span>
    </button>
  )
}
