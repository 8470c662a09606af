import {
  APIError,
  ValidationError,
  type CollectionAfterChangeHook,
  type CollectionAfterDeleteHook,
  type CollectionBeforeChangeHook,
} from 'payload'

import { personId } from '@/access/forumPosts'
import { hasRole } from '@/access/roles'
import { db } from '@/lib/db'
import { announceReply } from '@/lib/forum/announce'
import { attachmentIds, refreshAttachments } from '@/lib/forum/attachments'
import { logModeration } from '@/lib/forum/audit'
import { recountReplies, touchThread } from '@/lib/forum/counts'
import { settleFlags } from '@/lib/forum/flags'
import { recordEdit } from '@/lib/forum/history'
import { checkEditedPost, checkNewPost } from '@/lib/forum/limits'
import { relationId } from '@/lib/relationId'
import type { Reply } from '@/payload-types'

import { checkAttachments } from '../Discussions/hooks'

export const LOCKED_MESSAGE = 'This discussion is locked: it takes no more replies.'

/**
 * New replies: the author is the caller; the discussion must be one the caller can read and
 * open (moderators may still reply to a locked one); a quoted reply must be of the same
 * discussion; the limits apply. Edits keep the earlier version.
 */
export const beforeReplyChange: CollectionBeforeChangeHook<Reply> = async ({
  data,
  req,
  operation,
  originalDoc,
}) => {
  const userId = personId(req.user)
  const isModerator = hasRole(req.user, 'moderator')
  const discussionId = relationId(
    operation === 'create' ? data.discussion : originalDoc?.discussion,
  )
  const discussion = await req.payload.findByID({
    collection: 'discussions',
    id: discussionId,
    depth: 0,
    disableErrors: true,
    overrideAccess: !req.user,
    user: req.user,
    req,
  })
  if (!discussion) {
    throw new ValidationError({ errors: [{ path: 'discussion', message: 'No such discussion.' }] })
  }
  if (req.user && !isModerator && discussion.status !== 'open') {
    throw new APIError(
      discussion.status === 'locked' ? LOCKED_MESSAGE : 'This discussion is closed.',
      423,
      undefined,
      true,
    )
  }
  if (operation === 'create') {
    if (userId !== null) data.author = userId
    if (data.parent) {
      const { rows } = await (
        await db(req)
      ).query('SELECT 1 FROM replies WHERE id = $1 AND discussion_id = $2', [
        Number(relationId(data.parent)),
        discussion.id,
      ])
      if (rows.length === 0) {
        throw new ValidationError({
          errors: [{ path: 'parent', message: 'Quote a reply of the same discussion.' }],
        })
      }
    }
    await checkAttachments(req, data.attachments, userId)
    if (userId !== null) {
      const { isHeld } = await checkNewPost(req, userId, { kind: 'reply', body: data.body ?? '' })
      if (!isModerator) data.moderationState = isHeld ? 'pending' : 'visible'
    }
    data.isThreadVisible = discussion.moderationState === 'visible'
    return data
  }
  if (!originalDoc) return data
  if (userId !== null) {
    await checkEditedPost(req, userId, data.body, originalDoc.body)
    if (!isModerator && originalDoc.moderationState === 'hidden') {
      throw new APIError('A hidden post cannot be edited.', 403, undefined, true)
    }
    await checkAttachments(req, data.attachments, userId)
    recordEdit(req, data as Record<string, unknown>, originalDoc)
  }
  return data
}

/** Keeps the discussion's counts, announces visible replies, logs moderators' changes. */
export const afterReplyChange: CollectionAfterChangeHook<Reply> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  const discussionId = Number(relationId(doc.discussion))
  const stateChanged =
    operation === 'create' || doc.moderationState !== previousDoc?.moderationState
  const queryable = await db(req)
  // Either recounts (which moves the thread's version) or marks the thread changed (an edit).
  if (stateChanged) await recountReplies(queryable, discussionId)
  else await touchThread(queryable, { discussion: discussionId })
  await refreshAttachments(queryable, [
    ...attachmentIds(doc.attachments),
    ...attachmentIds(previousDoc?.attachments),
  ])
  const becameVisible =
    doc.moderationState === 'visible' &&
    (operation === 'create' || previousDoc?.moderationState === 'pending')
  if (becameVisible && doc.isThreadVisible && !req.context?.isSeed) {
    const discussion = await req.payload.findByID({
      collection: 'discussions',
      id: discussionId,
      depth: 0,
      overrideAccess: true,
      req,
    })
    await announceReply(req, doc as never, discussion as never)
  }
  if (operation === 'update' && previousDoc && hasRole(req.user, 'moderator')) {
    const base = {
      discussion: discussionId,
      reply: doc.id,
      targetAuthor: Number(relationId(doc.author)) || null,
    }
    if (doc.moderationState !== previousDoc.moderationState) {
      await settleFlags(
        queryable,
        'reply',
        doc.id,
        doc.moderationState === 'hidden' ? 'actioned' : 'dismissed',
      )
      const verb =
        doc.moderationState === 'hidden'
          ? 'hidden'
          : previousDoc.moderationState === 'pending'
            ? 'approved'
            : 'unhidden'
      await logModeration(req, {
        ...base,
        action: `post.${verb}` as 'post.hidden',
        summary: `Reply #${doc.id} ${verb}`,
        changes: {
          moderationState: { from: previousDoc.moderationState, to: doc.moderationState },
          ...(doc.hiddenReason ? { reason: doc.hiddenReason } : {}),
        },
      })
    }
    if (doc.isEditedByModerator && doc.editedAt !== previousDoc.editedAt) {
      await logModeration(req, {
        ...base,
        action: 'post.edited',
        summary: `Edited reply #${doc.id}`,
      })
    }
  }
  return doc
}

/**
 * A deleted reply: the thread's counts and last activity recounted (a deleted accepted answer
 * unsolves the question), its uploads' visibility recomputed, the deletion logged.
 */
export const afterReplyDelete: CollectionAfterDeleteHook<Reply> = async ({ doc, req }) => {
  const discussionId = Number(relationId(doc.discussion))
  const queryable = await db(req)
  if (discussionId) await recountReplies(queryable, discussionId)
  await refreshAttachments(queryable, attachmentIds(doc.attachments))
  await logModeration(req, {
    action: 'post.deleted',
    summary: `Deleted reply #${doc.id}`,
    discussion: discussionId || null,
    targetAuthor: Number(relationId(doc.author)) || null,
    changes: { reply: doc.id, body: doc.body.slice(0, 500) },
  })
}
