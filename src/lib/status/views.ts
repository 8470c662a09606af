import { relationId } from '../relationId'
import {
  isActiveMaintenance,
  overallStatus,
  worstState,
  type ComponentState,
  type Impact,
  type IncidentStatus,
  type MaintenanceStatus,
  type OverallStatus,
} from './states'
import type { ComponentUptime, ResponseTimePoint } from './uptime'

/**
 * What the status page, its JSON API, feeds and badge show, shaped once from the documents as an
 * anonymous reader gets them (public components, published incidents). Plain JSON: it is cached.
 */

export type ComponentView = {
  id: number
  name: string
  slug: string
  description: string | null
  group: string | null
  order: number
  /** What the page shows: under maintenance while maintenance of it is under way. */
  state: ComponentState
  isChecked: boolean
  /** Its checks have gone quiet (src/lib/status/uptime.ts): the state may be out of date. */
  isStale: boolean
  /** Its latest check result, when stale (null: none ever). */
  lastCheckedAt: string | null
  createdAt: string
  updatedAt: string
}

export type GroupView = {
  /** null: components outside any group, shown one by one. */
  name: string | null
  state: ComponentState
  components: ComponentView[]
}

export type UpdateView = {
  id: string
  status: IncidentStatus
  message: string
  at: string
  notify: boolean
}

export type IncidentView = {
  id: number
  title: string
  impact: Impact
  status: IncidentStatus
  startedAt: string
  resolvedAt: string | null
  createdAt: string
  updatedAt: string
  components: { id: number; name: string; slug: string; state: ComponentState }[]
  /** Newest first. */
  updates: UpdateView[]
  hasPostmortem: boolean
}

export type MaintenanceView = {
  id: number
  title: string
  description: string
  status: MaintenanceStatus
  scheduledStart: string
  scheduledEnd: string
  startedAt: string | null
  completedAt: string | null
  createdAt: string
  updatedAt: string
  components: { id: number; name: string; slug: string }[]
}

export type StatusSnapshot = {
  generatedAt: string
  /** The latest change of anything shown (Statuspage's `page.updated_at`). */
  updatedAt: string
  overall: OverallStatus
  components: ComponentView[]
  groups: GroupView[]
  activeIncidents: IncidentView[]
  activeMaintenances: MaintenanceView[]
  upcomingMaintenances: MaintenanceView[]
  uptime: Record<number, ComponentUptime>
  responseTimes: Record<number, ResponseTimePoint[]>
}

export type ComponentDoc = {
  id: number
  name: string
  slug: string
  description?: string | null
  group?: string | null
  order: number
  state: string
  createdAt: string
  updatedAt: string
}

export type IncidentDoc = {
  id: number
  title: string
  impact: string
  status?: string | null
  startedAt: string
  resolvedAt?: string | null
  createdAt: string
  updatedAt: string
  components?: { component: unknown; state: string }[] | null
  updates?:
    | { id?: string | null; status: string; message: string; at: string; notify?: boolean | null }[]
    | null
  postmortem?: unknown
}

export type MaintenanceDoc = {
  id: number
  title: string
  description?: string | null
  status: string
  scheduledStart: string
  scheduledEnd: string
  startedAt?: string | null
  completedAt?: string | null
  createdAt: string
  updatedAt: string
  components?: unknown[] | null
}

const byId = (components: ComponentView[]) => new Map(components.map((c) => [c.id, c]))

/** Components in order; those under active maintenance show as under maintenance. */
export function componentViews(
  docs: ComponentDoc[],
  maintenances: MaintenanceDoc[],
  checked: number[],
  stale: Map<number, string | null> = new Map(),
): ComponentView[] {
  const underMaintenance = new Set(
    maintenances
      .filter((maintenance) => isActiveMaintenance(maintenance.status as MaintenanceStatus))
      .flatMap((maintenance) => (maintenance.components ?? []).map((c) => Number(relationId(c)))),
  )
  const isChecked = new Set(checked)
  return [...docs]
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name))
    .map((doc) => ({
      id: doc.id,
      name: doc.name,
      slug: doc.slug,
      description: doc.description ?? null,
      group: doc.group?.trim() || null,
      order: doc.order,
      state: underMaintenance.has(doc.id) ? 'under_maintenance' : (doc.state as ComponentState),
      isChecked: isChecked.has(doc.id),
      isStale: stale.has(doc.id),
      lastCheckedAt: stale.get(doc.id) ?? null,
      createdAt: doc.createdAt,
      updatedAt: doc.updatedAt,
    }))
}

/**
 * Components as the open incidents describe them: one without checks takes the worst of its own
 * state and the states open published incidents give it, so staff declaring an outage in an
 * incident need not also edit the component. A checked component shows what its checks measure
 * (they notice its recovery before staff resolve the incident).
 */
export function withIncidentStates(
  components: ComponentView[],
  incidents: IncidentView[],
): ComponentView[] {
  const declared = new Map<number, ComponentState[]>()
  for (const incident of incidents) {
    if (incident.resolvedAt) continue
    for (const entry of incident.components) {
      declared.set(entry.id, [...(declared.get(entry.id) ?? []), entry.state])
    }
  }
  return components.map((component) => {
    const states = component.isChecked ? undefined : declared.get(component.id)
    return states ? { ...component, state: worstState([component.state, ...states]) } : component
  })
}

/** Components by group, groups in the order of their first component; ungrouped ones alone. */
export function groupViews(components: ComponentView[]): GroupView[] {
  const groups: GroupView[] = []
  const named = new Map<string, GroupView>()
  for (const component of components) {
    if (!component.group) {
      groups.push({ name: null, state: component.state, components: [component] })
      continue
    }
    let group = named.get(component.group)
    if (!group) {
      group = { name: component.group, state: 'operational', components: [] }
      named.set(component.group, group)
      groups.push(group)
    }
    group.components.push(component)
    group.state = worstState(group.components.map((each) => each.state))
  }
  return groups
}

/** An incident as shown, naming only public components (`components`: the public ones). */
export function incidentView(doc: IncidentDoc, components: ComponentView[]): IncidentView {
  const known = byId(components)
  const updates = [...(doc.updates ?? [])]
    .map((update, index) => ({
      id: String(update.id ?? index),
      status: update.status as IncidentStatus,
      message: update.message,
      at: update.at,
      notify: update.notify !== false,
      index,
    }))
    .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime() || b.index - a.index)
    .map(({ index: _index, ...update }) => update)
  return {
    id: doc.id,
    title: doc.title,
    impact: doc.impact as Impact,
    status: (doc.status ?? updates[0]?.status ?? 'investigating') as IncidentStatus,
    startedAt: doc.startedAt,
    resolvedAt: doc.resolvedAt ?? null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    components: (doc.components ?? []).flatMap((entry) => {
      const component = known.get(Number(relationId(entry.component)))
      return component
        ? [
            {
              id: component.id,
              name: component.name,
              slug: component.slug,
              state: entry.state as ComponentState,
            },
          ]
        : []
    }),
    updates,
    hasPostmortem: hasContent(doc.postmortem),
  }
}

/** True when a Lexical value holds any text (an emptied editor leaves an empty paragraph). */
export function hasContent(value: unknown): boolean {
  const walk = (node: unknown): boolean => {
    if (!node || typeof node !== 'object') return false
    const { text, children } = node as { text?: unknown; children?: unknown }
    if (typeof text === 'string' && text.trim() !== '') return true
    return Array.isArray(children) && children.some(walk)
  }
  return walk((value as { root?: unknown } | null)?.root)
}

export function maintenanceView(doc: MaintenanceDoc, components: ComponentView[]): MaintenanceView {
  const known = byId(components)
  return {
    id: doc.id,
    title: doc.title,
    description: doc.description ?? '',
    status: doc.status as MaintenanceStatus,
    scheduledStart: doc.scheduledStart,
    scheduledEnd: doc.scheduledEnd,
    startedAt: doc.startedAt ?? null,
    completedAt: doc.completedAt ?? null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    components: (doc.components ?? []).flatMap((value) => {
      const component = known.get(Number(relationId(value)))
      return component ? [{ id: component.id, name: component.name, slug: component.slug }] : []
    }),
  }
}

/** The page's overall status: worst public component, worst unresolved incident. */
export const overallOf = (components: ComponentView[], incidents: IncidentView[]) =>
  overallStatus(
    components.map((component) => component.state),
    incidents.map((incident) => incident.impact),
  )

/** The latest `updatedAt` among what the page shows. */
export const latestChange = (...lists: { updatedAt: string }[][]) =>
  lists
    .flat()
    .map((item) => item.updatedAt)
    .reduce((latest, value) => (value > latest ? value : latest), new Date(0).toISOString())
