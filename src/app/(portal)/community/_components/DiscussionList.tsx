import Link from 'next/link'

import { EmptyState } from '@/components/EmptyState'
import { FilterBar } from '@/components/FilterBar'
import { pageHref, Pagination } from '@/components/Pagination'
import { Button } from '@/components/ui/button'
import { allCategories, listDiscussions } from '@/data/forum'
import { requestNow } from '@/data/now'
import { DISCUSSION_KINDS, KIND_LABELS } from '@/lib/forum/config'
import type { ListQuery } from '@/schemas/forum'
import type { User } from '@/payload-types'

import { DiscussionRow } from './parts'

const SORTS = [
  { value: 'latest', label: 'Latest activity' },
  { value: 'new', label: 'Newest' },
  { value: 'top', label: 'Top voted' },
  { value: 'relevance', label: 'Best match' },
]

/**
 * Discussions with filters, sort and search in the query string (a filtered page is a link to
 * share), 20 a page.
 */
export async function DiscussionList({
  base,
  query,
  viewer,
  fixedTag,
}: {
  base: string
  query: ListQuery
  viewer: User | null
  fixedTag?: string
}) {
  const [list, categories] = await Promise.all([
    listDiscussions({ ...query, tag: fixedTag ?? query.tag }, viewer),
    allCategories(),
  ])
  const now = requestNow()
  const params = { ...query, tag: fixedTag ? undefined : query.tag }
  const isFiltered = Boolean(
    query.q ||
    query.category ||
    query.kind ||
    query.state ||
    query.mine ||
    (!fixedTag && query.tag),
  )
  return (
    <div className="space-y-4">
      <FilterBar
        action={base}
        label="Filter discussions"
        search={{
          name: 'q',
          label: 'Search',
          value: query.q,
          placeholder: 'Words in titles and posts',
        }}
        filters={[
          {
            name: 'category',
            label: 'Category',
            value: query.category,
            allLabel: 'All categories',
            options: categories.map((c) => ({ value: c.slug, label: c.name })),
          },
          {
            name: 'kind',
            label: 'Kind',
            value: query.kind,
            allLabel: 'All kinds',
            options: DISCUSSION_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] })),
          },
          {
            name: 'state',
            label: 'Answered',
            value: query.state,
            allLabel: 'Any',
            options: [
              { value: 'solved', label: 'Solved questions' },
              { value: 'unsolved', label: 'Unsolved questions' },
            ],
          },
          ...(viewer
            ? [
                {
                  name: 'mine',
                  label: 'Whose',
                  value: query.mine,
                  allLabel: 'Everyone’s',
                  options: [{ value: '1', label: 'Mine' }],
                },
              ]
            : []),
          {
            name: 'sort',
            label: 'Sort by',
            value: query.sort,
            allLabel: query.q ? 'Best match' : 'Latest activity',
            options: SORTS.filter((sort) => sort.value !== (query.q ? 'relevance' : 'latest')),
          },
        ]}
        keep={fixedTag ? {} : { tag: query.tag }}
        clearHref={base}
      />
      <p className="text-sm text-muted-foreground" role="status">
        {list.totalDocs === 1 ? '1 discussion' : `${list.totalDocs} discussions`}
        {query.q ? ` matching “${query.q}”` : ''}
      </p>
      {list.docs.length === 0 ? (
        <EmptyState
          id="discussions-empty"
          title={isFiltered ? 'No discussion matches' : 'No discussions yet'}
          action={
            viewer ? (
              <Button asChild>
                <Link href="/community/discussions/new">Start a discussion</Link>
              </Button>
            ) : undefined
          }
        >
          {isFiltered
            ? 'Try other words or fewer filters.'
            : 'Ask a question, share what you built or suggest a feature.'}
        </EmptyState>
      ) : (
        <ul
          className="divide-y divide-border rounded-lg border border-border bg-card"
          aria-label="Discussions"
        >
          {list.docs.map((discussion) => (
            <DiscussionRow key={discussion.id} discussion={discussion} now={now} />
          ))}
        </ul>
      )}
      <Pagination
        page={list.page}
        totalPages={list.totalPages}
        hrefFor={(page) => pageHref(base, { ...params, page })}
      />
    </div>
  )
}
