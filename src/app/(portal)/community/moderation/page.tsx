import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'

import { hasRole } from '@/access/roles'
import { EmptyState } from '@/components/EmptyState'
import { RelativeTime } from '@/components/RelativeTime/index.client'
import { Badge } from '@/components/ui/badge'
import { moderationLog, reviewQueue } from '@/data/forum'
import { requestNow } from '@/data/now'
import { requireUser } from '@/data/session'
import { FLAG_REASON_LABELS, type FlagReason } from '@/lib/forum/config'
import { excerpt } from '@/lib/forum/text'
import { relationId } from '@/lib/relationId'
import type { Discussion, Flag, Reply, User } from '@/payload-types'

import { CommunityNav } from '../_components/CommunityNav'
import { InlineAction } from '../_components/InlineAction.client'
import { dismissFlagsAction, moderateAction } from '../discussions/[id]/actions'

export const metadata: Metadata = { title: 'Review queue' }

type Item = {
  key: string
  target: 'discussion' | 'reply'
  id: number
  threadId: number
  title: string
  text: string
  state: string
  flags: Flag[]
}

function collect(queue: Awaited<ReturnType<typeof reviewQueue>>): Item[] {
  const items = new Map<string, Item>()
  const add = (target: 'discussion' | 'reply', post: Discussion | Reply, threadId: number) => {
    const key = `${target}:${post.id}`
    const item = items.get(key) ?? {
      key,
      target,
      id: post.id,
      threadId,
      title: 'title' in post ? post.title : `Reply #${post.id}`,
      text: excerpt(post.body, 240),
      state: post.moderationState ?? 'visible',
      flags: [],
    }
    items.set(key, item)
    return item
  }
  for (const discussion of queue.discussions) add('discussion', discussion, discussion.id)
  for (const reply of queue.replies) add('reply', reply, Number(relationId(reply.discussion)))
  for (const flag of queue.flags) {
    const post = (flag.reply ?? flag.discussion) as Discussion | Reply | null
    if (!post || typeof post !== 'object') continue
    add(
      flag.reply ? 'reply' : 'discussion',
      post,
      Number(relationId(flag.thread ?? post.id)),
    ).flags.push(flag)
  }
  return [...items.values()]
}

export default async function ModerationPage() {
  const user = await requireUser('/community/moderation')
  if (!hasRole(user, 'moderator')) notFound()
  const [queue, log] = await Promise.all([reviewQueue(user), moderationLog(user)])
  const items = collect(queue)
  const now = requestNow()
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Review queue</h1>
      <CommunityNav current="/community/moderation" viewer={user} />
      <p className="text-sm text-muted-foreground">
        Posts members flagged, posts held for approval (new members’ first posts) and hidden posts.
        Every action lands in the moderation log below and in the admin panel.
      </p>
      {items.length === 0 ? (
        <EmptyState id="queue-empty" title="Nothing to review">
          Flagged and held posts appear here.
        </EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="Posts to review">
          {items.map((item) => (
            <li key={item.key} className="space-y-2 rounded-lg border border-border bg-card p-4">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={item.state === 'visible' ? 'neutral' : 'danger'}>
                  {item.state === 'pending'
                    ? 'Awaiting approval'
                    : item.state === 'hidden'
                      ? 'Hidden'
                      : 'Visible'}
                </Badge>
                {item.flags.length > 0 && (
                  <Badge tone="warning">{item.flags.length} open flags</Badge>
                )}
                <h2 className="text-base font-semibold">
                  <Link
                    href={`/community/discussions/${item.threadId}${item.target === 'reply' ? `#reply-${item.id}` : ''}`}
                    className="hover:underline"
                  >
                    {item.title}
                  </Link>
                </h2>
              </div>
              <p className="text-sm break-words text-muted-foreground">{item.text}</p>
              {item.flags.length > 0 && (
                <ul className="space-y-1 text-xs" aria-label="Flags">
                  {item.flags.map((flag) => (
                    <li key={flag.id}>
                      {FLAG_REASON_LABELS[flag.reason as FlagReason]} by @
                      {(flag.reporter as User | null)?.username ?? 'member'}
                      {flag.details ? `: “${flag.details}”` : ''} ·{' '}
                      <RelativeTime date={flag.createdAt} now={now} />
                    </li>
                  ))}
                </ul>
              )}
              <div className="flex flex-wrap gap-2">
                {item.state !== 'visible' && (
                  <InlineAction
                    action={moderateAction}
                    fields={{
                      target: item.target,
                      id: String(item.id),
                      action: item.state === 'pending' ? 'approve' : 'unhide',
                    }}
                  >
                    {item.state === 'pending' ? 'Approve' : 'Unhide'}
                  </InlineAction>
                )}
                {item.state !== 'hidden' && (
                  <InlineAction
                    action={moderateAction}
                    fields={{ target: item.target, id: String(item.id), action: 'hide' }}
                  >
                    Hide
                  </InlineAction>
                )}
                {item.flags.length > 0 && (
                  <InlineAction
                    action={dismissFlagsAction}
                    fields={{ target: item.target, id: String(item.id) }}
                    variant="ghost"
                  >
                    Dismiss flags
                  </InlineAction>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="log-heading" className="space-y-2">
        <h2 id="log-heading" className="text-lg font-semibold">
          Moderation log
        </h2>
        {log.docs.length === 0 ? (
          <p className="text-sm text-muted-foreground">No moderation actions yet.</p>
        ) : (
          <ul className="divide-y divide-border rounded-lg border border-border bg-card text-sm">
            {log.docs.map((entry) => (
              <li key={entry.id} className="flex flex-wrap gap-x-3 p-3">
                <code className="text-xs">{entry.action}</code>
                <span className="min-w-0 flex-1 break-words">{entry.summary}</span>
                <span className="text-xs text-muted-foreground">
                  {(entry.actor as User | null)?.username
                    ? `@${(entry.actor as User).username}`
                    : 'automatic'}{' '}
                  · <RelativeTime date={entry.createdAt} now={now} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}
