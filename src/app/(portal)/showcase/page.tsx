import type { Metadata } from 'next'
import Link from 'next/link'

import { EmptyState } from '@/components/EmptyState'
import { FilterBar, type Filter } from '@/components/FilterBar'
import { pageHref, Pagination } from '@/components/Pagination'
import { Button } from '@/components/ui/button'
import { pickableModels, showcaseList, showcaseTopics } from '@/data/showcase'
import { currentUser } from '@/data/session'
import { SORT_LABELS, SORTS } from '@/lib/showcase/constants'
import { showcaseQuerySchema } from '@/schemas/showcase'

import { ProjectCard } from './_components/ProjectCard'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = {
  title: 'Showcase',
  description: 'Projects built with TuneTrail: browse, upvote and comment.',
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** /showcase: featured projects, then the ranked list (hot, top, newest) with filters. */
export default async function ShowcasePage({ searchParams }: Props) {
  const raw = Object.fromEntries(
    Object.entries(await searchParams).map(([name, value]) => [
      name,
      Array.isArray(value) ? value[0] : value || undefined,
    ]),
  )
  const query = showcaseQuerySchema.parse(raw)
  const user = await currentUser()
  const [list, topics, models] = await Promise.all([
    showcaseList(user, query),
    showcaseTopics(),
    pickableModels(user),
  ])
  const sort = query.sort ?? 'hot'
  const params = {
    q: query.q,
    tech: query.tech,
    use: query.use,
    model: query.model,
    sort: query.sort,
  }
  const filters: Filter[] = [
    {
      name: 'tech',
      label: 'Technology',
      value: query.tech,
      allLabel: 'Any technology',
      options: topics
        .filter((t) => t.kind === 'tech')
        .map((t) => ({ value: t.slug, label: t.name })),
    },
    {
      name: 'use',
      label: 'Use case',
      value: query.use,
      allLabel: 'Any use case',
      options: topics
        .filter((t) => t.kind === 'use-case')
        .map((t) => ({ value: t.slug, label: t.name })),
    },
    {
      name: 'model',
      label: 'Model used',
      value: query.model,
      allLabel: 'Any model',
      options: models.map((m) => ({ value: `${m.ownerHandle}/${m.slug}`, label: m.name })),
    },
  ]
  const viewerId = user?.id ?? null
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">Showcase</h1>
          <p className="max-w-2xl text-sm text-muted-foreground">
            Apps, tools and experiments the community built with TuneTrail. Upvote what you like;
            makers read every comment.
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {user && (
            <Button asChild variant="outline">
              <Link href="/showcase/my-projects">My projects</Link>
            </Button>
          )}
          <Button asChild>
            <Link href="/showcase/submit">Submit a project</Link>
          </Button>
        </div>
      </div>
      {list.featured.length > 0 && (
        <section aria-labelledby="featured-heading" className="space-y-3">
          <h2 id="featured-heading" className="text-lg font-semibold">
            Featured
          </h2>
          <ul aria-label="Featured projects" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
            {list.featured.map((project) => (
              <ProjectCard
                key={project.id}
                project={project}
                isVoted={list.voted.has(project.id)}
                viewerId={viewerId}
                isFeatured
              />
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="ranked-heading" className="space-y-4">
        <h2 id="ranked-heading" className="text-lg font-semibold">
          {SORT_LABELS[sort]}
        </h2>
        <nav aria-label="Ranking" className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
          <ul className="flex min-w-max gap-1 border-b border-border">
            {SORTS.map((option) => (
              <li key={option}>
                <Link
                  href={pageHref('/showcase', {
                    ...params,
                    sort: option === 'hot' ? undefined : option,
                  })}
                  aria-current={option === sort ? 'page' : undefined}
                  className="-mb-px inline-block min-h-10 border-b-2 border-transparent px-3 py-2 text-sm text-muted-foreground hover:text-foreground aria-[current=page]:border-primary aria-[current=page]:font-semibold aria-[current=page]:text-foreground"
                >
                  {SORT_LABELS[option]}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <FilterBar
          action="/showcase"
          label="Filter projects"
          search={{
            name: 'q',
            label: 'Search',
            value: query.q,
            placeholder: 'DJ, playlist, tagging…',
          }}
          filters={filters}
          keep={{ sort: query.sort }}
          clearHref={query.sort ? `/showcase?sort=${query.sort}` : '/showcase'}
        />
        <p role="status" className="text-sm text-muted-foreground">
          {list.total === 1 ? '1 project' : `${list.total.toLocaleString('en')} projects`}
        </p>
        {list.projects.length === 0 ? (
          <EmptyState
            id="no-projects"
            title="No projects match"
            action={
              <Button asChild variant="outline">
                <Link href="/showcase">Clear filters</Link>
              </Button>
            }
          >
            Try fewer filters, another ranking, or submit the first one.
          </EmptyState>
        ) : (
          <ol aria-label="Projects" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
            {list.projects.map((project, index) => (
              <ProjectCard
                key={project.id}
                project={project}
                isVoted={list.voted.has(project.id)}
                viewerId={viewerId}
                isFeatured={Boolean(project.featured)}
                rank={(list.page - 1) * 12 + index + 1}
              />
            ))}
          </ol>
        )}
        <Pagination
          page={list.page}
          totalPages={list.pages}
          hrefFor={(n) => pageHref('/showcase', { ...params, page: n })}
          label="Project pages"
        />
      </section>
    </div>
  )
}
