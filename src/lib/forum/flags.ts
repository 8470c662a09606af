import type { Queryable } from '../db'

/**
 * Open flags on a post become `status` once a moderator decided: actioned when they hid it,
 * dismissed when they showed it (so a later flag starts counting afresh). Answers how many.
 */
export async function settleFlags(
  db: Queryable,
  target: 'discussion' | 'reply',
  id: number,
  status: 'actioned' | 'dismissed',
): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE flags SET status = $3, updated_at = now()
      WHERE ${target === 'reply' ? 'reply_id' : 'discussion_id'} = $1 AND status = $2`,
    [id, 'open', status],
  )
  return rowCount ?? 0
}
