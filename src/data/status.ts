import 'server-only'

import { unstable_cache } from 'next/cache'

import { db } from '@/lib/db'
import { STATUS_BACKSTOP_SECONDS, STATUS_TAG } from '@/lib/status/cache'
import { incidentsBetween, type PublicIncident } from '@/lib/status/incidents'
import {
  readFirstIncidentMonth,
  readIncidentsInMonths,
  readMaintenance,
  readMaintenancesInMonth,
  readPublishedIncident,
  readRecentIncidents,
  readRecentMaintenances,
  readStatusSnapshot,
} from '@/lib/status/read'

import { payloadClient } from './session'

export type { PublicIncident }
export type { IncidentPage } from '@/lib/status/read'
export type {
  ComponentView,
  IncidentView,
  MaintenanceView,
  StatusSnapshot,
} from '@/lib/status/views'

/**
 * Published status-page incidents that overlap [from, to) — drafts never — with their start
 * (staff may backdate it), resolution (null while open) and the public components they affect.
 * The dashboard's analytics charts mark them.
 */
export async function publicIncidentsBetween(from: Date, to: Date): Promise<PublicIncident[]> {
  return incidentsBetween(await db({ payload: await payloadClient() }), from, to)
}

/**
 * The status page's reads (src/lib/status/read.ts, as an anonymous visitor), cached under the
 * status tag — staff's changes and the worker's expire it (src/lib/status/cache.ts) — and at
 * most STATUS_BACKSTOP_SECONDS old otherwise (uptime and response times move with every check).
 */
const cached = <A extends unknown[], R>(key: string, read: (...args: A) => Promise<R>) =>
  unstable_cache(read, [`status:${key}`], {
    tags: [STATUS_TAG],
    revalidate: STATUS_BACKSTOP_SECONDS,
  })

export const statusSnapshot = cached('snapshot', async () =>
  readStatusSnapshot(await payloadClient()),
)

export const recentIncidents = cached('recent-incidents', async () =>
  readRecentIncidents(await payloadClient()),
)

export const recentMaintenances = cached('recent-maintenances', async () =>
  readRecentMaintenances(await payloadClient()),
)

export const incidentsInMonths = cached('history', async (months: string[]) =>
  readIncidentsInMonths(await payloadClient(), months),
)

export const maintenancesInMonth = cached('history-maintenance', async (month: string) =>
  readMaintenancesInMonth(await payloadClient(), month),
)

export const firstIncidentMonth = cached('first-month', async () =>
  readFirstIncidentMonth(await payloadClient()),
)

export const publicMaintenance = cached('maintenance', async (id: number) =>
  readMaintenance(await payloadClient(), id),
)

export const publishedIncident = cached('incident', async (id: number) =>
  readPublishedIncident(await payloadClient(), id),
)
