import type { PayloadRequest } from 'payload'

import { db } from '../db'
import { relationId } from '../relationId'

/**
 * Recounts a model's stars, forks and ratings from their rows, in the request's transaction
 * (never incremented from a request, so concurrent stars or retried requests cannot drift).
 * The model's row is locked by a statement of its own first: an UPDATE that waits for the lock
 * would count with the snapshot it took before waiting and lose the other transaction's star;
 * the recount that follows the lock sees everything committed before it.
 */
export async function recountModel(req: PayloadRequest, model: unknown): Promise<void> {
  const id = Number(relationId(model))
  if (!Number.isInteger(id) || id <= 0) return
  const sql = await db(req)
  await sql.query('SELECT 1 FROM ml_models WHERE id = $1 FOR UPDATE', [id])
  await sql.query(
    `UPDATE ml_models SET
       stars = (SELECT count(*) FROM model_stars WHERE model_id = $1),
       forks = (SELECT count(*) FROM ml_models f WHERE f.base_model_id = $1),
       rating_count = (SELECT count(*) FROM model_ratings WHERE model_id = $1),
       rating_average = coalesce((SELECT round(avg(score)::numeric, 2) FROM model_ratings
                                   WHERE model_id = $1), 0)
     WHERE id = $1`,
    [id],
  )
}
