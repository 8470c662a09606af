'use client'

import { Command } from 'cmdk'
import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'

import { SearchSnippet } from '@/components/SearchSnippet'
import { groupsOf, type SearchHit } from '@/lib/searchHits'

import { SearchIcon } from './icons'

const DEBOUNCE_MS = 150

type Destination = { href: string; label: string }

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))

const itemClass =
  'flex cursor-pointer flex-col gap-0.5 rounded-md px-3 py-2 text-sm data-[selected=true]:bg-muted'

/**
 * Search from anywhere: ⌘K (Ctrl+K, or `/`) or the header's button opens a palette listing the
 * sections, then pages, docs pages (with a snippet), API keys and webhook endpoints matching
 * what is typed (from /api/search, as the signed-in person). Arrow keys move, Enter opens, Escape closes.
 */
export function CommandPalette({ destinations }: { destinations: Destination[] }) {
  const router = useRouter()
  const [isOpen, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  /** The results, and the query they answer (older answers never show for a newer query). */
  const [answer, setAnswer] = useState<{ query: string; hits: SearchHit[] }>({
    query: '',
    hits: [],
  })
  const [status, setStatus] = useState<'idle' | 'loading' | 'failed'>('idle')
  /** The highlighted item: the best hit once results arrive, so Enter opens it. */
  const [selected, setSelected] = useState('')

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const isShortcut = event.key.toLowerCase() === 'k' && (event.metaKey || event.ctrlKey)
      if (isShortcut || (event.key === '/' && !isTyping(event.target))) {
        event.preventDefault()
        setOpen((open) => !open || !isShortcut)
      }
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])

  useEffect(() => {
    const q = query.trim()
    if (!q) return
    const controller = new AbortController()
    const timer = window.setTimeout(async () => {
      setStatus('loading')
      try {
        const response = await fetch(`/api/search?q=${encodeURIComponent(q)}`, {
          signal: controller.signal,
        })
        if (!response.ok) throw new Error(`search answered ${response.status}`)
        const found = ((await response.json()) as { hits: SearchHit[] }).hits
        setAnswer({ query: q, hits: found })
        setSelected(found[0]?.href ?? 'all-results')
        setStatus('idle')
      } catch (error) {
        if (!controller.signal.aborted) {
          setStatus('failed')
          console.warn('search failed', error)
        }
      }
    }, DEBOUNCE_MS)
    return () => {
      window.clearTimeout(timer)
      controller.abort()
    }
  }, [query])

  const trimmed = query.trim()
  const hits = answer.query === trimmed ? answer.hits : []
  const isSearching = Boolean(trimmed) && answer.query !== trimmed && status !== 'failed'

  const go = (href: string) => {
    setOpen(false)
    setQuery('')
    router.push(href)
  }

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-keyshortcuts="Meta+K Control+K"
        className="inline-flex min-h-10 min-w-10 items-center justify-center gap-2 rounded-md border border-border px-2 text-sm text-muted-foreground hover:bg-muted 2xl:min-w-52 2xl:justify-start 2xl:px-3"
      >
        <SearchIcon />
        <span className="sr-only 2xl:not-sr-only">Search…</span>
        <kbd className="ml-auto hidden rounded border border-border px-1.5 text-xs 2xl:inline">
          ⌘K
        </kbd>
      </button>
      <Command.Dialog
        open={isOpen}
        onOpenChange={setOpen}
        label="Search the portal"
        shouldFilter={false}
        value={selected}
        onValueChange={setSelected}
        overlayClassName="fixed inset-0 z-50 bg-black/50"
        contentClassName="fixed left-1/2 top-[12vh] z-50 w-[calc(100vw-2rem)] max-w-xl -translate-x-1/2 overflow-hidden rounded-lg border border-border bg-card text-foreground shadow-xl"
      >
        <div className="flex items-center gap-2 border-b border-border px-3">
          <SearchIcon />
          <Command.Input
            value={query}
            onValueChange={(value) => {
              setQuery(value)
              setStatus(value.trim() ? 'loading' : 'idle')
            }}
            placeholder="Search pages, docs, API keys, webhooks…"
            className="min-h-12 flex-1 bg-transparent text-base outline-none"
          />
        </div>
        <Command.List className="max-h-[60vh] overflow-y-auto p-2">
          <div aria-live="polite" className="empty:hidden">
            {isSearching && <p className="px-3 py-2 text-sm text-muted-foreground">Searching…</p>}
            {trimmed && status === 'failed' && (
              <p className="px-3 py-2 text-sm text-danger">
                Search failed. Try again, or open the search page.
              </p>
            )}
            {trimmed && !isSearching && status === 'idle' && hits.length === 0 && (
              <p className="px-3 py-2 text-sm text-muted-foreground">
                Nothing matches “{trimmed}”.
              </p>
            )}
          </div>
          {!query.trim() && (
            <Command.Group
              heading="Go to"
              className="text-xs text-muted-foreground [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:py-1"
            >
              {destinations.map((destination) => (
                <Command.Item
                  key={destination.href}
                  value={destination.href}
                  onSelect={() => go(destination.href)}
                  className={`${itemClass} text-foreground`}
                >
                  {destination.label}
                </Command.Item>
              ))}
            </Command.Group>
          )}
          {groupsOf(hits).map(([group, items]) => (
            <Command.Group
              key={group}
              heading={group}
              className="text-xs text-muted-foreground [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:py-1"
            >
              {items.map((hit) => (
                <Command.Item
                  key={hit.href}
                  value={hit.href}
                  onSelect={() => go(hit.href)}
                  className={`${itemClass} text-foreground`}
                >
                  <span className="break-all">{hit.title}</span>
                  {hit.detail && (
                    <span className="font-mono text-xs break-all text-muted-foreground">
                      {hit.detail}
                    </span>
                  )}
                  {hit.snippet && <SearchSnippet parts={hit.snippet} />}
                </Command.Item>
              ))}
            </Command.Group>
          ))}
          {query.trim() && (
            <Command.Item
              value="all-results"
              onSelect={() => go(`/search?q=${encodeURIComponent(query.trim())}`)}
              className={`${itemClass} text-primary`}
            >
              All results for “{query.trim()}”
            </Command.Item>
          )}
        </Command.List>
      </Command.Dialog>
    </>
  )
}
