import type { Queryable } from '../db'
import { incidentsBetween, type PublicIncident } from '../status/incidents'
import type { AnalyticsRange, AnalyticsScope } from './range'
import { requestSeries } from './series'

/** The most incidents one range marks (the oldest are left out beyond it). */
export const MAX_MARKED_INCIDENTS = 20

/** A status-page incident in a chart's range, and what it did to the scope's requests. */
export type IncidentMark = PublicIncident & {
  /** The account's verified calls during the incident (counted by the minute, hour or day). */
  requests: number
  /** Of the gateway-reported responses then, how many were server errors (5xx). */
  failed: number
  /** Every response the gateway reported then. */
  reported: number
}

/**
 * Published status incidents overlapping the range, each with how many of the scope's requests
 * it saw and how many failed (5xx) while it lasted (until now for an open one). Read from the
 * same roll-ups as the charts, so the window is widened to whole buckets of the incident's
 * length (minutes for a short recent one).
 */
export async function incidentMarks(
  db: Queryable,
  scope: AnalyticsScope,
  range: AnalyticsRange,
  now = new Date(),
): Promise<IncidentMark[]> {
  const incidents = (await incidentsBetween(db, range.from, range.to)).slice(-MAX_MARKED_INCIDENTS)
  return Promise.all(
    incidents.map(async (incident) => {
      const from = new Date(incident.startedAt)
      const resolved = incident.resolvedAt ? new Date(incident.resolvedAt) : now
      const to = new Date(
        Math.max(from.getTime() + 60_000, Math.min(resolved.getTime(), now.getTime())),
      )
      const { totals } = await requestSeries(db, scope, { from, to }, { now })
      return {
        ...incident,
        requests: totals.verified,
        failed: totals.byStatusClass['5xx'],
        reported: totals.reported,
      }
    }),
  )
}
