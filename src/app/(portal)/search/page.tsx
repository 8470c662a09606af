import type { Metadata } from 'next'
import Link from 'next/link'

import { EmptyState } from '@/components/EmptyState'
import { SearchSnippet } from '@/components/SearchSnippet'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { searchPortal, SEARCH_MAX_LENGTH } from '@/data/search'
import { groupsOf } from '@/lib/searchHits'
import { currentUser } from '@/data/session'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: 'Search', robots: { index: false } }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const groupId = (group: string) => `group-${group.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`

/** The search the ⌘K palette and the error pages lead to: the same results, without JavaScript. */
export default async function SearchPage({ searchParams }: Props) {
  const raw = (await searchParams).q
  const query = (typeof raw === 'string' ? raw : '').trim().slice(0, SEARCH_MAX_LENGTH)
  const user = await currentUser()
  const hits = await searchPortal(user, query)
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">Search</h1>
      <form method="get" action="/search" role="search" className="flex gap-2">
        <label htmlFor="search-query" className="sr-only">
          Search the portal
        </label>
        <Input
          id="search-query"
          type="search"
          name="q"
          defaultValue={query}
          maxLength={SEARCH_MAX_LENGTH}
          placeholder="Pages, docs, API keys, webhook endpoints…"
        />
        <Button type="submit">Search</Button>
      </form>
      {query && hits.length === 0 && (
        <EmptyState id="no-results" title={`Nothing matches “${query}”`}>
          {user
            ? 'Search looks at page names, the docs, your API keys (name or key prefix) and your webhook endpoints (URL or description).'
            : 'Search looks at page names and the docs. Log in to search your API keys and webhook endpoints too.'}
        </EmptyState>
      )}
      {groupsOf(hits).map(([group, items]) => (
        <section key={group} aria-labelledby={groupId(group)} className="space-y-2">
          <h2 id={groupId(group)} className="text-lg font-semibold">
            {group}
          </h2>
          <ul className="divide-y divide-border rounded-lg border border-border">
            {items.map((hit) => (
              <li key={hit.href} className="p-3">
                <Link href={hit.href} className="font-medium break-all text-primary underline">
                  {hit.title}
                </Link>
                {hit.detail && (
                  <p className="font-mono text-xs break-all text-muted-foreground">{hit.detail}</p>
                )}
                {hit.snippet && (
                  <p>
                    <SearchSnippet parts={hit.snippet} className="text-sm" />
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  )
}
