/**
 * The status page's vocabulary, with Statuspage's (v2) names so its API shapes and widgets fit:
 * component states, incident impacts and statuses, maintenance statuses, and the page's overall
 * indicator. Plain data and pure functions: the collections, the worker, the pages, the JSON API
 * and the badge all read them from here.
 */

export const COMPONENT_STATES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const
export type ComponentState = (typeof COMPONENT_STATES)[number]

export const COMPONENT_STATE_LABELS: Record<ComponentState, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
}

/** How bad a state is, for "the worst of": maintenance sits between degraded and outage. */
const STATE_RANK: Record<ComponentState, number> = {
  operational: 0,
  degraded_performance: 1,
  under_maintenance: 2,
  partial_outage: 3,
  major_outage: 4,
}

export const isComponentState = (value: unknown): value is ComponentState =>
  typeof value === 'string' && (COMPONENT_STATES as readonly string[]).includes(value)

/** The worst of some states; operational for none. */
export function worstState(states: Iterable<ComponentState>): ComponentState {
  let worst: ComponentState = 'operational'
  for (const state of states) if (STATE_RANK[state] > STATE_RANK[worst]) worst = state
  return worst
}

export const IMPACTS = ['none', 'minor', 'major', 'critical'] as const
export type Impact = (typeof IMPACTS)[number]

export const IMPACT_LABELS: Record<Impact, string> = {
  none: 'No impact',
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
}

const IMPACT_RANK: Record<Impact, number> = { none: 0, minor: 1, major: 2, critical: 3 }

export const worstImpact = (impacts: Iterable<Impact>): Impact => {
  let worst: Impact = 'none'
  for (const impact of impacts) if (IMPACT_RANK[impact] > IMPACT_RANK[worst]) worst = impact
  return worst
}

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number]

export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
}

export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number]

export const MAINTENANCE_STATUS_LABELS: Record<MaintenanceStatus, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
}

/** Maintenance that is under way: its components show as under maintenance. */
export const isActiveMaintenance = (status: MaintenanceStatus) =>
  status === 'in_progress' || status === 'verifying'

/** A component's impact on the page's indicator (Statuspage's mapping). */
const STATE_IMPACT: Record<ComponentState, Impact> = {
  operational: 'none',
  under_maintenance: 'none',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
}

export type Indicator = Impact

/** What the banner and status.json say: the indicator and its words. */
export type OverallStatus = { indicator: Indicator; description: string; state: ComponentState }

/**
 * The page's overall status: the worst of the public components' states and of the unresolved
 * public incidents' impacts, as Statuspage computes its `status.indicator`.
 */
export function overallStatus(states: ComponentState[], openImpacts: Impact[] = []): OverallStatus {
  const state = worstState(states)
  const indicator = worstImpact([...states.map((s) => STATE_IMPACT[s]), ...openImpacts])
  const description =
    indicator === 'critical'
      ? 'Major System Outage'
      : indicator === 'major'
        ? 'Partial System Outage'
        : indicator === 'minor'
          ? 'Minor Service Outage'
          : state === 'under_maintenance'
            ? 'Service Under Maintenance'
            : 'All Systems Operational'
  return { indicator, description, state }
}

/** Uptime buckets of the 90-day bars, worst last; `none` is a day without results. */
export type DayTone = 'none' | 'up' | 'minor' | 'major' | 'down'

export function dayTone(uptime: number | null): DayTone {
  if (uptime === null) return 'none'
  if (uptime >= 99.9) return 'up'
  if (uptime >= 99) return 'minor'
  if (uptime >= 95) return 'major'
  return 'down'
}

/** An uptime percentage as people read it: 100%, 99.95%, 87.5%, never 100% unless it is. */
export function formatUptime(uptime: number | null): string {
  if (uptime === null) return 'No data'
  if (uptime === 100) return '100%'
  const floored = Math.floor(uptime * 100) / 100
  return `${floored.toFixed(2).replace(/\.?0+$/, '')}%`
}
