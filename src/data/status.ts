import 'server-only'

import { db } from '@/lib/db'
import { incidentsBetween, type PublicIncident } from '@/lib/status/incidents'

import { payloadClient } from './session'

export type { PublicIncident }

/**
 * Published status-page incidents that overlap [from, to) — drafts never — with their start
 * (staff may backdate it), resolution (null while open) and the public components they affect.
 * The dashboard's analytics charts mark them.
 */
export async function publicIncidentsBetween(from: Date, to: Date): Promise<PublicIncident[]> {
  return incidentsBetween(await db({ payload: await payloadClient() }), from, to)
}
