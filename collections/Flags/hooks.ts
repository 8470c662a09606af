import {
  ValidationError,
  type CollectionAfterChangeHook,
  type CollectionBeforeChangeHook,
} from 'payload'

import { personId } from '@/access/forumPosts'
import { hasRole } from '@/access/roles'
import { db } from '@/lib/db'
import { refreshThreadAttachments } from '@/lib/forum/attachments'
import { logModeration } from '@/lib/forum/audit'
import { FORUM_LIMITS } from '@/lib/forum/config'
import { recountReplies, setThreadVisibility } from '@/lib/forum/counts'
import { limitWrites, TRUSTED_SQL } from '@/lib/forum/limits'
import { readableTarget, targetKey } from '@/lib/forum/targets'
import { relationId } from '@/lib/relationId'
import type { Flag } from '@/payload-types'

/** A flag is the caller's, on a post of someone else's they can read, once per post. */
export const beforeFlagChange: CollectionBeforeChangeHook<Flag> = async ({
  data,
  req,
  operation,
}) => {
  if (operation !== 'create') return data
  const target = await readableTarget(req, data)
  const userId = personId(req.user) ?? Number(relationId(data.reporter))
  if (personId(req.user) !== null) await limitWrites(userId)
  if (target.authorId === userId) {
    throw new ValidationError({
      errors: [{ path: target.kind, message: 'You cannot flag your own post.' }],
    })
  }
  data.reporter = userId
  data.discussion = target.kind === 'discussion' ? target.id : null
  data.reply = target.kind === 'reply' ? target.id : null
  data.thread = target.discussionId
  data.uniqueKey = `${userId}:${targetKey(target)}`
  return data
}

/**
 * Once enough distinct members past the new-member sandbox flagged a post (open flags), it is
 * hidden until a moderator reviews it; the moderation log says the flags did it. Throwaway
 * accounts' flags reach the review queue but hide nothing, and staff and moderators' posts are
 * never hidden by flags. A moderator's change of a flag (in /admin) is logged.
 */
export const afterFlagChange: CollectionAfterChangeHook<Flag> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (operation !== 'create') {
    if (previousDoc && doc.status !== previousDoc.status && hasRole(req.user, 'moderator')) {
      const post = doc.reply
        ? `reply #${relationId(doc.reply)}`
        : `discussion #${relationId(doc.discussion)}`
      await logModeration(req, {
        action: doc.status === 'dismissed' ? 'flag.dismissed' : 'flag.updated',
        summary: `Flag #${doc.id} on ${post}: ${previousDoc.status} → ${doc.status}`,
        discussion: Number(relationId(doc.thread)) || null,
        reply: Number(relationId(doc.reply)) || null,
        changes: { flag: doc.id, status: { from: previousDoc.status, to: doc.status } },
      })
    }
    return doc
  }
  const isReply = Boolean(doc.reply)
  const postId = Number(relationId(isReply ? doc.reply : doc.discussion))
  const table = isReply ? 'replies' : 'discussions'
  const column = isReply ? 'reply_id' : 'discussion_id'
  const queryable = await db(req)
  const { rows } = await queryable.query<{ n: number }>(
    `SELECT count(DISTINCT f.reporter_id)::int AS n FROM flags f JOIN users u ON u.id = f.reporter_id
      WHERE f.${column} = $1 AND f.status = 'open'
        AND u.created_at < now() - make_interval(hours => $2) AND ${TRUSTED_SQL}`,
    [postId, FORUM_LIMITS.newMemberHours],
  )
  if (Number(rows[0]?.n) < FORUM_LIMITS.flagsToHide) return doc
  const { rows: hidden } = await queryable.query<{ author_id: number | null }>(
    `UPDATE ${table} p SET moderation_state = 'hidden', hidden_reason = 'Flagged by members; awaiting review',
             updated_at = now()
      WHERE p.id = $1 AND p.moderation_state = 'visible'
        AND NOT EXISTS (SELECT 1 FROM users_roles ur WHERE ur.parent_id = p.author_id
                         AND ur.value IN ('moderator', 'staff', 'admin'))
      RETURNING p.author_id`,
    [postId],
  )
  if (hidden.length === 0) return doc
  const threadId = Number(relationId(doc.thread))
  if (isReply) await recountReplies(queryable, threadId)
  else await setThreadVisibility(queryable, postId, false)
  await refreshThreadAttachments(queryable, threadId)
  await logModeration(
    req,
    {
      action: 'post.hidden',
      summary: `${isReply ? `Reply #${postId}` : `Discussion #${postId}`} hidden after ${FORUM_LIMITS.flagsToHide} flags`,
      discussion: threadId,
      reply: isReply ? postId : null,
      targetAuthor: hidden[0].author_id,
      changes: { reason: 'flags' },
    },
    true,
  )
  return doc
}
