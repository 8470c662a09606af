import type { Metadata } from 'next'
import Link from 'next/link'

import { EmptyState } from '@/components/EmptyState'
import { RelativeTime } from '@/components/RelativeTime/index.client'
import { Button } from '@/components/ui/button'
import { categoriesOverview } from '@/data/forum'
import { requestNow } from '@/data/now'
import { currentUser } from '@/data/session'

import { CommunityNav } from './_components/CommunityNav'

export const metadata: Metadata = {
  title: 'Community',
  description:
    'Questions and answers, announcements, feature requests and show & tell about TuneTrail.',
}

export default async function CommunityPage() {
  const [viewer, categories] = await Promise.all([currentUser(), categoriesOverview()])
  const now = requestNow()
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Community</h1>
        <Button asChild>
          <Link
            href={viewer ? '/community/discussions/new' : '/login?next=/community/discussions/new'}
          >
            Start a discussion
          </Link>
        </Button>
      </div>
      <CommunityNav current="/community" viewer={viewer} />
      {categories.length === 0 ? (
        <EmptyState id="categories-empty" title="No categories yet">
          Staff create categories in the admin panel.
        </EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" aria-label="Categories">
          {categories.map((category) => (
            <li
              key={category.id}
              className="space-y-2 rounded-lg border border-border border-l-4 bg-card p-4"
              style={{ borderLeftColor: category.colour }}
            >
              <h2 className="text-lg font-semibold">
                <Link
                  href={`/community/discussions?category=${category.slug}`}
                  className="hover:underline"
                >
                  {category.name}
                </Link>
              </h2>
              {category.description && (
                <p className="text-sm text-muted-foreground">{category.description}</p>
              )}
              <p className="text-xs text-muted-foreground">
                {category.topics === 1 ? '1 topic' : `${category.topics} topics`}
                {category.who_may_start === 'staff' ? ' · posted by staff' : ''}
              </p>
              {category.latest_id ? (
                <p className="text-sm">
                  Latest:{' '}
                  <Link
                    href={`/community/discussions/${category.latest_id}`}
                    className="text-primary underline"
                  >
                    {category.latest_title}
                  </Link>{' '}
                  <span className="text-xs text-muted-foreground">
                    <RelativeTime date={category.latest_at ?? new Date(now)} now={now} />
                  </span>
                </p>
              ) : (
                <p className="text-sm text-muted-foreground">Nothing here yet.</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
