import type { Queryable } from '../db'
import { relationId } from '../relationId'
import { pgArray } from './sql'

/** The attachment ids of a relationship value (ids or populated documents). */
export const attachmentIds = (value: unknown): number[] =>
  (Array.isArray(value) ? value : [])
    .map((item) => Number(relationId(item)))
    .filter((id) => Number.isInteger(id) && id > 0)

/**
 * Whether each of these uploads is attached to a post everyone can read (a visible discussion,
 * or a visible reply of a visible thread): what decides who may read or download it besides
 * its uploader and moderators. Recomputed from the posts, in the caller's transaction.
 */
export async function refreshAttachments(db: Queryable, ids: number[]): Promise<void> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return
  await db.query(
    `UPDATE forum_attachments a SET is_published = (
        EXISTS (SELECT 1 FROM discussions_rels dr JOIN discussions d ON d.id = dr.parent_id
                 WHERE dr.path = 'attachments' AND dr.forum_attachments_id = a.id
                   AND d.moderation_state = 'visible')
     OR EXISTS (SELECT 1 FROM replies_rels rr JOIN replies r ON r.id = rr.parent_id
                 WHERE rr.path = 'attachments' AND rr.forum_attachments_id = a.id
                   AND r.moderation_state = 'visible' AND r.is_thread_visible))
      WHERE a.id = ANY($1::int[])`,
    [pgArray(unique)],
  )
}

/** The same for every upload of a thread (its topic and replies) and `extra` ones (just detached). */
export async function refreshThreadAttachments(
  db: Queryable,
  discussionId: number,
  extra: number[] = [],
): Promise<void> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT forum_attachments_id AS id FROM discussions_rels
      WHERE parent_id = $1 AND path = 'attachments' AND forum_attachments_id IS NOT NULL
     UNION
     SELECT rr.forum_attachments_id FROM replies_rels rr JOIN replies r ON r.id = rr.parent_id
      WHERE r.discussion_id = $1 AND rr.path = 'attachments' AND rr.forum_attachments_id IS NOT NULL`,
    [discussionId],
  )
  await refreshAttachments(db, [...rows.map((row) => Number(row.id)), ...extra])
}
