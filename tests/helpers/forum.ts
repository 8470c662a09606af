import type { Payload } from 'payload'

import { db } from '@/lib/db'
import type { Discussion, ForumCategory, Reply, User } from '@/payload-types'

import { asUser, makeUser, testPayload, unique } from './payload'

/**
 * A member past the new-member sandbox: the account is two days old and a moderator approved
 * one of their posts earlier (the log entry is what the sandbox reads).
 */
export async function veteran(roles: User['roles'] = ['member']): Promise<User> {
  const payload = await testPayload()
  const user = await makeUser(roles)
  const queryable = await db({ payload })
  await queryable.query(`UPDATE users SET created_at = now() - interval '2 days' WHERE id = $1`, [
    user.id,
  ])
  await queryable.query(
    `INSERT INTO forum_moderation_actions (action, summary, target_author_id, created_at, updated_at)
     VALUES ('post.approved', 'Approved an earlier post', $1, now(), now())`,
    [user.id],
  )
  return user
}

/** A member whose account is two days old but who has no vetted post yet (still sandboxed). */
export async function oldNewcomer(): Promise<User> {
  const payload = await testPayload()
  const user = await makeUser()
  await (
    await db({ payload })
  ).query(`UPDATE users SET created_at = now() - interval '2 days' WHERE id = $1`, [user.id])
  return user
}

export async function category(
  payload: Payload,
  extra: Partial<ForumCategory> = {},
): Promise<ForumCategory> {
  const slug = unique('cat').toLowerCase()
  return payload.create({
    collection: 'forum-categories',
    data: {
      name: `Category ${slug}`,
      slug,
      order: 10,
      colour: '#336699',
      allowedKinds: ['discussion', 'question', 'feature-request', 'bug-report'],
      whoMayStart: 'members',
      ...extra,
    },
    overrideAccess: true,
  })
}

export async function discussion(
  payload: Payload,
  author: User,
  data: Partial<Discussion> & { category: number },
): Promise<Discussion> {
  return payload.create({
    collection: 'discussions',
    data: {
      title: 'How do I batch requests to the tagger?',
      kind: 'question',
      body: 'I send one track at a time and it is slow. Is there a batch endpoint?',
      ...data,
    } as Discussion,
    overrideAccess: false,
    user: asUser(author),
  })
}

export async function reply(
  payload: Payload,
  author: User,
  discussionId: number,
  body = 'Use the batch endpoint with up to 100 ids.',
  extra: Partial<Reply> = {},
): Promise<Reply> {
  return payload.create({
    collection: 'replies',
    data: { discussion: discussionId, body, ...extra } as Reply,
    overrideAccess: false,
    user: asUser(author),
  })
}

/** Forgets the forum's rate-limit windows of these members (tests post more than a minute allows). */
export async function resetForumLimits(users: User[]): Promise<void> {
  const { redis } = await import('@/lib/redis')
  const keys = users.flatMap((user) => [`tt:al:forum:w:${user.id}`, `tt:al:forum:p:${user.id}`])
  if (keys.length > 0) await redis().del(...keys)
}
