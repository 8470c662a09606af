import { APIError, ValidationError, type PayloadRequest } from 'payload'

import { hasRole } from '@/access/roles'

import { db } from '../db'
import { hitLimit } from '../rateLimit'
import { FORUM_LIMITS } from './config'
import { countLinks, mentionsIn } from './text'

const tooMany = (message: string, resetMs: number) =>
  new APIError(message, 429, { retryAfter: Math.ceil(resetMs / 1000) }, true)

/** Every forum write (posts, reactions, votes, flags) counts here: 429 past the limit. */
export async function limitWrites(userId: number): Promise<void> {
  const result = await hitLimit(`forum:w:${userId}`, FORUM_LIMITS.writesPerMinute, 60_000)
  if (!result.isAllowed) {
    throw tooMany('Too many changes in a minute. Wait a moment and try again.', result.resetMs)
  }
}

/**
 * A member is new (sandboxed) while their account is younger than a day or none of their posts
 * was accepted as an answer or reviewed. Moderators and staff never are.
 */
export async function isNewMember(req: PayloadRequest, userId: number): Promise<boolean> {
  if (hasRole(req.user, 'moderator')) return false
  const { rows } = await (
    await db(req)
  ).query<{ created_at: Date; trusted: boolean }>(
    `SELECT u.created_at,
            EXISTS (SELECT 1 FROM discussions d JOIN replies r ON r.id = d.accepted_answer_id
                     WHERE r.author_id = u.id)
         OR EXISTS (SELECT 1 FROM forum_moderation_actions m
                     WHERE m.target_author_id = u.id AND m.action = 'post.approved') AS trusted
       FROM users u WHERE u.id = $1`,
    [userId],
  )
  const row = rows[0]
  if (!row) return true
  const ageHours = (Date.now() - new Date(row.created_at).getTime()) / 3_600_000
  return ageHours < FORUM_LIMITS.newMemberHours && !row.trusted
}

/** True when the member has never posted (their first post waits for review when they are new). */
async function hasNoPosts(req: PayloadRequest, userId: number): Promise<boolean> {
  const { rows } = await (
    await db(req)
  ).query<{ n: number }>(
    `SELECT (SELECT count(*) FROM discussions WHERE author_id = $1)
          + (SELECT count(*) FROM replies WHERE author_id = $1) AS n`,
    [userId],
  )
  return Number(rows[0]?.n ?? 0) === 0
}

/**
 * The limits on a new post, on every door: the per-minute post limit for everyone, and for new
 * members topics and replies per day, links, mentions and images per post. Answers whether the
 * post must wait for review (a new member's first post).
 */
export async function checkNewPost(
  req: PayloadRequest,
  userId: number,
  post: { kind: 'topic' | 'reply'; body: string },
): Promise<{ isHeld: boolean }> {
  await limitWrites(userId)
  const perMinute = await hitLimit(`forum:p:${userId}`, FORUM_LIMITS.postsPerMinute, 60_000)
  if (!perMinute.isAllowed) {
    throw tooMany('You are posting too fast. Wait a minute and try again.', perMinute.resetMs)
  }
  if (!(await isNewMember(req, userId))) return { isHeld: false }
  const limits = FORUM_LIMITS.newMember
  const { links, images } = countLinks(post.body)
  const mentions = mentionsIn(post.body).length
  const problems: { path: string; message: string }[] = []
  if (links > limits.linksPerPost) {
    problems.push({
      path: 'body',
      message: `New members may include at most ${limits.linksPerPost} links in a post.`,
    })
  }
  if (images > limits.imagesPerPost) {
    problems.push({
      path: 'body',
      message: `New members may include at most ${limits.imagesPerPost} image in a post.`,
    })
  }
  if (mentions > limits.mentionsPerPost) {
    problems.push({
      path: 'body',
      message: `New members may mention at most ${limits.mentionsPerPost} people in a post.`,
    })
  }
  if (problems.length > 0) throw new ValidationError({ errors: problems })
  const table = post.kind === 'topic' ? 'discussions' : 'replies'
  const perDay = post.kind === 'topic' ? limits.topicsPerDay : limits.repliesPerDay
  const { rows } = await (
    await db(req)
  ).query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table}
      WHERE author_id = $1 AND created_at > now() - interval '1 day'`,
    [userId],
  )
  if (Number(rows[0]?.n ?? 0) >= perDay) {
    throw tooMany(
      `New members may post ${perDay} ${post.kind === 'topic' ? 'topics' : 'replies'} a day. Try again tomorrow.`,
      86_400_000,
    )
  }
  return { isHeld: await hasNoPosts(req, userId) }
}
