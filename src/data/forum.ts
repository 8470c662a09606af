import 'server-only'

import type { Payload } from 'payload'
import { unstable_cache } from 'next/cache'
import { cache } from 'react'

import { hasRole } from '@/access/roles'
import { db } from '@/lib/db'
import { REACTION_KEYS, type ReactionKey } from '@/lib/forum/config'
import { pgArray } from '@/lib/forum/sql'
import { mentionsIn } from '@/lib/forum/text'
import type { ListQuery } from '@/schemas/forum'
import type { Discussion, ForumCategory, Reply, User } from '@/payload-types'

import { payloadClient } from './session'

export const DISCUSSIONS_PER_PAGE = 20
export const REPLIES_PER_PAGE = 50

type Viewer = User | null

const asUser = (user: Viewer) => (user ? { ...user, collection: 'users' as const } : undefined)
const queryable = async (payload: Payload) => db({ payload })

/** Every category, in order, with its topics and the latest visible one. */
export async function categoriesOverview() {
  const payload = await payloadClient()
  const { rows } = await (
    await queryable(payload)
  ).query<{
    id: number
    name: string
    slug: string
    description: string | null
    colour: string
    who_may_start: string
    topics: number
    latest_id: number | null
    latest_title: string | null
    latest_at: string | null
  }>(
    `SELECT c.id, c.name, c.slug, c.description, c.colour, c.who_may_start::text,
            (SELECT count(*)::int FROM discussions d WHERE d.category_id = c.id
               AND d.moderation_state = 'visible') AS topics,
            l.id AS latest_id, l.title AS latest_title, l.last_activity_at AS latest_at
       FROM forum_categories c
       LEFT JOIN LATERAL (
         SELECT id, title, last_activity_at FROM discussions d
          WHERE d.category_id = c.id AND d.moderation_state = 'visible'
          ORDER BY last_activity_at DESC NULLS LAST, id DESC LIMIT 1) l ON true
      ORDER BY c."order", c.name`,
  )
  return rows
}

export async function allCategories(): Promise<ForumCategory[]> {
  const payload = await payloadClient()
  const { docs } = await payload.find({
    collection: 'forum-categories',
    sort: 'order',
    limit: 100,
    depth: 0,
    overrideAccess: false,
  })
  return docs
}

/**
 * A page of discussions: the filters, the order and full-text search (ranked, title above
 * body) in one SQL query over ids, then the documents through the collection's access rules.
 */
export async function listDiscussions(query: ListQuery, viewer: Viewer) {
  const payload = await payloadClient()
  const page = query.page ?? 1
  const values: unknown[] = []
  const param = (value: unknown) => {
    values.push(value)
    return `$${values.length}`
  }
  const where: string[] = []
  if (!hasRole(viewer, 'moderator')) {
    where.push(
      viewer
        ? `(d.moderation_state = 'visible' OR d.author_id = ${param(viewer.id)})`
        : `d.moderation_state = 'visible'`,
    )
  }
  if (query.category) {
    where.push(
      `d.category_id = (SELECT id FROM forum_categories WHERE slug = ${param(query.category)})`,
    )
  }
  if (query.kind) where.push(`d.kind = ${param(query.kind)}`)
  if (query.tag) {
    where.push(`EXISTS (SELECT 1 FROM discussions_rels r JOIN tags t ON t.id = r.tags_id
                         WHERE r.parent_id = d.id AND r.path = 'tags' AND t.name = ${param(query.tag)})`)
  }
  if (query.state) {
    where.push(
      `d.kind = 'question' AND d.is_solved = ${query.state === 'solved' ? 'true' : 'false'}`,
    )
  }
  if (query.mine && viewer) where.push(`d.author_id = ${param(viewer.id)}`)
  if (query.mine && !viewer) where.push('false')
  let rank = '0'
  if (query.q) {
    const tsquery = `websearch_to_tsquery('english', ${param(query.q)})`
    where.push(`forum_search_vector(d.title, d.body) @@ ${tsquery}`)
    rank = `ts_rank(forum_search_vector(d.title, d.body), ${tsquery})`
  }
  const sort = query.sort ?? (query.q ? 'relevance' : 'latest')
  const order =
    sort === 'new'
      ? 'd.created_at DESC, d.id DESC'
      : sort === 'top'
        ? 'd.vote_count DESC, d.reply_count DESC, d.id DESC'
        : sort === 'relevance' && query.q
          ? 'rank DESC, d.last_activity_at DESC'
          : 'd.is_pinned DESC, d.last_activity_at DESC NULLS LAST, d.id DESC'
  const { rows } = await (
    await queryable(payload)
  ).query<{ id: number; total: number }>(
    `SELECT d.id, ${rank} AS rank, count(*) OVER ()::int AS total FROM discussions d
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${order}
      LIMIT ${DISCUSSIONS_PER_PAGE} OFFSET ${(page - 1) * DISCUSSIONS_PER_PAGE}`,
    values,
  )
  const total = Number(rows[0]?.total ?? 0)
  const ids = rows.map((row) => row.id)
  const docs =
    ids.length === 0
      ? []
      : (
          await payload.find({
            collection: 'discussions',
            where: { id: { in: ids } },
            limit: ids.length,
            depth: 1,
            select: { body: false, editHistory: false },
            overrideAccess: false,
            user: asUser(viewer),
          })
        ).docs
  const byId = new Map(docs.map((doc) => [doc.id, doc]))
  return {
    docs: ids.map((id) => byId.get(id)).filter((doc): doc is Discussion => Boolean(doc)),
    page,
    totalDocs: total,
    totalPages: Math.max(1, Math.ceil(total / DISCUSSIONS_PER_PAGE)),
    sort,
  }
}

export type ReactionSummary = Partial<Record<ReactionKey, { count: number; isMine: boolean }>>

/** Reactions of a discussion and of the given replies, with the viewer's own marked. */
async function reactionsOf(
  payload: Payload,
  discussionId: number,
  replyIds: number[],
  viewer: Viewer,
) {
  const { rows } = await (
    await queryable(payload)
  ).query<{ reply_id: number | null; reaction: ReactionKey; n: number; mine: boolean }>(
    `SELECT reply_id, reaction::text AS reaction, count(*)::int AS n,
            coalesce(bool_or(user_id = $3), false) AS mine
       FROM reactions WHERE discussion_id = $1 OR reply_id = ANY($2::int[])
      GROUP BY reply_id, reaction`,
    [discussionId, pgArray(replyIds), viewer?.id ?? 0],
  )
  const summaries = new Map<string, ReactionSummary>()
  for (const row of rows) {
    if (!REACTION_KEYS.includes(row.reaction)) continue
    const key = row.reply_id ? `r${row.reply_id}` : 'd'
    const summary = summaries.get(key) ?? {}
    summary[row.reaction] = { count: Number(row.n), isMine: Boolean(row.mine) }
    summaries.set(key, summary)
  }
  return summaries
}

/** Usernames among those mentioned that belong to members (so only they become links). */
async function knownMentions(payload: Payload, bodies: string[]): Promise<Set<string>> {
  const names = [...new Set(bodies.flatMap(mentionsIn))].slice(0, 200)
  if (names.length === 0) return new Set()
  const { rows } = await (
    await queryable(payload)
  ).query<{ username: string }>('SELECT username FROM users WHERE username = ANY($1::text[])', [
    pgArray(names),
  ])
  return new Set(rows.map((row) => row.username))
}

/**
 * A thread as `viewer` may see it, read from the database: the discussion, a page of replies
 * (oldest first), the accepted answer (whichever page it is on), reactions (the viewer's own
 * marked) and the usernames among the mentions that are members'. Plain data (cacheable).
 */
async function readThread(id: number, viewer: Viewer, page: number) {
  const payload = await payloadClient()
  const user = asUser(viewer)
  const [discussion, replies] = await Promise.all([
    payload.findByID({
      collection: 'discussions',
      id,
      depth: 1,
      select: { editHistory: false },
      populate: { users: { name: true, username: true } },
      disableErrors: true,
      overrideAccess: false,
      user,
    }),
    payload.find({
      collection: 'replies',
      where: { discussion: { equals: id } },
      sort: 'createdAt',
      limit: REPLIES_PER_PAGE,
      page,
      depth: 1,
      select: { editHistory: false },
      populate: { users: { name: true, username: true } },
      overrideAccess: false,
      user,
    }),
  ])
  if (!discussion) return null
  const acceptedId =
    discussion.acceptedAnswer && typeof discussion.acceptedAnswer === 'object'
      ? discussion.acceptedAnswer.id
      : (discussion.acceptedAnswer as number | null | undefined)
  let accepted: Reply | null = replies.docs.find((reply) => reply.id === acceptedId) ?? null
  if (acceptedId && !accepted) {
    accepted = await payload.findByID({
      collection: 'replies',
      id: acceptedId,
      depth: 1,
      select: { editHistory: false },
      populate: { users: { name: true, username: true } },
      disableErrors: true,
      overrideAccess: false,
      user,
    })
  }
  const replyIds = [...replies.docs.map((reply) => reply.id), ...(accepted ? [accepted.id] : [])]
  const [reactions, mentions] = await Promise.all([
    reactionsOf(payload, id, replyIds, viewer),
    knownMentions(payload, [
      discussion.body,
      ...replies.docs.map((reply) => reply.body),
      ...(accepted ? [accepted.body] : []),
    ]),
  ])
  return {
    discussion: discussion as Discussion,
    replies,
    accepted,
    reactions: [...reactions.entries()],
    mentions: [...mentions],
  }
}

type ThreadData = NonNullable<Awaited<ReturnType<typeof readThread>>>

/**
 * The thread as everyone sees it, cached per (thread, page, version): the version is the
 * discussion's `updated_at`, which every change to the thread moves (its own edits, replies
 * posted, edited, hidden or deleted, reactions, votes, accepted answers: see touchThread), read
 * from committed rows before the cache, so a cached entry is never older than its key. At most
 * THREAD_BACKSTOP_SECONDS old otherwise (a member renamed, a mentioned name registered).
 */
const THREAD_BACKSTOP_SECONDS = 300
const cachedPublicThread = unstable_cache(
  async (id: number, page: number, _version: string) => readThread(id, null, page),
  ['forum-thread'],
  { revalidate: THREAD_BACKSTOP_SECONDS },
)
const publicThread = (id: number, page: number, version: string) =>
  // Outside a Next server (scripts, tests) there is no cache.
  process.env.NEXT_RUNTIME ? cachedPublicThread(id, page, version) : readThread(id, null, page)

/**
 * A thread as the viewer may see it, with the viewer's vote and watch. Anonymous viewers and
 * members with nothing unlisted in the thread get the cached public thread, with the member's
 * own reactions, vote and watch laid over it (one small query); moderators, and members whose
 * own held or hidden posts are in it, read it afresh. The view count is always current.
 */
export const getThread = cache(async (id: number, viewer: Viewer, page = 1) => {
  const payload = await payloadClient()
  const sql = await queryable(payload)
  const { rows } = await sql.query<{
    version: string
    view_count: number
    moderation_state: string
    has_own_unlisted: boolean
  }>(
    `SELECT d.updated_at::text AS version, d.view_count, d.moderation_state,
            EXISTS (SELECT 1 FROM replies r WHERE r.discussion_id = d.id AND r.author_id = $2
                       AND r.moderation_state <> 'visible') AS has_own_unlisted
       FROM discussions d WHERE d.id = $1`,
    [id, viewer?.id ?? 0],
  )
  const row = rows[0]
  if (!row) return null
  const isPublic =
    !hasRole(viewer, 'moderator') && row.moderation_state === 'visible' && !row.has_own_unlisted
  const data: ThreadData | null = isPublic
    ? await publicThread(id, page, row.version)
    : await readThread(id, viewer, page)
  if (!data) return null
  const discussion = { ...data.discussion, viewCount: Number(row.view_count) }
  const reactions = new Map(data.reactions)
  if (!viewer) {
    return {
      ...data,
      discussion,
      reactions,
      mentions: new Set(data.mentions),
      hasVoted: false,
      isWatching: false,
    }
  }
  const postIds = [
    ...data.replies.docs.map((reply) => reply.id),
    ...(data.accepted ? [data.accepted.id] : []),
  ]
  const { rows: own } = await sql.query<{
    mine: { reply_id: number | null; reaction: ReactionKey }[]
    voted: boolean
    watching: boolean
  }>(
    `SELECT (SELECT coalesce(json_agg(json_build_object('reply_id', reply_id, 'reaction', reaction::text)), '[]'::json)
               FROM reactions WHERE user_id = $2 AND (discussion_id = $1 OR reply_id = ANY($3::int[]))) AS mine,
            EXISTS (SELECT 1 FROM forum_votes WHERE discussion_id = $1 AND user_id = $2) AS voted,
            EXISTS (SELECT 1 FROM forum_watches WHERE discussion_id = $1 AND user_id = $2) AS watching`,
    [id, viewer.id, pgArray(postIds)],
  )
  if (isPublic) {
    // The cached summaries say nobody's reaction is "mine": mark the viewer's on copies.
    for (const { reply_id, reaction } of own[0]?.mine ?? []) {
      const key = reply_id ? `r${reply_id}` : 'd'
      const summary = reactions.get(key)
      const entry = summary?.[reaction]
      if (summary && entry)
        reactions.set(key, { ...summary, [reaction]: { ...entry, isMine: true } })
    }
  }
  return {
    ...data,
    discussion,
    reactions,
    mentions: new Set(data.mentions),
    hasVoted: Boolean(own[0]?.voted),
    isWatching: Boolean(own[0]?.watching),
  }
})

/** Visible discussions whose titles match the words typed so far (for "similar discussions"). */
export async function similarDiscussions(text: string, limit = 5) {
  const words = text
    .toLowerCase()
    .match(/[\p{L}\p{N}]{3,}/gu)
    ?.slice(0, 12)
  if (!words?.length) return []
  const payload = await payloadClient()
  const { rows } = await (
    await queryable(payload)
  ).query<{ id: number; title: string; is_solved: boolean; reply_count: number }>(
    `SELECT id, title, is_solved, reply_count::int FROM discussions
      WHERE moderation_state = 'visible'
        AND forum_search_vector(title, body) @@ to_tsquery('english', $1)
      ORDER BY ts_rank(forum_search_vector(title, body), to_tsquery('english', $1)) DESC
      LIMIT ${Math.min(limit, 10)}`,
    [words.map((word) => `${word.replace(/'/g, '')}:*`).join(' | ')],
  )
  return rows
}

/** Tags starting with `prefix`, most used first. */
export async function suggestTags(prefix: string) {
  const payload = await payloadClient()
  const { rows } = await (
    await queryable(payload)
  ).query<{ name: string; usage_count: number }>(
    `SELECT name, usage_count::int FROM tags WHERE name LIKE $1 ORDER BY usage_count DESC, name LIMIT 8`,
    [`${prefix.toLowerCase().replace(/[^a-z0-9-]/g, '')}%`],
  )
  return rows
}

/** Members whose username starts with `prefix` (for @mention autocomplete). */
export async function suggestUsers(prefix: string) {
  const clean = prefix.toLowerCase().replace(/[^a-z0-9-]/g, '')
  if (!clean) return []
  const payload = await payloadClient()
  const { rows } = await (
    await queryable(payload)
  ).query<{ username: string; name: string }>(
    `SELECT username, name FROM users WHERE username LIKE $1 ORDER BY username LIMIT 6`,
    [`${clean}%`],
  )
  return rows
}

/** The moderators' review queue: posts with open flags and posts held for approval. */
export async function reviewQueue(viewer: User) {
  const payload = await payloadClient()
  const flags = await payload.find({
    collection: 'flags',
    where: { status: { equals: 'open' } },
    sort: '-createdAt',
    limit: 200,
    depth: 1,
    overrideAccess: false,
    user: asUser(viewer),
  })
  const pending = await Promise.all(
    (['discussions', 'replies'] as const).map((collection) =>
      payload.find({
        collection,
        where: { moderationState: { in: ['pending', 'hidden'] } },
        sort: '-createdAt',
        limit: 100,
        depth: 1,
        overrideAccess: false,
        user: asUser(viewer),
      }),
    ),
  )
  return {
    flags: flags.docs,
    discussions: pending[0].docs as Discussion[],
    replies: pending[1].docs as Reply[],
  }
}

/** The moderation log, newest first. */
export async function moderationLog(viewer: User, page = 1) {
  const payload = await payloadClient()
  return payload.find({
    collection: 'forum-moderation-actions',
    sort: '-createdAt',
    limit: 30,
    page,
    depth: 1,
    overrideAccess: false,
    user: asUser(viewer),
  })
}

/** Counts one view of a discussion per viewer (or address) and hour. */
export async function countDiscussionView(id: number, who: string) {
  const { hitLimit } = await import('@/lib/rateLimit')
  const { countView } = await import('@/lib/forum/counts')
  const seen = await hitLimit(`forum:view:${id}:${who}`, 1, 3_600_000).catch(() => null)
  if (!seen?.isAllowed) return
  const payload = await payloadClient()
  await countView(await queryable(payload), id)
}

/** A member's public forum profile: counts, reputation and recent posts. */
export async function memberProfile(username: string, viewer: Viewer) {
  const payload = await payloadClient()
  const { docs } = await payload.find({
    collection: 'users',
    where: { username: { equals: username } },
    limit: 1,
    depth: 0,
    overrideAccess: false,
    user: asUser(viewer),
  })
  const member = docs[0]
  if (!member) return null
  const { rows } = await (
    await queryable(payload)
  ).query<{ discussions: number; replies: number; accepted: number; reactions: number }>(
    `SELECT
       (SELECT count(*)::int FROM discussions WHERE author_id = $1 AND moderation_state = 'visible') AS discussions,
       (SELECT count(*)::int FROM replies WHERE author_id = $1 AND moderation_state = 'visible') AS replies,
       (SELECT count(*)::int FROM discussions d JOIN replies r ON r.id = d.accepted_answer_id
         WHERE r.author_id = $1 AND d.author_id IS DISTINCT FROM r.author_id
           AND d.moderation_state = 'visible' AND r.moderation_state = 'visible') AS accepted,
       (SELECT count(*)::int FROM reactions x
          LEFT JOIN discussions d ON d.id = x.discussion_id
          LEFT JOIN replies r ON r.id = x.reply_id
         WHERE coalesce(d.author_id, r.author_id) = $1 AND x.user_id <> $1) AS reactions`,
    [member.id],
  )
  const counts = rows[0]
  const [discussions, replies, models] = await Promise.all([
    payload.find({
      collection: 'discussions',
      where: {
        and: [{ author: { equals: member.id } }, { moderationState: { equals: 'visible' } }],
      },
      sort: '-createdAt',
      limit: 10,
      depth: 1,
      select: { body: false, editHistory: false },
      overrideAccess: false,
      user: asUser(viewer),
    }),
    payload.find({
      collection: 'replies',
      where: {
        and: [{ author: { equals: member.id } }, { moderationState: { equals: 'visible' } }],
      },
      sort: '-createdAt',
      limit: 10,
      depth: 1,
      select: { editHistory: false },
      overrideAccess: false,
      user: asUser(viewer),
    }),
    // Their own public, published models (what the hub lists for anyone), newest first.
    payload.find({
      collection: 'ml-models',
      where: {
        and: [
          { owner: { equals: member.id } },
          { organization: { exists: false } },
          { visibility: { equals: 'public' } },
          { status: { equals: 'published' } },
        ],
      },
      sort: '-updatedAt',
      limit: 6,
      depth: 0,
      select: { name: true, slug: true, ownerHandle: true, summary: true, task: true },
      overrideAccess: false,
    }),
  ])
  return {
    member,
    counts,
    /** 15 for each accepted answer, 1 for each reaction from someone else. */
    reputation: counts.accepted * 15 + counts.reactions,
    discussions: discussions.docs,
    replies: replies.docs,
    models: models.docs,
    modelCount: models.totalDocs,
  }
}
