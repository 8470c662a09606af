import { APIError, ValidationError, type PayloadRequest } from 'payload'

import { hasRole } from '@/access/roles'

import { db } from '../db'
import { hitLimit } from '../rateLimit'
import { FORUM_LIMITS } from './config'
import { countLinks } from './text'

export const tooMany = (message: string, resetMs: number) =>
  new APIError(message, 429, { retryAfter: Math.ceil(resetMs / 1000) }, true)

/** Every forum write (posts, reactions, votes, flags) counts here: 429 past the limit. */
export async function limitWrites(userId: number): Promise<void> {
  const result = await hitLimit(`forum:w:${userId}`, FORUM_LIMITS.writesPerMinute, 60_000)
  if (!result.isAllowed) {
    throw tooMany('Too many changes in a minute. Wait a moment and try again.', result.resetMs)
  }
}

/** SQL (over `u`, a users row): the member has content a moderator or another member vouched for. */
export const TRUSTED_SQL = `(
     EXISTS (SELECT 1 FROM discussions d WHERE d.author_id = u.id AND d.moderation_state = 'visible')
  OR EXISTS (SELECT 1 FROM replies r WHERE r.author_id = u.id AND r.moderation_state = 'visible'
                AND r.is_thread_visible)
  OR EXISTS (SELECT 1 FROM discussions d JOIN replies r ON r.id = d.accepted_answer_id
              WHERE r.author_id = u.id AND r.author_id <> d.author_id
                AND d.moderation_state = 'visible' AND r.moderation_state = 'visible')
  OR EXISTS (SELECT 1 FROM forum_moderation_actions m
              WHERE m.target_author_id = u.id AND m.action = 'post.approved'))`

/**
 * A member is new (sandboxed) while their account is younger than `newMemberHours` OR they have
 * no trusted content yet: a visible post (a sandboxed member's posts all wait for review until a
 * moderator approves one, so a visible post is one a moderator let through), a post a moderator
 * approved, or a reply someone else accepted as the answer to their visible question. Accepting
 * one's own reply earns nothing. Moderators and staff never are new.
 */
export async function isNewMember(req: PayloadRequest, userId: number): Promise<boolean> {
  if (hasRole(req.user, 'moderator')) return false
  const { rows } = await (
    await db(req)
  ).query<{ created_at: Date; trusted: boolean }>(
    `SELECT u.created_at, ${TRUSTED_SQL} AS trusted FROM users u WHERE u.id = $1`,
    [userId],
  )
  const row = rows[0]
  if (!row) return true
  const ageHours = (Date.now() - new Date(row.created_at).getTime()) / 3_600_000
  return ageHours < FORUM_LIMITS.newMemberHours || !row.trusted
}

/**
 * True when a new member has no post a moderator let through: none visible and none approved
 * (their posts wait for review until one is, however many they send).
 */
async function isUnvetted(req: PayloadRequest, userId: number): Promise<boolean> {
  const { rows } = await (
    await db(req)
  ).query<{ is_vetted: boolean }>(
    `SELECT (
        EXISTS (SELECT 1 FROM discussions WHERE author_id = $1 AND moderation_state = 'visible')
     OR EXISTS (SELECT 1 FROM replies WHERE author_id = $1 AND moderation_state = 'visible')
     OR EXISTS (SELECT 1 FROM forum_moderation_actions
                 WHERE target_author_id = $1 AND action = 'post.approved')) AS is_vetted`,
    [userId],
  )
  return !rows[0]?.is_vetted
}

/** Links, mentions and images of a new member's post: a 422 naming the body past a limit. */
function checkContent(body: string): void {
  const limits = FORUM_LIMITS.newMember
  const { links, images, mentions } = countLinks(body)
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
}

/**
 * An edit of a post's body (every door: REST PATCH, GraphQL, pages): the write limit for
 * everyone, and for new members the same link, mention and image limits as a new post.
 */
export async function checkEditedPost(
  req: PayloadRequest,
  userId: number,
  body: string | null | undefined,
  previousBody: string | null | undefined,
): Promise<void> {
  await limitWrites(userId)
  if (typeof body !== 'string' || body === previousBody) return
  if (await isNewMember(req, userId)) checkContent(body)
}

/**
 * The limits on a new post, on every door: the per-minute post limit for everyone, and for new
 * members topics and replies per day, links, mentions and images per post. Answers whether the
 * post must wait for review (a new member's posts until a moderator let one through).
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
  checkContent(post.body)
  const limits = FORUM_LIMITS.newMember
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
  return { isHeld: await isUnvetted(req, userId) }
}

/**
 * A new tag (members add them when posting or through the API): at most `tagsPerHour` per
 * member, and none by new members, who use the existing ones (Discourse's rule too).
 */
export async function checkNewTag(req: PayloadRequest, userId: number): Promise<void> {
  if (hasRole(req.user, 'moderator')) return
  await limitWrites(userId)
  const result = await hitLimit(`forum:t:${userId}`, FORUM_LIMITS.tagsPerHour, 3_600_000)
  if (!result.isAllowed) {
    throw tooMany(`At most ${FORUM_LIMITS.tagsPerHour} new tags an hour.`, result.resetMs)
  }
  if (await isNewMember(req, userId)) {
    throw new ValidationError({
      errors: [{ path: 'name', message: 'New members use existing tags; new ones come later.' }],
    })
  }
}
