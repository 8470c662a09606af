import type { Queryable } from '../db'

/**
 * Uptime as the page shows it, read from the stored check results: per UTC day (the 90-day bars,
 * from the per-day counts kept with every result) and over windows — the last 24 hours from the
 * results themselves, 7, 30 and 90 days as that many UTC days up to today. Uptime is the share of
 * results that passed (a slow pass counts as up); a day or window without results has none.
 */

export const BAR_DAYS = 90
export const WINDOWS = ['24h', '7d', '30d', '90d'] as const
export type UptimeWindow = (typeof WINDOWS)[number]

export type UptimeDay = { day: string; total: number; ok: number; uptime: number | null }
export type ComponentUptime = {
  days: UptimeDay[]
  windows: Record<UptimeWindow, number | null>
}
export type ResponseTimePoint = { hour: string; avgMs: number | null; maxMs: number | null }

const percent = (ok: number, total: number) => (total === 0 ? null : (ok / total) * 100)

/** `YYYY-MM-DD` of a UTC day, `offset` days before `now`'s. */
export function utcDay(now: Date, offset = 0): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  day.setUTCDate(day.getUTCDate() - offset)
  return day.toISOString().slice(0, 10)
}

type DayRow = { day: string; total: number; ok: number }

/** The bars and windows of one component from its day counts and its last 24 hours. */
export function uptimeOf(
  dayRows: DayRow[],
  lastDay: { total: number; ok: number },
  now: Date,
): ComponentUptime {
  const byDay = new Map(dayRows.map((row) => [row.day, row]))
  const days: UptimeDay[] = []
  for (let offset = BAR_DAYS - 1; offset >= 0; offset--) {
    const day = utcDay(now, offset)
    const row = byDay.get(day)
    const total = row?.total ?? 0
    const ok = row?.ok ?? 0
    days.push({ day, total, ok, uptime: percent(ok, total) })
  }
  const over = (count: number) => {
    const slice = days.slice(-count)
    return percent(
      slice.reduce((sum, day) => sum + day.ok, 0),
      slice.reduce((sum, day) => sum + day.total, 0),
    )
  }
  return {
    days,
    windows: {
      '24h': percent(lastDay.ok, lastDay.total),
      '7d': over(7),
      '30d': over(30),
      '90d': over(90),
    },
  }
}

/** A list of ids as one JSON parameter (binds the same on pg and on Payload's Drizzle). */
const idList = (ids: number[]) => JSON.stringify(ids)
const IDS = `(SELECT value::int FROM jsonb_array_elements_text($1::jsonb))`

/** Uptime of each component, keyed by id (every id gets an entry, empty without results). */
export async function readUptime(
  q: Queryable,
  componentIds: number[],
  now = new Date(),
): Promise<Record<number, ComponentUptime>> {
  if (componentIds.length === 0) return {}
  const [{ rows: days }, { rows: recent }] = await Promise.all([
    q.query<{ component_id: number; day: string; total: number; ok: number }>(
      `SELECT component_id, to_char(day, 'YYYY-MM-DD') AS day, total, ok FROM status_check_days
        WHERE component_id IN ${IDS} AND day > $2::date - $3::int`,
      [idList(componentIds), utcDay(now), BAR_DAYS],
    ),
    q.query<{ component_id: number; total: number; ok: number }>(
      `SELECT component_id, count(*)::int AS total, (count(*) FILTER (WHERE ok))::int AS ok
         FROM status_checks
        WHERE component_id IN ${IDS} AND checked_at > $2::timestamptz - interval '24 hours'
          AND checked_at <= $2::timestamptz
        GROUP BY component_id`,
      [idList(componentIds), now.toISOString()],
    ),
  ])
  return Object.fromEntries(
    componentIds.map((id) => [
      id,
      uptimeOf(
        days.filter((row) => row.component_id === id),
        recent.find((row) => row.component_id === id) ?? { total: 0, ok: 0 },
        now,
      ),
    ]),
  )
}

/** Hourly response times (passing checks) of the last 24 hours, oldest first, 24 points each. */
export async function readResponseTimes(
  q: Queryable,
  componentIds: number[],
  now = new Date(),
): Promise<Record<number, ResponseTimePoint[]>> {
  if (componentIds.length === 0) return {}
  const { rows } = await q.query<{
    component_id: number
    hour: string
    avg_ms: number | null
    max_ms: number | null
  }>(
    `SELECT component_id,
            to_char(date_trunc('hour', checked_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:00:00"Z"') AS hour,
            round(avg(latency_ms) FILTER (WHERE ok))::int AS avg_ms,
            (max(latency_ms) FILTER (WHERE ok))::int AS max_ms
       FROM status_checks
      WHERE component_id IN ${IDS}
        AND checked_at > date_trunc('hour', $2::timestamptz) - interval '23 hours'
        AND checked_at <= $2::timestamptz
      GROUP BY 1, 2`,
    [idList(componentIds), now.toISOString()],
  )
  const hours: string[] = []
  const top = new Date(now)
  top.setUTCMinutes(0, 0, 0)
  for (let back = 23; back >= 0; back--) {
    hours.push(new Date(top.getTime() - back * 3600_000).toISOString().replace('.000Z', 'Z'))
  }
  return Object.fromEntries(
    componentIds.map((id) => [
      id,
      hours.map((hour) => {
        const row = rows.find((each) => each.component_id === id && each.hour === hour)
        return { hour, avgMs: row?.avg_ms ?? null, maxMs: row?.max_ms ?? null }
      }),
    ]),
  )
}

/** Components that have at least one check (they get a response-time chart). */
/**
 * Checked components whose checks have gone quiet: an enabled check without a result for three
 * of its intervals (and a minute). The worker or the database being down stops every check, so
 * the page says so instead of showing the last state as if it were current. Maps each such
 * component to its latest result (null: none yet).
 */
export async function staleComponents(
  q: Queryable,
  componentIds: number[],
  now: Date,
): Promise<Map<number, string | null>> {
  if (componentIds.length === 0) return new Map()
  const { rows } = await q.query<{ id: number; last: string | Date | null }>(
    `SELECT k._parent_id AS id, max(r.last) AS last
       FROM status_components_checks k
       JOIN status_components c ON c.id = k._parent_id
       LEFT JOIN LATERAL (
         SELECT max(s.checked_at) AS last FROM status_checks s
          WHERE s.component_id = k._parent_id AND s.check_id = k.id) r ON true
      WHERE k._parent_id IN ${IDS} AND k.enabled IS NOT FALSE
        AND coalesce(r.last, c.updated_at)
            < $2::timestamptz - make_interval(secs => 3 * k.interval_seconds + 60)
      GROUP BY k._parent_id`,
    [idList(componentIds), now.toISOString()],
  )
  return new Map(
    rows.map((row) => [row.id, row.last === null ? null : new Date(row.last).toISOString()]),
  )
}

export async function checkedComponents(q: Queryable, componentIds: number[]): Promise<number[]> {
  if (componentIds.length === 0) return []
  const { rows } = await q.query<{ id: number }>(
    `SELECT DISTINCT _parent_id AS id FROM status_components_checks
      WHERE _parent_id IN ${IDS} AND enabled IS NOT FALSE`,
    [idList(componentIds)],
  )
  return rows.map((row) => row.id)
}
