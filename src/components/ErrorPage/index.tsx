import type { ReactNode } from 'react'

import { LinkRow } from '@/components/LinkRow'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'

/** Where a lost visitor can go from an error page. */
const WAYS_BACK = [
  { href: '/', label: 'Home' },
  { href: '/api-keys', label: 'API keys' },
  { href: '/docs', label: 'Docs' },
] as const

/**
 * The body of the portal's not-found and error pages, inside the shell: what happened in plain
 * words, a search box (the /search page, works without JavaScript) and links back.
 */
export function ErrorPage({
  code,
  title,
  children,
  actions,
}: {
  code: string
  title: string
  children: ReactNode
  actions?: ReactNode
}) {
  return (
    <div className="mx-auto max-w-xl space-y-6 py-8 text-center sm:py-16">
      <p className="font-mono text-sm font-semibold text-primary">{code}</p>
      <h1 className="text-3xl font-bold tracking-tight">{title}</h1>
      <div className="text-muted-foreground">{children}</div>
      {actions}
      <form
        method="get"
        action="/search"
        role="search"
        aria-label="Search the portal"
        className="flex gap-2"
      >
        <label htmlFor="error-search" className="sr-only">
          Search the portal
        </label>
        <Input
          id="error-search"
          type="search"
          name="q"
          maxLength={100}
          placeholder="Search pages, keys, endpoints…"
        />
        <Button type="submit">Search</Button>
      </form>
      <LinkRow
        label="Ways back"
        links={WAYS_BACK}
        className="justify-center text-sm"
        linkClassName="text-primary underline"
      />
    </div>
  )
}
