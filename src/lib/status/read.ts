import type { Payload, Where } from 'payload'

import { db } from '../db'
import { checkedComponents, readResponseTimes, readUptime, staleComponents } from './uptime'
import {
  componentViews,
  groupViews,
  incidentView,
  latestChange,
  maintenanceView,
  overallOf,
  type ComponentDoc,
  type IncidentDoc,
  type IncidentView,
  type MaintenanceDoc,
  type MaintenanceView,
  type StatusSnapshot,
  withIncidentStates,
} from './views'

/**
 * The status page's reads, as an anonymous visitor (overrideAccess: false, no user): public
 * components without their checks, published incidents only. src/data/status.ts caches them.
 */

const OPEN_MAINTENANCE: Where = { status: { in: ['scheduled', 'in_progress', 'verifying'] } }

async function publicComponents(payload: Payload): Promise<ComponentDoc[]> {
  const { docs } = await payload.find({
    collection: 'status-components',
    overrideAccess: false,
    depth: 0,
    limit: 500,
    pagination: false,
    sort: 'order',
  })
  return docs as ComponentDoc[]
}

async function findMaintenances(payload: Payload, where: Where, limit = 100) {
  const { docs } = await payload.find({
    collection: 'status-maintenances',
    where,
    overrideAccess: false,
    depth: 0,
    limit,
    sort: 'scheduledStart',
  })
  return docs as MaintenanceDoc[]
}

async function findIncidents(payload: Payload, where: Where, limit = 100, sort = '-startedAt') {
  const { docs } = await payload.find({
    collection: 'status-incidents',
    where,
    overrideAccess: false,
    depth: 0,
    limit,
    sort,
  })
  return docs as IncidentDoc[]
}

/** Components as shown (maintenance applied), from the current documents. */
async function shownComponents(payload: Payload, maintenances: MaintenanceDoc[], now = new Date()) {
  const docs = await publicComponents(payload)
  const queryable = await db({ payload })
  const ids = docs.map((doc) => doc.id)
  const [checked, stale] = await Promise.all([
    checkedComponents(queryable, ids),
    staleComponents(queryable, ids, now),
  ])
  return componentViews(docs, maintenances, checked, stale)
}

/** The whole current page: components, groups, open incidents, maintenance, uptime. */
export async function readStatusSnapshot(
  payload: Payload,
  now = new Date(),
): Promise<StatusSnapshot> {
  const openMaintenances = await findMaintenances(payload, OPEN_MAINTENANCE)
  const shown = await shownComponents(payload, openMaintenances, now)
  const incidents = (
    await findIncidents(payload, { resolvedAt: { exists: false } }, 50, '-startedAt')
  ).map((doc) => incidentView(doc, shown))
  const components = withIncidentStates(shown, incidents)
  const maintenances = openMaintenances.map((doc) => maintenanceView(doc, components))
  const ids = components.map((component) => component.id)
  const queryable = await db({ payload })
  const [uptime, responseTimes] = await Promise.all([
    readUptime(queryable, ids, now),
    readResponseTimes(queryable, ids, now),
  ])
  return {
    generatedAt: now.toISOString(),
    updatedAt: latestChange(components, incidents, maintenances),
    overall: overallOf(components, incidents),
    components,
    groups: groupViews(components),
    activeIncidents: incidents,
    activeMaintenances: maintenances.filter((m) => m.status !== 'scheduled'),
    upcomingMaintenances: maintenances.filter((m) => m.status === 'scheduled'),
    uptime,
    responseTimes,
  }
}

/** The 50 most recent published incidents (Statuspage's incidents.json). */
export async function readRecentIncidents(payload: Payload): Promise<IncidentView[]> {
  const components = await shownComponents(payload, [])
  return (await findIncidents(payload, {}, 50)).map((doc) => incidentView(doc, components))
}

/** The 50 most recent maintenances, open ones included (scheduled-maintenances.json). */
export async function readRecentMaintenances(payload: Payload): Promise<MaintenanceView[]> {
  const components = await shownComponents(payload, [])
  const { docs } = await payload.find({
    collection: 'status-maintenances',
    overrideAccess: false,
    depth: 0,
    limit: 50,
    sort: '-scheduledStart',
  })
  return (docs as MaintenanceDoc[]).map((doc) => maintenanceView(doc, components))
}

/** `YYYY-MM` → its first instant and the next month's (UTC). */
export function monthRange(month: string): { from: Date; to: Date } | null {
  // Years 2000–2999: Date.UTC reads 0–99 as 1900–1999.
  const match = /^(2\d{3})-(0[1-9]|1[0-2])$/.exec(month)
  if (!match) return null
  const from = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1))
  const to = new Date(Date.UTC(Number(match[1]), Number(match[2]), 1))
  return { from, to }
}

/** Published incidents that began in the given months (`YYYY-MM`), newest first. */
export async function readIncidentsInMonths(
  payload: Payload,
  months: string[],
): Promise<Record<string, IncidentView[]>> {
  const ranges = months.flatMap((month) => {
    const range = monthRange(month)
    return range ? [{ month, ...range }] : []
  })
  if (ranges.length === 0) return {}
  const from = new Date(Math.min(...ranges.map((range) => range.from.getTime())))
  const to = new Date(Math.max(...ranges.map((range) => range.to.getTime())))
  const components = await shownComponents(payload, [])
  const docs = await findIncidents(
    payload,
    {
      and: [
        { startedAt: { greater_than_equal: from.toISOString() } },
        { startedAt: { less_than: to.toISOString() } },
      ],
    },
    1000,
  )
  const views = docs.map((doc) => incidentView(doc, components))
  return Object.fromEntries(
    ranges.map((range) => [
      range.month,
      views.filter((incident) => {
        const started = new Date(incident.startedAt)
        return started >= range.from && started < range.to
      }),
    ]),
  )
}

/** Completed maintenance that began in the given month, newest first, for the history. */
export async function readMaintenancesInMonth(
  payload: Payload,
  month: string,
): Promise<MaintenanceView[]> {
  const range = monthRange(month)
  if (!range) return []
  const components = await shownComponents(payload, [])
  const docs = await findMaintenances(payload, {
    and: [
      { status: { equals: 'completed' } },
      { scheduledStart: { greater_than_equal: range.from.toISOString() } },
      { scheduledStart: { less_than: range.to.toISOString() } },
    ],
  })
  return docs.map((doc) => maintenanceView(doc, components)).reverse()
}

/**
 * The month of the oldest published incident or completed maintenance, to know where the
 * history ends.
 */
export async function readFirstIncidentMonth(payload: Payload): Promise<string | null> {
  const [
    [incident],
    {
      docs: [maintenance],
    },
  ] = await Promise.all([
    findIncidents(payload, {}, 1, 'startedAt'),
    payload.find({
      collection: 'status-maintenances',
      where: { status: { equals: 'completed' } },
      overrideAccess: false,
      depth: 0,
      limit: 1,
      sort: 'scheduledStart',
    }),
  ])
  const months = [incident?.startedAt, maintenance?.scheduledStart]
    .filter((value): value is string => Boolean(value))
    .map((value) => value.slice(0, 7))
    .sort()
  return months[0] ?? null
}

/** One maintenance the public may see (any status); null when there is none such. */
export async function readMaintenance(
  payload: Payload,
  id: number,
): Promise<MaintenanceView | null> {
  const [doc] = await findMaintenances(payload, { id: { equals: id } }, 1)
  if (!doc) return null
  return maintenanceView(doc, await shownComponents(payload, []))
}

export type IncidentPage = { incident: IncidentView; postmortem: unknown }

/** One published incident with its postmortem (Lexical); null when there is none such. */
export async function readPublishedIncident(
  payload: Payload,
  id: number,
): Promise<IncidentPage | null> {
  const [doc] = await findIncidents(payload, { id: { equals: id } }, 1)
  if (!doc) return null
  const components = await shownComponents(payload, [])
  return { incident: incidentView(doc, components), postmortem: doc.postmortem ?? null }
}
