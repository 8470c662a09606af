import type { PayloadRequest } from 'payload'

import { accountOf } from '../accounts'
import { db, type Queryable } from '../db'
import { publishEvent } from '../events/publish'
import { personId } from '../accounts'
import { inTransaction } from '../transactions'

/** The UTC day of an instant, as Postgres `date` text. */
export const utcDay = (at = new Date()) => at.toISOString().slice(0, 10)

/**
 * Counts a download of a model's file: once per subject (person, organization key, hashed
 * address) per model per UTC day. The first fetch of the day marks the subject, adds one to the
 * day's roll-up and the model's total, and writes `model.downloaded` to the outbox — all in one
 * transaction; later fetches the same day change nothing. Returns whether it counted.
 */
export async function countDownload(
  req: PayloadRequest,
  input: {
    model: {
      id: number
      owner?: unknown
      organization?: unknown
      slug: string
      ownerHandle?: string | null
    }
    fileId: number
    version: string
    subject: string
    at?: Date
  },
): Promise<boolean> {
  const day = utcDay(input.at)
  return inTransaction(req, async () => {
    const sql = await db(req)
    const mark = await sql.query(
      `INSERT INTO model_download_marks (model_id, day, subject) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING model_id`,
      [input.model.id, day, input.subject],
    )
    if (!mark.rows.length) return false
    await sql.query(
      `INSERT INTO model_download_days (model_id, day, downloads) VALUES ($1, $2, 1)
       ON CONFLICT (model_id, day) DO UPDATE SET downloads = model_download_days.downloads + 1`,
      [input.model.id, day],
    )
    await sql.query('UPDATE ml_models SET downloads = downloads + 1 WHERE id = $1', [
      input.model.id,
    ])
    await publishEvent(sql, {
      type: 'model.downloaded',
      account: accountOf(input.model),
      actor: personId(req.user),
      data: {
        model_id: input.model.id,
        model: `${input.model.ownerHandle}/${input.model.slug}`,
        file_id: input.fileId,
        version: input.version,
        day,
        anonymous: input.subject.startsWith('ip:'),
      },
    })
    return true
  })
}

/** Downloads per day for the last `days` days (zeros included), oldest first. */
export async function downloadSeries(
  sql: Queryable,
  modelId: number,
  days = 30,
): Promise<{ day: string; downloads: number }[]> {
  const { rows } = await sql.query<{ day: string; downloads: number }>(
    `SELECT to_char(d, 'YYYY-MM-DD') AS day, coalesce(m.downloads, 0)::int AS downloads
       FROM generate_series((now() at time zone 'utc')::date - ($2::int - 1), (now() at time zone 'utc')::date, interval '1 day') AS d
       LEFT JOIN model_download_days m ON m.model_id = $1 AND m.day = d::date
      ORDER BY d`,
    [modelId, days],
  )
  return rows
}

/**
 * The daily roll-up: each model's trending score (downloads of the last 7 days, stars made in
 * them count 5 each), and marks older than yesterday pruned (they only guard today's counts).
 */
export async function rollUpModelDownloads(sql: Queryable): Promise<{ pruned: number }> {
  await sql.query(
    `UPDATE ml_models m SET trending = s.score
       FROM (SELECT m2.id,
                    coalesce((SELECT sum(downloads) FROM model_download_days d
                               WHERE d.model_id = m2.id AND d.day > (now() at time zone 'utc')::date - 7), 0)
                  + 5 * (SELECT count(*) FROM model_stars s
                          WHERE s.model_id = m2.id AND s.created_at > now() - interval '7 days') AS score
               FROM ml_models m2) s
      WHERE m.id = s.id AND m.trending IS DISTINCT FROM s.score`,
  )
  const pruned = await sql.query(
    `DELETE FROM model_download_marks WHERE day < (now() at time zone 'utc')::date - 1`,
  )
  return { pruned: pruned.rowCount ?? 0 }
}
