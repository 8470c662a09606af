import type { Queryable } from '../db'
import { relationId } from '../relationId'
import { SHOWCASE_LIMITS } from './constants'

export type UsageBadge = {
  endpoints: { method: string; endpoint: string; calls: number | null }[]
  days: number
}

type ProjectKey = {
  usageKey?: unknown
  showUsageCounts?: boolean | null
  makers?: { user?: unknown; accepted?: boolean | null }[] | null
}

/**
 * The verified-usage badge: the endpoints the linked key really called in the last 30 days
 * (from the usage events TuneTrail's gateway reported, never from what the project says). None
 * when there is no key, it was revoked, its owner is no longer a listed maker, or it made no
 * calls. Counts only when the key's owner opted in.
 */
export async function verifiedUsage(
  sql: Queryable,
  project: ProjectKey,
): Promise<UsageBadge | null> {
  if (!project.usageKey) return null
  const keyId = Number(relationId(project.usageKey))
  const makers = (project.makers ?? [])
    .filter((m) => m.accepted)
    .map((m) => Number(relationId(m.user)))
  if (!Number.isInteger(keyId) || makers.length === 0) return null
  const { rows: keys } = await sql.query<{ owner_id: number }>(
    `SELECT owner_id FROM api_keys WHERE id = $1 AND status = 'active' AND organization_id IS NULL
        AND (expires_at IS NULL OR expires_at > now())`,
    [keyId],
  )
  if (!keys[0] || !makers.includes(Number(keys[0].owner_id))) return null
  const { rows } = await sql.query<{ method: string; endpoint: string; calls: number }>(
    `SELECT coalesce(method, 'GET') AS method, endpoint, count(*)::int AS calls
       FROM usage_events
      WHERE key_id = $1 AND kind = 'report' AND endpoint IS NOT NULL
        AND occurred_at >= now() - make_interval(days => $2::int)
      GROUP BY 1, 2 ORDER BY calls DESC, endpoint LIMIT 20`,
    [keyId, SHOWCASE_LIMITS.usageDays],
  )
  if (!rows.length) return null
  return {
    days: SHOWCASE_LIMITS.usageDays,
    endpoints: rows.map((row) => ({
      method: row.method,
      endpoint: row.endpoint,
      calls: project.showUsageCounts ? Number(row.calls) : null,
    })),
  }
}
