import Link from 'next/link'

import { Badge } from '@/components/ui/badge'
import { RelativeTime } from '@/components/RelativeTime/index.client'
import { KIND_LABELS, type DiscussionKind } from '@/lib/forum/config'
import type { Discussion, ForumCategory, Tag, User } from '@/payload-types'

export const authorOf = (value: unknown) =>
  value && typeof value === 'object' ? (value as User) : null

/** A member's name linking to their profile. */
export function AuthorLink({ user }: { user: User | null }) {
  if (!user) return <span>a former member</span>
  return (
    <Link href={`/u/${user.username}`} className="font-medium hover:underline">
      {user.name}
      <span className="text-muted-foreground"> @{user.username}</span>
    </Link>
  )
}

export function KindBadge({ kind }: { kind: string }) {
  const tone = kind === 'announcement' ? 'primary' : kind === 'bug-report' ? 'warning' : 'neutral'
  return <Badge tone={tone}>{KIND_LABELS[kind as DiscussionKind] ?? kind}</Badge>
}

export function CategoryChip({ category }: { category: unknown }) {
  if (!category || typeof category !== 'object') return null
  const c = category as ForumCategory
  return (
    <Link
      href={`/community/discussions?category=${c.slug}`}
      className="inline-flex items-center gap-1.5 text-xs text-muted-foreground hover:underline"
    >
      <span
        aria-hidden="true"
        className="h-2.5 w-2.5 rounded-full"
        style={{ background: c.colour }}
      />
      {c.name}
    </Link>
  )
}

export function TagLinks({ tags }: { tags: unknown }) {
  const list = (Array.isArray(tags) ? tags : []).filter(
    (tag): tag is Tag => typeof tag === 'object' && tag !== null,
  )
  if (list.length === 0) return null
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Tags">
      {list.map((tag) => (
        <li key={tag.id}>
          <Link
            href={`/community/tags/${tag.name}`}
            className="rounded-full border border-border px-2 py-0.5 text-xs hover:bg-muted"
          >
            #{tag.name}
          </Link>
        </li>
      ))}
    </ul>
  )
}

/** One discussion in a list: kind, state, title, category, tags, counts and last activity. */
export function DiscussionRow({ discussion, now }: { discussion: Discussion; now: number }) {
  const author = authorOf(discussion.author)
  return (
    <li className="flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0 space-y-1.5">
        <div className="flex flex-wrap items-center gap-2">
          {discussion.isPinned && <Badge tone="primary">Pinned</Badge>}
          <KindBadge kind={discussion.kind} />
          {discussion.kind === 'question' &&
            (discussion.isSolved ? (
              <Badge tone="success">Solved</Badge>
            ) : (
              <Badge tone="muted">Unsolved</Badge>
            ))}
          {discussion.status !== 'open' && (
            <Badge tone="warning">{discussion.status === 'locked' ? 'Locked' : 'Closed'}</Badge>
          )}
          {discussion.moderationState !== 'visible' && (
            <Badge tone="danger">
              {discussion.moderationState === 'pending' ? 'Awaiting review' : 'Hidden'}
            </Badge>
          )}
        </div>
        <h2 className="text-base font-semibold break-words">
          <Link href={`/community/discussions/${discussion.id}`} className="hover:underline">
            {discussion.title}
          </Link>
        </h2>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
          <CategoryChip category={discussion.category} />
          <span>by {author ? `@${author.username}` : 'a former member'}</span>
          <span>
            active{' '}
            <RelativeTime date={discussion.lastActivityAt ?? discussion.createdAt} now={now} />
          </span>
        </div>
        <TagLinks tags={discussion.tags} />
      </div>
      <dl className="flex shrink-0 gap-4 text-center text-xs text-muted-foreground">
        {discussion.kind === 'feature-request' && (
          <div>
            <dt>Votes</dt>
            <dd className="text-base font-semibold text-foreground">{discussion.voteCount ?? 0}</dd>
          </div>
        )}
        <div>
          <dt>Replies</dt>
          <dd className="text-base font-semibold text-foreground">{discussion.replyCount ?? 0}</dd>
        </div>
        <div>
          <dt>Views</dt>
          <dd className="text-base font-semibold text-foreground">{discussion.viewCount ?? 0}</dd>
        </div>
      </dl>
    </li>
  )
}
