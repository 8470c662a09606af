import { createHash } from 'node:crypto'

import { portalUrl } from '../emails'
import { slugify } from '../docs/toc'
import type { ComponentState } from './states'
import type {
  ComponentView,
  GroupView,
  IncidentView,
  MaintenanceView,
  StatusSnapshot,
} from './views'

/**
 * The public JSON API in Statuspage's v2 shapes (`/api/v2/summary.json` …), so existing clients,
 * widgets and monitors that read Statuspage read this page too. Ids are strings, times ISO 8601,
 * and fields this page has no use for (tweets, showcase) carry Statuspage's neutral values.
 */

export const PAGE_ID = 'tunetrail'

export type V2Page = {
  id: string
  name: string
  url: string
  time_zone: string
  updated_at: string
}

export const v2Page = (updatedAt: string): V2Page => ({
  id: PAGE_ID,
  name: 'TuneTrail',
  url: portalUrl('/status'),
  time_zone: 'Etc/UTC',
  updated_at: iso(updatedAt),
})

const iso = (value: string) => new Date(value).toISOString()

/** One id per group name, exact: "API" and "api", or two names slugify leaves empty, differ. */
export const groupId = (name: string) =>
  `group-${slugify(name) || 'components'}-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`

type V2Component = {
  id: string
  name: string
  status: ComponentState
  created_at: string
  updated_at: string
  position: number
  description: string | null
  showcase: boolean
  start_date: string | null
  group_id: string | null
  page_id: string
  group: boolean
  only_show_if_degraded: boolean
  components?: string[]
}

function v2Component(component: ComponentView, position: number): V2Component {
  return {
    id: String(component.id),
    name: component.name,
    status: component.state,
    created_at: iso(component.createdAt),
    updated_at: iso(component.updatedAt),
    position,
    description: component.description,
    showcase: true,
    start_date: component.createdAt.slice(0, 10),
    group_id: component.group ? groupId(component.group) : null,
    page_id: PAGE_ID,
    group: false,
    only_show_if_degraded: false,
  }
}

/** Components and their groups (a group is a component with `group: true`), in page order. */
export function v2Components(groups: GroupView[]): V2Component[] {
  const list: V2Component[] = []
  let position = 1
  for (const group of groups) {
    if (group.name === null) {
      list.push(v2Component(group.components[0], position++))
      continue
    }
    const groupPosition = position++
    const members = group.components.map((component) => v2Component(component, position++))
    list.push({
      id: groupId(group.name),
      name: group.name,
      status: group.state,
      created_at: members.map((m) => m.created_at).sort()[0],
      updated_at: members
        .map((m) => m.updated_at)
        .sort()
        .reverse()[0],
      position: groupPosition,
      description: null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: PAGE_ID,
      group: true,
      only_show_if_degraded: false,
      components: members.map((member) => member.id),
    })
    list.push(...members)
  }
  return list
}

type V2Update = {
  id: string
  status: string
  body: string
  incident_id: string
  created_at: string
  updated_at: string
  display_at: string
  affected_components: { code: string; name: string; old_status: string; new_status: string }[]
  deliver_notifications: boolean
  custom_tweet: null
  tweet_id: null
}

export function v2Incident(incident: IncidentView, components: ComponentView[]) {
  const byId = new Map(components.map((component, index) => [component.id, { component, index }]))
  const affected = incident.components.map((entry) => ({
    code: String(entry.id),
    name: entry.name,
    old_status: 'operational',
    new_status: entry.state,
  }))
  const monitoring = incident.updates.find((update) => update.status === 'monitoring')
  return {
    id: String(incident.id),
    name: incident.title,
    status: incident.status,
    created_at: iso(incident.createdAt),
    updated_at: iso(incident.updatedAt),
    monitoring_at: monitoring ? iso(monitoring.at) : null,
    resolved_at: incident.resolvedAt ? iso(incident.resolvedAt) : null,
    impact: incident.impact,
    shortlink: portalUrl(`/status/incidents/${incident.id}`),
    started_at: iso(incident.startedAt),
    page_id: PAGE_ID,
    incident_updates: incident.updates.map((update, index): V2Update => ({
      id: update.id,
      status: update.status,
      body: update.message,
      incident_id: String(incident.id),
      created_at: iso(update.at),
      updated_at: iso(update.at),
      display_at: iso(update.at),
      // The oldest update carries what the incident touches.
      affected_components: index === incident.updates.length - 1 ? affected : [],
      deliver_notifications: update.notify,
      custom_tweet: null,
      tweet_id: null,
    })),
    components: incident.components.flatMap((entry) => {
      const known = byId.get(entry.id)
      return known ? [v2Component(known.component, known.index + 1)] : []
    }),
  }
}

const MAINTENANCE_WORDS = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
} as const

export function v2Maintenance(maintenance: MaintenanceView, components: ComponentView[]) {
  const byId = new Map(components.map((component, index) => [component.id, { component, index }]))
  const affected = maintenance.components.map((entry) => ({
    code: String(entry.id),
    name: entry.name,
    old_status: 'operational',
    new_status: 'under_maintenance',
  }))
  const steps: { status: MaintenanceView['status']; at: string }[] = [
    { status: 'scheduled', at: maintenance.createdAt },
    ...(maintenance.startedAt
      ? [{ status: 'in_progress' as const, at: maintenance.startedAt }]
      : []),
    ...(maintenance.completedAt
      ? [{ status: 'completed' as const, at: maintenance.completedAt }]
      : []),
  ]
  if (maintenance.status === 'verifying') {
    steps.push({ status: 'verifying', at: maintenance.updatedAt })
  }
  return {
    id: String(maintenance.id),
    name: maintenance.title,
    status: maintenance.status,
    created_at: iso(maintenance.createdAt),
    updated_at: iso(maintenance.updatedAt),
    monitoring_at: null,
    resolved_at: maintenance.completedAt ? iso(maintenance.completedAt) : null,
    impact: 'maintenance',
    shortlink: portalUrl(`/status/maintenances/${maintenance.id}`),
    started_at: iso(maintenance.startedAt ?? maintenance.scheduledStart),
    page_id: PAGE_ID,
    scheduled_for: iso(maintenance.scheduledStart),
    scheduled_until: iso(maintenance.scheduledEnd),
    incident_updates: steps
      .map((step, index): V2Update => ({
        id: `${maintenance.id}-${step.status}`,
        status: step.status,
        body:
          step.status === 'scheduled'
            ? maintenance.description || `${maintenance.title} is scheduled.`
            : `${MAINTENANCE_WORDS[step.status]}.`,
        incident_id: String(maintenance.id),
        created_at: iso(step.at),
        updated_at: iso(step.at),
        display_at: iso(step.at),
        affected_components: index === 0 ? affected : [],
        deliver_notifications: true,
        custom_tweet: null,
        tweet_id: null,
      }))
      .reverse(),
    components: maintenance.components.flatMap((entry) => {
      const known = byId.get(entry.id)
      return known ? [v2Component(known.component, known.index + 1)] : []
    }),
  }
}

export const v2Status = (snapshot: StatusSnapshot) => ({
  indicator: snapshot.overall.indicator,
  description: snapshot.overall.description,
})

/** The documents of the v2 API, by path under /status/api/v2/. */
export const V2_PATHS = [
  'summary.json',
  'status.json',
  'components.json',
  'incidents.json',
  'incidents/unresolved.json',
  'scheduled-maintenances.json',
  'scheduled-maintenances/upcoming.json',
  'scheduled-maintenances/active.json',
] as const
export type V2Path = (typeof V2_PATHS)[number]
export const isV2Path = (value: string): value is V2Path =>
  (V2_PATHS as readonly string[]).includes(value)

/** One v2 document from the current snapshot and the recent lists. */
export function v2Document(
  path: V2Path,
  snapshot: StatusSnapshot,
  recent: { incidents: IncidentView[]; maintenances: MaintenanceView[] },
) {
  const page = v2Page(snapshot.updatedAt)
  const components = snapshot.components
  const incident = (view: IncidentView) => v2Incident(view, components)
  const maintenance = (view: MaintenanceView) => v2Maintenance(view, components)
  switch (path) {
    case 'summary.json':
      return {
        page,
        components: v2Components(snapshot.groups),
        incidents: snapshot.activeIncidents.map(incident),
        scheduled_maintenances: [
          ...snapshot.activeMaintenances,
          ...snapshot.upcomingMaintenances,
        ].map(maintenance),
        status: v2Status(snapshot),
      }
    case 'status.json':
      return { page, status: v2Status(snapshot) }
    case 'components.json':
      return { page, components: v2Components(snapshot.groups) }
    case 'incidents.json':
      return { page, incidents: recent.incidents.map(incident) }
    case 'incidents/unresolved.json':
      return { page, incidents: snapshot.activeIncidents.map(incident) }
    case 'scheduled-maintenances.json':
      return { page, scheduled_maintenances: recent.maintenances.map(maintenance) }
    case 'scheduled-maintenances/upcoming.json':
      return { page, scheduled_maintenances: snapshot.upcomingMaintenances.map(maintenance) }
    case 'scheduled-maintenances/active.json':
      return { page, scheduled_maintenances: snapshot.activeMaintenances.map(maintenance) }
  }
}
