import type { Queryable } from '../db'
import { pgArray } from './sql'

/**
 * The counts the forum keeps (never written by members): recomputed from the rows they count,
 * in the caller's transaction, so a retried or concurrent write cannot drift them.
 */
export async function recountTags(db: Queryable, tagIds: number[]): Promise<void> {
  if (tagIds.length === 0) return
  await db.query(
    `UPDATE tags t SET usage_count = (
       SELECT count(*) FROM discussions_rels r JOIN discussions d ON d.id = r.parent_id
        WHERE r.path = 'tags' AND r.tags_id = t.id AND d.moderation_state = 'visible')
     WHERE t.id = ANY($1::int[])`,
    [pgArray(tagIds)],
  )
}

/**
 * Visible replies, the last activity, who replied last, and whether the question is solved:
 * only while its accepted answer exists and is visible (hidden or deleted: unsolved).
 */
export async function recountReplies(db: Queryable, discussionId: number): Promise<void> {
  await db.query(
    `UPDATE discussions d SET
        updated_at = now(),
        reply_count = s.n,
        last_activity_at = greatest(d.created_at, coalesce(s.last_at, d.created_at)),
        last_reply_by_id = s.last_by,
        is_solved = d.accepted_answer_id IS NOT NULL AND EXISTS (
          SELECT 1 FROM replies a WHERE a.id = d.accepted_answer_id AND a.moderation_state = 'visible')
       FROM (SELECT count(*)::int AS n, max(created_at) AS last_at,
                    (SELECT author_id FROM replies WHERE discussion_id = $1 AND moderation_state = 'visible'
                      ORDER BY created_at DESC, id DESC LIMIT 1) AS last_by
               FROM replies WHERE discussion_id = $1 AND moderation_state = 'visible') s
      WHERE d.id = $1`,
    [discussionId],
  )
}

export async function recountVotes(db: Queryable, discussionId: number): Promise<number> {
  const { rows } = await db.query<{ vote_count: number }>(
    `UPDATE discussions SET updated_at = now(), vote_count =
       (SELECT count(*)::int FROM forum_votes WHERE discussion_id = $1)
      WHERE id = $1 RETURNING vote_count`,
    [discussionId],
  )
  return Number(rows[0]?.vote_count ?? 0)
}

/** Replies of a hidden (or held) topic are hidden with it from everyone but their authors. */
export async function setThreadVisibility(
  db: Queryable,
  discussionId: number,
  isVisible: boolean,
): Promise<void> {
  await db.query('UPDATE replies SET is_thread_visible = $2 WHERE discussion_id = $1', [
    discussionId,
    isVisible,
  ])
}

/** Counts one view (at most once per viewer and hour, the caller decides). */
export async function countView(db: Queryable, discussionId: number): Promise<void> {
  await db.query('UPDATE discussions SET view_count = view_count + 1 WHERE id = $1', [discussionId])
}

/**
 * Marks a thread changed (its `updated_at`, the version its cached page is keyed by) when
 * something on it changed that does not write the discussion row itself: a reply edited, a
 * reaction added or taken back. `post` names the discussion or one of its replies.
 */
export async function touchThread(
  db: Queryable,
  post: { discussion?: number | null; reply?: number | null },
): Promise<void> {
  if (post.reply) {
    await db.query(
      'UPDATE discussions SET updated_at = now() WHERE id = (SELECT discussion_id FROM replies WHERE id = $1)',
      [post.reply],
    )
  } else if (post.discussion) {
    await db.query('UPDATE discussions SET updated_at = now() WHERE id = $1', [post.discussion])
  }
}
