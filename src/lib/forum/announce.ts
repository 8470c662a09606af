import type { PayloadRequest } from 'payload'

import { db } from '../db'
import { portalUrl } from '../emails'
import { publishEventFor } from '../events/publish'
import { hitLimit } from '../rateLimit'
import { FORUM_LIMITS, type DiscussionKind } from './config'
import { pgArray } from './sql'
import { excerpt, mentionsIn } from './text'

type DiscussionLike = {
  id: number
  title: string
  kind: string
  body: string
  author?: unknown
  category?: unknown
  tags?: unknown
}

type ReplyLike = { id: number; body: string; author?: unknown; parent?: unknown }

const idOf = (value: unknown): number | null => {
  const id = Number(
    typeof value === 'object' && value !== null ? (value as { id: unknown }).id : value,
  )
  return Number.isInteger(id) && id > 0 ? id : null
}

export const discussionPath = (id: number) => `/community/discussions/${id}`
export const replyPath = (discussionId: number, replyId: number) =>
  `${discussionPath(discussionId)}#reply-${replyId}`

async function usernames(req: PayloadRequest, ids: number[]): Promise<Map<number, string>> {
  const { rows } = await (
    await db(req)
  ).query<{ id: number; username: string }>(
    'SELECT id, username FROM users WHERE id = ANY($1::int[])',
    [pgArray(ids)],
  )
  return new Map(rows.map((row) => [row.id, row.username]))
}

/**
 * Members mentioned in `body` who exist (ids), the author left out, at most the limit per post,
 * and each member notified of at most `mentionsReceivedPerHour` mentions an hour (a flood of
 * mentions from many posts or accounts stays on the page, not in their inbox).
 */
async function mentionedIds(req: PayloadRequest, body: string, authorId: number) {
  const names = mentionsIn(body).slice(0, FORUM_LIMITS.mentionsNotified)
  if (names.length === 0) return []
  const { rows } = await (
    await db(req)
  ).query<{ id: number }>('SELECT id FROM users WHERE username = ANY($1::text[])', [pgArray(names)])
  const ids: number[] = []
  for (const { id } of rows) {
    if (id === authorId) continue
    const quota = await hitLimit(`forum:m:${id}`, FORUM_LIMITS.mentionsReceivedPerHour, 3_600_000)
    if (quota.isAllowed) ids.push(id)
  }
  return ids
}

type Notice = {
  type: 'community.mentioned' | 'community.replied' | 'community.answer_accepted'
  userIds: number[]
  actorId: number
  actor: string
  discussion: DiscussionLike
  body: string
  link: string
}

async function publishNotices(req: PayloadRequest, notice: Notice) {
  for (const userId of new Set(notice.userIds)) {
    if (userId === notice.actorId) continue
    await publishEventFor(req, {
      type: notice.type,
      account: { owner: userId, organization: null },
      actor: notice.actorId,
      data: {
        discussion_id: notice.discussion.id,
        title: notice.discussion.title,
        url: portalUrl(discussionPath(notice.discussion.id)),
        user_id: userId,
        actor: notice.actor,
        excerpt: excerpt(notice.body, 200),
        link: notice.link,
      },
    })
  }
}

/** A discussion became visible: `discussion.created` and its mentions. */
export async function announceDiscussion(req: PayloadRequest, discussion: DiscussionLike) {
  const authorId = idOf(discussion.author)
  if (!authorId) return
  const names = await usernames(req, [authorId])
  const { rows } = await (
    await db(req)
  ).query<{ slug: string; tags: string[] }>(
    `SELECT c.slug,
            coalesce(array_agg(t.name) FILTER (WHERE t.name IS NOT NULL), '{}') AS tags
       FROM discussions d
       JOIN forum_categories c ON c.id = d.category_id
       LEFT JOIN discussions_rels r ON r.parent_id = d.id AND r.path = 'tags'
       LEFT JOIN tags t ON t.id = r.tags_id
      WHERE d.id = $1 GROUP BY c.slug`,
    [discussion.id],
  )
  const author = names.get(authorId) ?? 'someone'
  await publishEventFor(req, {
    type: 'discussion.created',
    account: { owner: authorId, organization: null },
    actor: authorId,
    data: {
      discussion_id: discussion.id,
      title: discussion.title,
      url: portalUrl(discussionPath(discussion.id)),
      kind: discussion.kind as DiscussionKind,
      category: rows[0]?.slug ?? '',
      author,
      tags: rows[0]?.tags ?? [],
    },
  })
  await publishNotices(req, {
    type: 'community.mentioned',
    userIds: await mentionedIds(req, discussion.body, authorId),
    actorId: authorId,
    actor: author,
    discussion,
    body: discussion.body,
    link: discussionPath(discussion.id),
  })
}

/**
 * A reply became visible: `reply.created`, a mention notice for each member it names, and a
 * reply notice for the discussion's author, the parent reply's author and the watchers.
 */
export async function announceReply(
  req: PayloadRequest,
  reply: ReplyLike,
  discussion: DiscussionLike,
) {
  const authorId = idOf(reply.author)
  if (!authorId) return
  const parentId = idOf(reply.parent)
  const names = await usernames(req, [authorId])
  const author = names.get(authorId) ?? 'someone'
  const link = replyPath(discussion.id, reply.id)
  await publishEventFor(req, {
    type: 'reply.created',
    account: { owner: authorId, organization: null },
    actor: authorId,
    data: {
      discussion_id: discussion.id,
      title: discussion.title,
      url: portalUrl(link),
      reply_id: reply.id,
      author,
      parent_reply_id: parentId,
    },
  })
  const mentioned = await mentionedIds(req, reply.body, authorId)
  await publishNotices(req, {
    type: 'community.mentioned',
    userIds: mentioned,
    actorId: authorId,
    actor: author,
    discussion,
    body: reply.body,
    link,
  })
  const { rows } = await (
    await db(req)
  ).query<{ user_id: number }>(
    `SELECT user_id FROM forum_watches WHERE discussion_id = $1
     UNION SELECT author_id FROM replies WHERE id = $2 AND author_id IS NOT NULL`,
    [discussion.id, parentId ?? 0],
  )
  const discussionAuthor = idOf(discussion.author)
  const readers = [
    ...(discussionAuthor ? [discussionAuthor] : []),
    ...rows.map((row) => row.user_id),
  ].filter((id) => !mentioned.includes(id))
  await publishNotices(req, {
    type: 'community.replied',
    userIds: readers,
    actorId: authorId,
    actor: author,
    discussion,
    body: reply.body,
    link,
  })
}

/** A reply was accepted as the answer: `answer.accepted` and a notice to its author. */
export async function announceAccepted(
  req: PayloadRequest,
  discussion: DiscussionLike,
  reply: ReplyLike,
  acceptedBy: number,
) {
  const questionAuthor = idOf(discussion.author)
  const answerAuthor = idOf(reply.author)
  if (!questionAuthor || !answerAuthor) return
  const names = await usernames(req, [questionAuthor, answerAuthor, acceptedBy])
  const link = replyPath(discussion.id, reply.id)
  await publishEventFor(req, {
    type: 'answer.accepted',
    account: { owner: questionAuthor, organization: null },
    actor: acceptedBy,
    data: {
      discussion_id: discussion.id,
      title: discussion.title,
      url: portalUrl(link),
      reply_id: reply.id,
      answer_author: names.get(answerAuthor) ?? '',
      accepted_by: names.get(acceptedBy) ?? '',
    },
  })
  await publishNotices(req, {
    type: 'community.answer_accepted',
    userIds: [answerAuthor],
    actorId: acceptedBy,
    actor: names.get(acceptedBy) ?? 'someone',
    discussion,
    body: reply.body,
    link,
  })
}
