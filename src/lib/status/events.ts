import type { Queryable } from '../db'
import { portalUrl } from '../emails'
import { NO_ACCOUNT, publishEvent } from '../events/publish'
import type { ComponentState, Impact, IncidentStatus, MaintenanceStatus } from './states'

/**
 * The status page's outbox events — `incident.created|updated|resolved` and
 * `maintenance.scheduled|started|completed` — published by the collections' hooks (staff) and by
 * the worker (automatic transitions) alike, in the change's transaction. They are about the
 * service, not an account: webhooks deliver them to every endpoint that lists them, the status
 * subscribers' consumer mails them, members who follow status get notifications. Components that
 * are not public are never named in them, and an incident or maintenance that concerns only such
 * components makes no event at all (it is internal: an event naming no component would reach
 * every subscriber).
 */

export type IncidentFacts = {
  id: number
  title: string
  impact: Impact
  startedAt: string
  resolvedAt: string | null
  components: { componentId: number; state: ComponentState }[]
}

export type UpdateFacts = { id: string; status: IncidentStatus; message: string; notify: boolean }

export type MaintenanceFacts = {
  id: number
  title: string
  description: string
  status: MaintenanceStatus
  notify: boolean
  scheduledStart: string
  scheduledEnd: string
  componentIds: number[]
}

type ComponentRow = { id: number; name: string; slug: string }

async function publicComponents(q: Queryable, ids: number[]): Promise<Map<number, ComponentRow>> {
  if (ids.length === 0) return new Map()
  // A JSON list binds the same on a pg client and on a Payload request's Drizzle session.
  const { rows } = await q.query<ComponentRow>(
    `SELECT id, name, slug FROM status_components
      WHERE id IN (SELECT value::int FROM jsonb_array_elements_text($1::jsonb)) AND is_public`,
    [JSON.stringify(ids)],
  )
  return new Map(rows.map((row) => [row.id, row]))
}

const iso = (value: string | Date) => new Date(value).toISOString()

export const incidentUrl = (id: number) => portalUrl(`/status/incidents/${id}`)
export const maintenanceUrl = (id: number) => portalUrl(`/status/maintenances/${id}`)

/** The event type an incident update makes: its first publication, a new update, resolution. */
export function incidentEventType(
  isFirstPublication: boolean,
  status: IncidentStatus,
): 'incident.created' | 'incident.updated' | 'incident.resolved' {
  if (isFirstPublication) return 'incident.created'
  return status === 'resolved' ? 'incident.resolved' : 'incident.updated'
}

/** Named components but none of them public: the page does not show it, nobody is told. */
const isInternal = (ids: number[], named: Map<number, ComponentRow>) =>
  ids.length > 0 && named.size === 0

/**
 * Publishes one incident event for one update (once: the update's id is the idempotency key);
 * nothing for an incident of non-public components only.
 */
export async function publishIncidentEvent(
  q: Queryable,
  type: 'incident.created' | 'incident.updated' | 'incident.resolved',
  incident: IncidentFacts,
  update: UpdateFacts,
  actor?: number | null,
) {
  const ids = incident.components.map((entry) => entry.componentId)
  const named = await publicComponents(q, ids)
  if (isInternal(ids, named)) return null
  return publishEvent(q, {
    type,
    account: NO_ACCOUNT,
    actor: actor ?? null,
    idempotencyKey: `incident:${incident.id}:${update.id}`,
    data: {
      incident_id: incident.id,
      title: incident.title,
      impact: incident.impact,
      status: update.status,
      update_id: update.id,
      message: update.message,
      notify: update.notify,
      components: incident.components.flatMap((entry) => {
        const component = named.get(entry.componentId)
        return component ? [{ ...component, state: entry.state }] : []
      }),
      started_at: iso(incident.startedAt),
      resolved_at: incident.resolvedAt ? iso(incident.resolvedAt) : null,
      url: incidentUrl(incident.id),
    },
  })
}

export type MaintenanceEventType =
  'maintenance.scheduled' | 'maintenance.started' | 'maintenance.completed'

/** The notice a maintenance status calls for, if any (verifying has none). */
export function maintenanceEventType(status: MaintenanceStatus): MaintenanceEventType | null {
  if (status === 'scheduled') return 'maintenance.scheduled'
  if (status === 'in_progress') return 'maintenance.started'
  if (status === 'completed') return 'maintenance.completed'
  return null
}

/**
 * Publishes a maintenance notice (once per maintenance and type); nothing for maintenance of
 * non-public components only.
 */
export async function publishMaintenanceEvent(
  q: Queryable,
  type: MaintenanceEventType,
  maintenance: MaintenanceFacts,
  actor?: number | null,
) {
  const named = await publicComponents(q, maintenance.componentIds)
  // Maintenance always names components: with none left (deleted), it concerns nobody.
  if (named.size === 0) return null
  return publishEvent(q, {
    type,
    account: NO_ACCOUNT,
    actor: actor ?? null,
    idempotencyKey: `maintenance:${maintenance.id}:${type}`,
    data: {
      maintenance_id: maintenance.id,
      title: maintenance.title,
      description: maintenance.description,
      status: maintenance.status,
      notify: maintenance.notify,
      components: maintenance.componentIds.flatMap((id) => {
        const component = named.get(id)
        return component ? [component] : []
      }),
      scheduled_start: iso(maintenance.scheduledStart),
      scheduled_end: iso(maintenance.scheduledEnd),
      url: maintenanceUrl(maintenance.id),
    },
  })
}
