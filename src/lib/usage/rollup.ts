import type { Pool } from 'pg'

export const GRANULARITIES = ['minute', 'hour', 'day'] as const
export type Granularity = (typeof GRANULARITIES)[number]

/** Events may still be committing this long after their recorded_at: roll up behind it. */
const SETTLE_SECONDS = 5

type Queryable = Pick<Pool, 'query'>

/**
 * Recomputes, from the raw events, every bucket of `granularity` touched by events recorded
 * since the last run, and moves the watermark. Idempotent: running twice changes nothing.
 * Returns the number of roll-up rows written.
 */
export async function rollUp(db: Queryable, granularity: Granularity): Promise<number> {
  const { rows } = await db.query(
    `WITH bounds AS (
       SELECT COALESCE((SELECT recorded_until FROM usage_rollup_watermarks WHERE granularity = $1),
                       '-infinity'::timestamptz) AS since,
              clock_timestamp() - make_interval(secs => $2) AS until
     ),
     touched AS (
       SELECT DISTINCT e.key_id, date_trunc($1, e.occurred_at) AS bucket
         FROM usage_events e, bounds b
        WHERE e.recorded_at > b.since AND e.recorded_at <= b.until AND e.key_id IS NOT NULL
     ),
     totals AS (
       SELECT $1::text AS granularity, t.bucket, e.key_id, max(COALESCE(e.account, '')) AS account,
              e.kind,
              CASE WHEN e.kind = 'verify' THEN COALESCE(e.code, 'UNKNOWN')
                   ELSE (e.status / 100)::text || 'xx' END AS outcome,
              count(*) AS requests, COALESCE(sum(e.cost), 0) AS cost,
              COALESCE(sum(e.latency_ms), 0) AS latency_ms_sum
         FROM touched t
         JOIN usage_events e ON e.key_id = t.key_id
          AND e.occurred_at >= t.bucket AND e.occurred_at < t.bucket + ('1 ' || $1)::interval
        GROUP BY t.bucket, e.key_id, e.kind, 6
     ),
     written AS (
       INSERT INTO usage_rollups (granularity, bucket, key_id, account, kind, outcome, requests,
                                  cost, latency_ms_sum)
       SELECT * FROM totals
       ON CONFLICT (granularity, key_id, bucket, kind, outcome) DO UPDATE
         SET requests = excluded.requests, cost = excluded.cost,
             latency_ms_sum = excluded.latency_ms_sum, account = excluded.account
       RETURNING 1
     ),
     moved AS (
       INSERT INTO usage_rollup_watermarks (granularity, recorded_until)
       SELECT $1, until FROM bounds
       ON CONFLICT (granularity) DO UPDATE SET recorded_until = excluded.recorded_until
     )
     SELECT count(*)::int AS written FROM written`,
    [granularity, SETTLE_SECONDS],
  )
  return rows[0].written as number
}

/**
 * Deletes raw events older than `eventDays`, minute roll-ups older than two days and the
 * others older than `rollupDays`. Returns how many rows of each went.
 */
export async function pruneUsage(
  db: Queryable,
  { eventDays, rollupDays }: { eventDays: number; rollupDays: number },
): Promise<{ events: number; rollups: number }> {
  const events = await db.query(
    `DELETE FROM usage_events WHERE occurred_at < now() - make_interval(days => $1)`,
    [eventDays],
  )
  const rollups = await db.query(
    `DELETE FROM usage_rollups
      WHERE (granularity = 'minute' AND bucket < now() - interval '2 days')
         OR (granularity <> 'minute' AND bucket < now() - make_interval(days => $1))`,
    [rollupDays],
  )
  return { events: events.rowCount ?? 0, rollups: rollups.rowCount ?? 0 }
}
