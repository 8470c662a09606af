import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { after } from 'next/server'

import { hasRole } from '@/access/roles'
import { LiveRefresh } from '@/components/LiveRefresh/index.client'
import { pageHref, Pagination } from '@/components/Pagination'
import { Alert } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { allCategories, countDiscussionView, getThread, REPLIES_PER_PAGE } from '@/data/forum'
import { requestNow } from '@/data/now'
import { clientIp, currentUser } from '@/data/session'
import { excerpt } from '@/lib/forum/text'
import { relationId } from '@/lib/relationId'
import type { Reply } from '@/payload-types'

import { InlineAction } from '../../_components/InlineAction.client'
import { CategoryChip, KindBadge, TagLinks, authorOf } from '../../_components/parts'
import { Post } from '../../_components/Post'
import { MoveForm } from '../../_components/PostTools.client'
import { ReplyForm } from '../../_components/ReplyForm.client'
import { qaPage } from './_components/qaPage'
import { acceptAction, moderateAction, voteAction, watchAction } from './actions'

type Props = {
  params: Promise<{ id: string }>
  searchParams: Promise<{ page?: string; held?: string }>
}

const idOf = (raw: string) => (/^\d{1,9}$/.test(raw) ? Number(raw) : null)

const pageOf = (raw: string | undefined) =>
  Math.min(Math.max(Number.parseInt(raw ?? '1', 10) || 1, 1), 10_000)

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const id = idOf((await params).id)
  // The same arguments as the page's: React's cache answers the second call.
  const thread = id
    ? await getThread(id, await currentUser(), pageOf((await searchParams).page))
    : null
  if (!thread) return { title: 'Discussion not found' }
  return {
    title: thread.discussion.title,
    description: excerpt(thread.discussion.body, 160),
  }
}

export default async function DiscussionPage({ params, searchParams }: Props) {
  const id = idOf((await params).id)
  if (!id) notFound()
  const { page: rawPage, held } = await searchParams
  const page = pageOf(rawPage)
  const viewer = await currentUser()
  const thread = await getThread(id, viewer, page)
  if (!thread) notFound()
  const { discussion, replies, accepted, reactions, mentions } = thread
  // Counted once the page is sent (a Redis round trip and perhaps an UPDATE off the render path).
  const who = viewer ? `u${viewer.id}` : `ip${await clientIp()}`
  after(() => countDiscussionView(id, who))
  const now = requestNow()
  const viewerId = viewer ? viewer.id : null
  const isModerator = hasRole(viewer, 'moderator')
  const isAuthor = viewerId !== null && authorOf(discussion.author)?.id === viewerId
  const isOpen = discussion.status === 'open'
  const canReply = Boolean(viewer) && (isOpen || isModerator)
  const canAccept =
    discussion.kind === 'question' && (isAuthor || isModerator) && (isOpen || isModerator)
  const acceptedId = accepted?.id ?? null
  const categories = isModerator ? await allCategories() : []
  const common = { mentions, now, viewerId, isModerator, canReply }
  const acceptTool = (reply: Reply) =>
    canAccept ? (
      <InlineAction
        action={acceptAction}
        fields={{
          discussion: String(id),
          reply: reply.id === acceptedId ? 'none' : String(reply.id),
        }}
        variant={reply.id === acceptedId ? 'outline' : 'ghost'}
        isPressed={reply.id === acceptedId}
      >
        {reply.id === acceptedId ? 'Unmark answer' : 'Mark as answer'}
      </InlineAction>
    ) : null
  return (
    <div className="space-y-6">
      {discussion.kind === 'question' && (
        <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: qaPage(thread) }} />
      )}
      {viewer && <LiveRefresh topic={`discussion:${id}`} />}
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/community" className="text-primary underline">
          Community
        </Link>{' '}
        /{' '}
        <Link href="/community/discussions" className="text-primary underline">
          Discussions
        </Link>
      </nav>
      {held === '1' && (
        <Alert tone="info">
          Thanks! Your first post waits for a moderator’s review before others see it.
        </Alert>
      )}
      <header className="space-y-2">
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
          <CategoryChip category={discussion.category} />
        </div>
        <h1 className="text-2xl font-semibold break-words">{discussion.title}</h1>
        <TagLinks tags={discussion.tags} />
        <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
          <span>
            {discussion.replyCount ?? 0} replies · {discussion.viewCount ?? 0} views
          </span>
          {discussion.kind === 'feature-request' && (
            <>
              <span>· {discussion.voteCount ?? 0} votes</span>
              {viewer && (
                <InlineAction
                  action={voteAction}
                  fields={{ discussion: String(id), on: thread.hasVoted ? '0' : '1' }}
                  isPressed={thread.hasVoted}
                >
                  {thread.hasVoted ? 'Voted ▲' : 'Upvote ▲'}
                </InlineAction>
              )}
            </>
          )}
          {viewer && (
            <InlineAction
              action={watchAction}
              fields={{ discussion: String(id), on: thread.isWatching ? '0' : '1' }}
              isPressed={thread.isWatching}
            >
              {thread.isWatching ? 'Watching' : 'Watch'}
            </InlineAction>
          )}
        </div>
      </header>
      {isModerator && (
        <section
          aria-label="Moderation"
          className="flex flex-wrap items-end gap-2 rounded-lg border border-dashed border-border p-3"
        >
          <span className="text-sm font-medium">Moderation:</span>
          {(
            [
              discussion.isPinned ? ['unpin', 'Unpin'] : ['pin', 'Pin'],
              ...(discussion.status === 'open'
                ? [
                    ['lock', 'Lock'],
                    ['close', 'Close'],
                  ]
                : [['reopen', 'Reopen']]),
              discussion.moderationState === 'visible'
                ? ['hide', 'Hide']
                : discussion.moderationState === 'pending'
                  ? ['approve', 'Approve']
                  : ['unhide', 'Unhide'],
            ] as [string, string][]
          ).map(([action, label]) => (
            <InlineAction
              key={action}
              action={moderateAction}
              fields={{ target: 'discussion', id: String(id), action }}
            >
              {label}
            </InlineAction>
          ))}
          <MoveForm
            discussionId={id}
            current={Number(relationId(discussion.category))}
            categories={categories.map((c) => ({ id: c.id, name: c.name }))}
            action={moderateAction}
          />
        </section>
      )}
      <Post
        kind="discussion"
        id={id}
        anchor="discussion"
        body={discussion.body}
        author={discussion.author}
        createdAt={discussion.createdAt}
        editedAt={discussion.editedAt}
        isEditedByModerator={discussion.isEditedByModerator}
        moderationState={discussion.moderationState ?? 'visible'}
        hiddenReason={discussion.hiddenReason}
        attachments={discussion.attachments}
        reactions={reactions.get('d') ?? {}}
        {...common}
      />
      {accepted && (
        <section aria-labelledby="answer-heading" className="space-y-2">
          <h2 id="answer-heading" className="text-lg font-semibold text-success">
            ✓ Accepted answer
          </h2>
          <Post
            kind="reply"
            id={accepted.id}
            anchor="accepted-answer"
            body={accepted.body}
            author={accepted.author}
            createdAt={accepted.createdAt}
            editedAt={accepted.editedAt}
            isEditedByModerator={accepted.isEditedByModerator}
            moderationState={accepted.moderationState ?? 'visible'}
            attachments={accepted.attachments}
            reactions={reactions.get(`r${accepted.id}`) ?? {}}
            tools={acceptTool(accepted)}
            badge={<Badge tone="success">Answer</Badge>}
            {...common}
          />
        </section>
      )}
      <section aria-labelledby="replies-heading" className="space-y-3">
        <h2 id="replies-heading" className="text-lg font-semibold">
          {replies.totalDocs === 1 ? '1 reply' : `${replies.totalDocs} replies`}
        </h2>
        {replies.docs.length === 0 ? (
          <p className="text-sm text-muted-foreground">No replies yet.</p>
        ) : (
          <ol className="space-y-3">
            {replies.docs.map((reply) => {
              const parentId = reply.parent ? Number(relationId(reply.parent)) : null
              return (
                <li key={reply.id}>
                  <Post
                    kind="reply"
                    id={reply.id}
                    anchor={`reply-${reply.id}`}
                    body={reply.body}
                    author={reply.author}
                    createdAt={reply.createdAt}
                    editedAt={reply.editedAt}
                    isEditedByModerator={reply.isEditedByModerator}
                    moderationState={reply.moderationState ?? 'visible'}
                    hiddenReason={reply.hiddenReason}
                    attachments={reply.attachments}
                    reactions={reactions.get(`r${reply.id}`) ?? {}}
                    tools={acceptTool(reply)}
                    badge={
                      <>
                        {reply.id === acceptedId && <Badge tone="success">Answer</Badge>}
                        {parentId && (
                          <a href={`#reply-${parentId}`} className="text-xs text-primary underline">
                            in reply to #{parentId}
                          </a>
                        )}
                      </>
                    }
                    {...common}
                  />
                </li>
              )
            })}
          </ol>
        )}
        <Pagination
          page={replies.page ?? page}
          totalPages={replies.totalPages}
          label="Reply pages"
          hrefFor={(target) => pageHref(`/community/discussions/${id}`, { page: target })}
        />
        <p className="sr-only">{REPLIES_PER_PAGE} replies a page.</p>
      </section>
      {!viewer ? (
        <p className="text-sm">
          <Link
            href={`/login?next=/community/discussions/${id}`}
            className="text-primary underline"
          >
            Log in
          </Link>{' '}
          to reply.
        </p>
      ) : canReply ? (
        <ReplyForm discussionId={id} viewerId={viewer.id} />
      ) : (
        <Alert tone="info">
          This discussion is {discussion.status === 'locked' ? 'locked' : 'closed'}: it takes no
          more replies.
        </Alert>
      )}
    </div>
  )
}
