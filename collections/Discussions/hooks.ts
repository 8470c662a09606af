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
import { announceDiscussion } from '@/lib/forum/announce'
import {
  attachmentIds,
  refreshAttachments,
  refreshThreadAttachments,
} from '@/lib/forum/attachments'
import { logModeration, type ModerationEntry } from '@/lib/forum/audit'
import { KIND_LABELS, type DiscussionKind } from '@/lib/forum/config'
import { settleFlags } from '@/lib/forum/flags'
import { recordEdit } from '@/lib/forum/history'
import { checkEditedPost, checkNewPost } from '@/lib/forum/limits'
import { pgArray } from '@/lib/forum/sql'
import { recountTags, setThreadVisibility } from '@/lib/forum/counts'
import { slugify } from '@/lib/forum/text'
import { relationId } from '@/lib/relationId'
import type { Discussion } from '@/payload-types'

const fieldError = (path: string, message: string) =>
  new ValidationError({ errors: [{ path, message }] })

/** Attachments must be the poster's own uploads. */
export async function checkAttachments(
  req: Parameters<CollectionBeforeChangeHook>[0]['req'],
  value: unknown,
  userId: number | null,
) {
  const ids = (Array.isArray(value) ? value : []).map((item) => Number(relationId(item)))
  if (ids.length === 0 || userId === null || hasRole(req.user, 'moderator')) return
  const { rows } = await (
    await db(req)
  ).query<{ n: number }>(
    'SELECT count(*)::int AS n FROM forum_attachments WHERE id = ANY($1::int[]) AND uploaded_by_id = $2',
    [pgArray(ids), userId],
  )
  if (Number(rows[0]?.n) !== new Set(ids).size) {
    throw fieldError('attachments', 'Attach only files you uploaded.')
  }
}

/**
 * New topics: the author is the caller (never the body), the category must take the kind and
 * the caller (Announcements: staff), the limits apply and a new member's first post waits for
 * review. Edits: an author edits while the topic is open and not hidden; every text change
 * keeps the earlier version.
 */
export const beforeDiscussionChange: CollectionBeforeChangeHook<Discussion> = async ({
  data,
  req,
  operation,
  originalDoc,
}) => {
  const userId = personId(req.user)
  const isModerator = hasRole(req.user, 'moderator')
  if (operation === 'create') {
    // No user: a system write (seed, scripts) that states its author itself.
    if (userId !== null) data.author = userId
    const category = await req.payload.findByID({
      collection: 'forum-categories',
      id: relationId(data.category),
      depth: 0,
      disableErrors: true,
      overrideAccess: true,
      req,
    })
    if (!category) throw fieldError('category', 'Choose a category.')
    const kind = (data.kind ?? 'discussion') as DiscussionKind
    if (req.user && category.whoMayStart === 'staff' && !hasRole(req.user, 'staff')) {
      throw new APIError(`Only staff start topics in ${category.name}.`, 403, undefined, true)
    }
    if (!category.allowedKinds?.includes(kind)) {
      throw fieldError('kind', `${category.name} does not take ${KIND_LABELS[kind] ?? kind}s.`)
    }
    if (req.user && kind === 'announcement' && !hasRole(req.user, 'staff')) {
      throw fieldError('kind', 'Only staff post announcements.')
    }
    await checkAttachments(req, data.attachments, userId)
    if (userId !== null) {
      const { isHeld } = await checkNewPost(req, userId, { kind: 'topic', body: data.body ?? '' })
      if (!isModerator) data.moderationState = isHeld ? 'pending' : 'visible'
    }
    data.slug = slugify(data.title ?? '')
    data.lastActivityAt ??= new Date().toISOString()
    return data
  }
  if (!originalDoc) return data
  if (userId !== null) {
    await checkEditedPost(req, userId, data.body, originalDoc.body)
    if (!isModerator) {
      if (originalDoc.status !== 'open') {
        throw new APIError(
          'This discussion is locked or closed: it cannot be edited.',
          423,
          undefined,
          true,
        )
      }
      if (originalDoc.moderationState === 'hidden') {
        throw new APIError('A hidden post cannot be edited.', 403, undefined, true)
      }
    }
    await checkAttachments(req, data.attachments, userId)
    recordEdit(req, data as Record<string, unknown>, originalDoc)
  }
  if (typeof data.title === 'string' && data.title !== originalDoc.title) {
    data.slug = slugify(data.title)
  }
  return data
}

/** What a moderator changed, as moderation log entries. */
function moderationEntries(doc: Discussion, previous: Discussion): ModerationEntry[] {
  const base = {
    discussion: doc.id,
    targetAuthor: Number(relationId(doc.author)) || null,
  }
  const entries: ModerationEntry[] = []
  const title = `“${doc.title}”`
  if (doc.isPinned !== previous.isPinned) {
    entries.push({
      ...base,
      action: doc.isPinned ? 'discussion.pinned' : 'discussion.unpinned',
      summary: `${doc.isPinned ? 'Pinned' : 'Unpinned'} ${title}`,
    })
  }
  if (doc.status !== previous.status) {
    const action =
      doc.status === 'locked'
        ? 'discussion.locked'
        : doc.status === 'closed'
          ? 'discussion.closed'
          : 'discussion.reopened'
    entries.push({
      ...base,
      action,
      summary: `${doc.status === 'open' ? 'Reopened' : doc.status === 'locked' ? 'Locked' : 'Closed'} ${title}`,
      changes: { status: { from: previous.status, to: doc.status } },
    })
  }
  if (relationId(doc.category) !== relationId(previous.category)) {
    entries.push({
      ...base,
      action: 'discussion.moved',
      summary: `Moved ${title} to another category`,
      changes: { category: { from: relationId(previous.category), to: relationId(doc.category) } },
    })
  }
  if (doc.moderationState !== previous.moderationState) {
    entries.push({
      ...base,
      action:
        doc.moderationState === 'hidden'
          ? 'post.hidden'
          : previous.moderationState === 'pending'
            ? 'post.approved'
            : 'post.unhidden',
      summary: `${doc.moderationState === 'hidden' ? 'Hid' : previous.moderationState === 'pending' ? 'Approved' : 'Unhid'} ${title}`,
      changes: {
        moderationState: { from: previous.moderationState, to: doc.moderationState },
        ...(doc.hiddenReason ? { reason: doc.hiddenReason } : {}),
      },
    })
  }
  if (doc.isEditedByModerator && doc.editedAt !== previous.editedAt) {
    entries.push({ ...base, action: 'post.edited', summary: `Edited ${title}` })
  }
  return entries
}

/**
 * After a change: announce a topic once it is visible, keep tag counts and the replies'
 * thread visibility, and log what a moderator did (from the pages or /admin alike).
 */
export const afterDiscussionChange: CollectionAfterChangeHook<Discussion> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  const queryable = await db(req)
  const tagsOf = (value: unknown) =>
    (Array.isArray(value) ? value : []).map((tag) => Number(relationId(tag)))
  await refreshThreadAttachments(queryable, doc.id, attachmentIds(previousDoc?.attachments))
  if (operation === 'create') {
    await recountTags(queryable, tagsOf(doc.tags))
    // The demo seed writes the past: nobody is notified of it.
    if (doc.moderationState === 'visible' && !req.context?.isSeed) {
      await announceDiscussion(req, doc as never)
    }
    return doc
  }
  const tagIds = [...new Set([...tagsOf(doc.tags), ...tagsOf(previousDoc?.tags)])]
  if (tagIds.join() !== tagsOf(previousDoc?.tags).join()) await recountTags(queryable, tagIds)
  if (previousDoc && doc.moderationState !== previousDoc.moderationState) {
    await setThreadVisibility(queryable, doc.id, doc.moderationState === 'visible')
    if (previousDoc.moderationState === 'pending' && doc.moderationState === 'visible') {
      await announceDiscussion(req, doc as never)
    }
  }
  if (previousDoc && hasRole(req.user, 'moderator')) {
    if (doc.moderationState !== previousDoc.moderationState) {
      // A moderator decided (in the pages or /admin): the open flags are settled, so hiding
      // again takes new flags.
      await settleFlags(
        queryable,
        'discussion',
        doc.id,
        doc.moderationState === 'hidden' ? 'actioned' : 'dismissed',
      )
    }
    for (const entry of moderationEntries(doc, previousDoc)) await logModeration(req, entry)
  }
  return doc
}

/** A deleted topic: its tags recounted, its uploads' visibility recomputed, the deletion logged. */
export const afterDiscussionDelete: CollectionAfterDeleteHook<Discussion> = async ({
  doc,
  req,
}) => {
  const queryable = await db(req)
  await recountTags(
    queryable,
    (Array.isArray(doc.tags) ? doc.tags : []).map((tag) => Number(relationId(tag))),
  )
  await refreshAttachments(queryable, attachmentIds(doc.attachments))
  await logModeration(req, {
    action: 'post.deleted',
    summary: `Deleted the discussion “${doc.title}” (#${doc.id})`,
    targetAuthor: Number(relationId(doc.author)) || null,
    changes: { discussion: doc.id, title: doc.title, replyCount: doc.replyCount },
  })
}
