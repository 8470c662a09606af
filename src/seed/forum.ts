import type { Payload } from 'payload'

import { db } from '@/lib/db'
import { recountReplies, recountTags, recountVotes } from '@/lib/forum/counts'

import { FORUM_CATEGORIES, FORUM_MEMBERS, FORUM_THREADS } from './forumContent'

const HOUR = 3_600_000
const DEMO_PASSWORD = 'demo-member-pass'

/**
 * The demo forum: its categories, a few more members, and discussions with replies, accepted
 * answers, votes, reactions and tags, dated over the last weeks. Created once (when there is no
 * discussion yet); running it again changes nothing. System writes: no notifications are mailed
 * for the past.
 */
export async function seedForum(payload: Payload): Promise<string[]> {
  const queryable = await db({ payload })
  const { rows: existing } = await queryable.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM discussions',
  )
  if (Number(existing[0]?.n) > 0) return []
  const categoryIds = new Map<string, number>()
  for (const category of FORUM_CATEGORIES) {
    const found = await payload.find({
      collection: 'forum-categories',
      where: { slug: { equals: category.slug } },
      limit: 1,
      overrideAccess: true,
    })
    const doc =
      found.docs[0] ??
      (await payload.create({
        collection: 'forum-categories',
        data: { ...category, allowedKinds: [...category.allowedKinds] },
        overrideAccess: true,
      }))
    categoryIds.set(category.slug, doc.id)
  }
  for (const member of FORUM_MEMBERS) {
    const found = await payload.find({
      collection: 'users',
      where: { username: { equals: member.username } },
      limit: 1,
      overrideAccess: true,
    })
    if (found.docs[0]) continue
    await payload.create({
      collection: 'users',
      data: {
        ...member,
        email: `${member.username}@demo.tunetrail.dev`,
        password: DEMO_PASSWORD,
        roles: ['member'],
        _verified: true,
      },
      overrideAccess: true,
      disableVerificationEmail: true,
    })
  }
  const { rows: users } = await queryable.query<{ id: number; username: string }>(
    'SELECT id, username FROM users',
  )
  const userId = new Map(users.map((user) => [user.username, user.id]))
  const everyone = users.map((user) => user.id)
  const tagIds = new Map<string, number>()
  const tagFor = async (name: string) => {
    if (!tagIds.has(name)) {
      const tag = await payload.create({ collection: 'tags', data: { name }, overrideAccess: true })
      tagIds.set(name, tag.id)
    }
    return tagIds.get(name) as number
  }
  const context = { isSeed: true }
  for (const thread of FORUM_THREADS) {
    const author = userId.get(thread.author)
    if (!author) continue
    const at = Date.now() - thread.daysAgo * 24 * HOUR
    const discussion = await payload.create({
      collection: 'discussions',
      data: {
        title: thread.title,
        kind: thread.kind,
        category: categoryIds.get(thread.category) as number,
        body: thread.body,
        tags: await Promise.all(thread.tags.map(tagFor)),
        author,
        isPinned: thread.pinned ?? false,
        moderationState: 'visible',
        status: 'open',
      },
      overrideAccess: true,
      context,
    })
    await queryable.query('UPDATE discussions SET created_at = $2, updated_at = $2 WHERE id = $1', [
      discussion.id,
      new Date(at).toISOString(),
    ])
    const replyIds: number[] = []
    for (const [index, reply] of (thread.replies ?? []).entries()) {
      const replyAuthor = userId.get(reply.author)
      if (!replyAuthor) continue
      const doc = await payload.create({
        collection: 'replies',
        data: {
          discussion: discussion.id,
          body: reply.body,
          author: replyAuthor,
          moderationState: 'visible',
        },
        overrideAccess: true,
        context,
      })
      const when = new Date(at + (index + 1) * 3 * HOUR).toISOString()
      await queryable.query('UPDATE replies SET created_at = $2, updated_at = $2 WHERE id = $1', [
        doc.id,
        when,
      ])
      replyIds.push(doc.id)
    }
    await recountReplies(queryable, discussion.id)
    if (thread.accepted !== undefined && replyIds[thread.accepted]) {
      await queryable.query(
        'UPDATE discussions SET accepted_answer_id = $2, is_solved = true WHERE id = $1',
        [discussion.id, replyIds[thread.accepted]],
      )
    }
    for (const voter of everyone.filter((id) => id !== author).slice(0, thread.votes ?? 0)) {
      await queryable.query(
        'INSERT INTO forum_votes (discussion_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [discussion.id, voter],
      )
    }
    if (thread.votes) await recountVotes(queryable, discussion.id)
    for (const [index, reaction] of (thread.reactions ?? []).entries()) {
      const reactor = everyone.filter((id) => id !== author)[index % (everyone.length - 1)]
      await payload.create({
        collection: 'reactions',
        data: { discussion: discussion.id, reaction, user: reactor },
        overrideAccess: true,
        context,
      })
    }
    if (thread.status && thread.status !== 'open') {
      await queryable.query('UPDATE discussions SET status = $2 WHERE id = $1', [
        discussion.id,
        thread.status,
      ])
    }
    await queryable.query(`UPDATE discussions SET view_count = $2 WHERE id = $1`, [
      discussion.id,
      20 + ((discussion.id * 37) % 400),
    ])
  }
  await recountTags(queryable, [...tagIds.values()])
  // The demo's posts go back weeks: so do their authors' accounts (past the new-member sandbox).
  await queryable.query(
    `UPDATE users SET created_at = least(created_at, now() - interval '90 days')
      WHERE id IN (SELECT author_id FROM discussions UNION SELECT author_id FROM replies)`,
  )
  return [`forum: ${FORUM_CATEGORIES.length} categories, ${FORUM_THREADS.length} discussions`]
}
