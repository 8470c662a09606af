'use client'

import { useEffect, useId, useState, type KeyboardEvent } from 'react'

import { cn } from '@/lib/cn'

/** Where the reader's language choice is kept, and the event that tells other groups. */
const STORAGE_KEY = 'tt-docs-language'
const CHANGE_EVENT = 'tt-docs-language'

/** `html`: the snippet highlighted on the server (src/lib/docs/highlight.ts, escaped). */
export type CodeTab = { language: string; label: string; code: string; html: string }

function storedLanguage(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY)
  } catch (error) {
    // Storage can be disabled (private modes, policies): the choice then lasts for the page.
    console.warn('docs: language choice not readable', error)
    return null
  }
}

function storeLanguage(language: string) {
  try {
    window.localStorage.setItem(STORAGE_KEY, language)
  } catch (error) {
    console.warn('docs: language choice not stored', error)
  }
  window.dispatchEvent(new CustomEvent(CHANGE_EVENT, { detail: language }))
}

/**
 * A code group: one tab per language, the reader's language remembered across groups and pages
 * (localStorage), and a copy button for the snippet shown.
 */
export function CodeGroup({ title, tabs }: { title: string | null; tabs: CodeTab[] }) {
  const id = useId()
  const [language, setLanguage] = useState(tabs[0].language)
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle')
  const current = tabs.find((tab) => tab.language === language) ?? tabs[0]

  useEffect(() => {
    const pick = (wanted: string | null) => {
      if (wanted && tabs.some((tab) => tab.language === wanted)) setLanguage(wanted)
    }
    pick(storedLanguage())
    const onChange = (event: Event) => pick((event as CustomEvent<string>).detail)
    window.addEventListener(CHANGE_EVENT, onChange)
    return () => window.removeEventListener(CHANGE_EVENT, onChange)
  }, [tabs])

  const choose = (next: string) => {
    setLanguage(next)
    setCopied('idle')
    storeLanguage(next)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (!step) return
    event.preventDefault()
    const next = tabs[(index + step + tabs.length) % tabs.length]
    choose(next.language)
    document.getElementById(`${id}-tab-${next.language}`)?.focus()
  }

  const copy = () => {
    navigator.clipboard.writeText(current.code).then(
      () => setCopied('copied'),
      (error: unknown) => {
        console.warn('docs: copy failed', error)
        setCopied('failed')
      },
    )
  }

  return (
    <figure className="not-prose my-4 overflow-hidden rounded-md border border-border">
      <div className="flex flex-wrap items-center gap-1 border-b border-border bg-muted px-2 py-1">
        {title && (
          <figcaption className="mr-2 px-1 text-xs font-medium text-muted-foreground">
            {title}
          </figcaption>
        )}
        {tabs.length > 1 ? (
          <div role="tablist" aria-label={title ?? 'Language'} className="flex flex-wrap gap-1">
            {tabs.map((tab, index) => (
              <button
                key={tab.language}
                id={`${id}-tab-${tab.language}`}
                type="button"
                role="tab"
                aria-selected={tab.language === current.language}
                aria-controls={`${id}-panel`}
                tabIndex={tab.language === current.language ? 0 : -1}
                onClick={() => choose(tab.language)}
                onKeyDown={(event) => onKeyDown(event, index)}
                className={cn(
                  'min-h-9 rounded px-2 text-xs',
                  tab.language === current.language
                    ? 'bg-background font-semibold text-foreground shadow-sm'
                    : 'text-muted-foreground hover:text-foreground',
                )}
              >
                {tab.label}
              </button>
            ))}
          </div>
        ) : (
          <span className="px-1 text-xs text-muted-foreground">{current.label}</span>
        )}
        <button
          type="button"
          onClick={copy}
          className="ml-auto min-h-9 rounded px-2 text-xs text-muted-foreground hover:text-foreground"
        >
          {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy'}
          <span className="sr-only"> {current.label} code</span>
        </button>
        <span role="status" className="sr-only">
          {copied === 'copied' ? 'Code copied to the clipboard' : ''}
        </span>
      </div>
      <div
        id={`${id}-panel`}
        role={tabs.length > 1 ? 'tabpanel' : 'region'}
        aria-labelledby={tabs.length > 1 ? `${id}-tab-${current.language}` : undefined}
        aria-label={tabs.length > 1 ? undefined : `${current.label} code`}
        // The panel scrolls (long lines), so it takes focus for keyboard scrolling.
        tabIndex={0}
        className="max-h-[36rem] overflow-auto [&_pre]:m-0 [&_pre]:overflow-visible [&_pre]:rounded-none [&_pre]:border-0"
      >
        <pre className="markdown-body bg-muted p-4 text-sm leading-6">
          <code
            className={`language-${current.language}`}
            dangerouslySetInnerHTML={{ __html: current.html }}
          />
        </pre>
      </div>
    </figure>
  )
}
