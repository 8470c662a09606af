import { APIError, ValidationError, type PayloadRequest } from 'payload'

import { personId } from '@/access/forumPosts'
import { hasRole } from '@/access/roles'

import { db } from '../db'
import { relationId } from '../relationId'
import { inTransaction } from '../transactions'
import { announceAccepted } from './announce'
import { logModeration } from './audit'
import type { ReactionKey } from './config'
import { recountTags, recountVotes } from './counts'
import { limitWrites } from './limits'
import { pgArray } from './sql'
import { readableTarget, refuseWhenLocked, targetKey } from './targets'

/**
 * The forum's actions that are not plain document writes, shared by the pages' server actions
 * and the REST endpoints: each checks the caller itself (`req.user`), runs in one transaction
 * and answers 4xx with a message naming the problem.
 */

const notFound = () => new APIError('Not found.', 404, undefined, true)

function caller(req: PayloadRequest): number {
  const id = personId(req.user)
  if (id === null)
    throw new APIError('Sign in (or use a personal API key) to do this.', 403, undefined, true)
  return id
}

async function readableDiscussion(req: PayloadRequest, id: number | string) {
  const doc = await req.payload.findByID({
    collection: 'discussions',
    id,
    depth: 0,
    disableErrors: true,
    overrideAccess: false,
    req,
  })
  if (!doc) throw notFound()
  return doc
}

/**
 * Marks `replyId` as the answer of a question (null clears it): the question's author or a
 * moderator, a visible reply of that discussion. Changing it is allowed; the new answer's
 * author is notified.
 */
export async function acceptAnswer(
  req: PayloadRequest,
  discussionId: number,
  replyId: number | null,
): Promise<{ acceptedAnswer: number | null }> {
  const userId = caller(req)
  return inTransaction(req, async () => {
    const discussion = await readableDiscussion(req, discussionId)
    if (discussion.kind !== 'question') {
      throw new ValidationError({
        errors: [{ path: 'reply', message: 'Only questions have an accepted answer.' }],
      })
    }
    const isAuthor = Number(relationId(discussion.author)) === userId
    const isModerator = hasRole(req.user, 'moderator')
    if (!isAuthor && !isModerator) {
      throw new APIError(
        'Only the question’s author or a moderator accepts an answer.',
        403,
        undefined,
        true,
      )
    }
    if (!isModerator && discussion.status !== 'open') {
      throw new APIError('This discussion is locked.', 423, undefined, true)
    }
    await limitWrites(userId)
    const queryable = await db(req)
    let reply: { id: number; body: string; author_id: number | null } | undefined
    if (replyId !== null) {
      const { rows } = await queryable.query<{
        id: number
        body: string
        author_id: number | null
      }>(
        `SELECT id, body, author_id FROM replies
          WHERE id = $1 AND discussion_id = $2 AND moderation_state = 'visible'`,
        [replyId, discussionId],
      )
      reply = rows[0]
      if (!reply) {
        throw new ValidationError({
          errors: [{ path: 'reply', message: 'Accept a visible reply of this discussion.' }],
        })
      }
    }
    const previous = discussion.acceptedAnswer
      ? Number(relationId(discussion.acceptedAnswer))
      : null
    await queryable.query(
      'UPDATE discussions SET accepted_answer_id = $2, is_solved = $3, updated_at = now() WHERE id = $1',
      [discussionId, replyId, replyId !== null],
    )
    if (reply && reply.id !== previous) {
      await announceAccepted(
        req,
        discussion as never,
        { id: reply.id, body: reply.body, author: reply.author_id },
        userId,
      )
    }
    if (!isAuthor) {
      await logModeration(req, {
        action: 'answer.accepted',
        summary: replyId
          ? `Accepted reply #${replyId} as the answer to “${discussion.title}”`
          : `Cleared the accepted answer of “${discussion.title}”`,
        discussion: discussionId,
        reply: replyId,
        targetAuthor: Number(relationId(discussion.author)) || null,
      })
    }
    return { acceptedAnswer: replyId }
  })
}

/** One upvote per member on a feature request; `isVoting: false` takes it back. */
export async function setVote(
  req: PayloadRequest,
  discussionId: number,
  isVoting: boolean,
): Promise<{ voteCount: number; hasVoted: boolean }> {
  const userId = caller(req)
  return inTransaction(req, async () => {
    const discussion = await readableDiscussion(req, discussionId)
    if (discussion.kind !== 'feature-request') {
      throw new ValidationError({
        errors: [{ path: 'vote', message: 'Only feature requests take votes.' }],
      })
    }
    await refuseWhenLocked(req, discussionId, discussion.status)
    await limitWrites(userId)
    const queryable = await db(req)
    if (isVoting) {
      await queryable.query(
        `INSERT INTO forum_votes (discussion_id, user_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING`,
        [discussionId, userId],
      )
    } else {
      await queryable.query('DELETE FROM forum_votes WHERE discussion_id = $1 AND user_id = $2', [
        discussionId,
        userId,
      ])
    }
    return { voteCount: await recountVotes(queryable, discussionId), hasVoted: isVoting }
  })
}

/** Watching a discussion: a notice for every new reply. */
export async function setWatch(
  req: PayloadRequest,
  discussionId: number,
  isWatching: boolean,
): Promise<{ isWatching: boolean }> {
  const userId = caller(req)
  return inTransaction(req, async () => {
    await readableDiscussion(req, discussionId)
    await limitWrites(userId)
    const queryable = await db(req)
    if (isWatching) {
      await queryable.query(
        'INSERT INTO forum_watches (discussion_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [discussionId, userId],
      )
    } else {
      await queryable.query('DELETE FROM forum_watches WHERE discussion_id = $1 AND user_id = $2', [
        discussionId,
        userId,
      ])
    }
    return { isWatching }
  })
}

/** Adds the caller's reaction to a post, or takes it back when it is there. */
export async function toggleReaction(
  req: PayloadRequest,
  input: { discussion?: number; reply?: number; reaction: ReactionKey },
): Promise<{ isReacted: boolean; count: number }> {
  const userId = caller(req)
  return inTransaction(req, async () => {
    const target = await readableTarget(req, input)
    await refuseWhenLocked(req, target.discussionId)
    const key = `${userId}:${targetKey(target)}:${input.reaction}`
    const queryable = await db(req)
    const { rows } = await queryable.query<{ id: number }>(
      'SELECT id FROM reactions WHERE unique_key = $1',
      [key],
    )
    if (rows[0]) {
      await limitWrites(userId)
      await req.payload.delete({
        collection: 'reactions',
        id: rows[0].id,
        overrideAccess: false,
        req,
      })
    } else {
      await req.payload.create({
        collection: 'reactions',
        data: {
          discussion: target.kind === 'discussion' ? target.id : undefined,
          reply: target.kind === 'reply' ? target.id : undefined,
          reaction: input.reaction,
        },
        overrideAccess: false,
        req,
      })
    }
    const column = target.kind === 'reply' ? 'reply_id' : 'discussion_id'
    const { rows: counted } = await queryable.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM reactions WHERE ${column} = $1 AND reaction = $2`,
      [target.id, input.reaction],
    )
    return { isReacted: !rows[0], count: Number(counted[0]?.n ?? 0) }
  })
}

/** Moderators merge tags: discussions tagged with `from` get `into`, and `from` is deleted. */
export async function mergeTags(
  req: PayloadRequest,
  from: number[],
  into: number,
): Promise<{ merged: number }> {
  if (!hasRole(req.user, 'moderator')) {
    throw new APIError('Only moderators merge tags.', 403, undefined, true)
  }
  const sources = [...new Set(from)].filter((id) => id !== into)
  if (sources.length === 0) {
    throw new ValidationError({
      errors: [{ path: 'from', message: 'Name tags other than the target.' }],
    })
  }
  return inTransaction(req, async () => {
    const queryable = await db(req)
    const { rows: tags } = await queryable.query<{ id: number; name: string }>(
      'SELECT id, name FROM tags WHERE id = ANY($1::int[])',
      [pgArray([...sources, into])],
    )
    const target = tags.find((tag) => tag.id === into)
    if (!target || tags.length !== sources.length + 1) {
      throw new ValidationError({ errors: [{ path: 'from', message: 'No such tag.' }] })
    }
    // A discussion carrying both keeps one.
    await queryable.query(
      `DELETE FROM discussions_rels r WHERE r.path = 'tags' AND r.tags_id = ANY($1::int[])
          AND EXISTS (SELECT 1 FROM discussions_rels o WHERE o.parent_id = r.parent_id
                        AND o.path = 'tags' AND o.tags_id = $2)`,
      [pgArray(sources), into],
    )
    const { rowCount } = await queryable.query(
      `UPDATE discussions_rels SET tags_id = $2 WHERE path = 'tags' AND tags_id = ANY($1::int[])`,
      [pgArray(sources), into],
    )
    await queryable.query('DELETE FROM tags WHERE id = ANY($1::int[])', [pgArray(sources)])
    await recountTags(queryable, [into])
    await logModeration(req, {
      action: 'tags.merged',
      summary: `Merged ${tags
        .filter((tag) => tag.id !== into)
        .map((tag) => tag.name)
        .join(', ')} into ${target.name}`,
      changes: { from: sources, into },
    })
    return { merged: rowCount ?? 0 }
  })
}
