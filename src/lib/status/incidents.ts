import type { Queryable } from '../db'
import type { Impact } from './states'

/** The latest of an incident's updates by time (backdating counts); the later one on a tie. */
export function latestUpdate<U extends { at: string | Date }>(updates: U[]): U | undefined {
  let latest: U | undefined
  for (const update of updates) {
    if (!latest || new Date(update.at).getTime() >= new Date(latest.at).getTime()) latest = update
  }
  return latest
}

export type PublicIncident = {
  id: number
  title: string
  impact: Impact
  /** When it began: the incident's start, which staff may backdate. */
  startedAt: string
  /** When it was resolved; null while it is open. */
  resolvedAt: string | null
  /** The public components it affects, by name. */
  components: string[]
}

/**
 * Published incidents whose time overlaps [from, to): begun before `to` and not resolved before
 * `from`. Drafts are never included, nor incidents of non-public components only (internal);
 * only public components are named. Ordered by start.
 * (The dashboard's charts mark these; src/data/status.ts has it without a connection.)
 */
export async function incidentsBetween(
  queryable: Queryable,
  from: Date,
  to: Date,
): Promise<PublicIncident[]> {
  const { rows } = await queryable.query<{
    id: number
    title: string
    impact: Impact
    started_at: Date | string
    resolved_at: Date | string | null
    components: string[] | null
  }>(
    `SELECT i.id, i.title, i.impact::text AS impact, i.started_at, i.resolved_at,
            array_remove(array_agg(c.name ORDER BY ic._order), NULL) AS components
       FROM status_incidents i
       LEFT JOIN status_incidents_components ic ON ic._parent_id = i.id
       LEFT JOIN status_components c ON c.id = ic.component_id AND c.is_public
      WHERE i.publication = 'published'
        AND i.started_at < $2
        AND (i.resolved_at IS NULL OR i.resolved_at > $1)
      GROUP BY i.id
     HAVING count(ic.id) = 0 OR count(c.id) > 0
      ORDER BY i.started_at, i.id`,
    [from.toISOString(), to.toISOString()],
  )
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    impact: row.impact,
    startedAt: new Date(row.started_at).toISOString(),
    resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
    components: row.components ?? [],
  }))
}
