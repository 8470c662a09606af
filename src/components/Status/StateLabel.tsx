import type { ReactNode } from 'react'

import { Badge, type BadgeTone } from '@/components/ui/badge'
import { cn } from '@/lib/cn'
import {
  COMPONENT_STATE_LABELS,
  IMPACT_LABELS,
  INCIDENT_STATUS_LABELS,
  MAINTENANCE_STATUS_LABELS,
  type ComponentState,
  type Impact,
  type IncidentStatus,
  type Indicator,
  type MaintenanceStatus,
} from '@/lib/status/states'

/** Each state's look: a tone and a symbol, so colour is never the only sign. */
export const STATE_LOOK: Record<ComponentState, { tone: BadgeTone; symbol: string }> = {
  operational: { tone: 'success', symbol: '✓' },
  degraded_performance: { tone: 'warning', symbol: '!' },
  partial_outage: { tone: 'warning', symbol: '!' },
  major_outage: { tone: 'danger', symbol: '✕' },
  under_maintenance: { tone: 'primary', symbol: '⚙' },
}

const INDICATOR_TONE: Record<Indicator, BadgeTone> = {
  none: 'success',
  minor: 'warning',
  major: 'warning',
  critical: 'danger',
}

/** A component's state as a labelled pill. */
export function StateLabel({ state }: { state: ComponentState }) {
  const look = STATE_LOOK[state]
  return (
    <Badge tone={look.tone}>
      <span aria-hidden="true" className="mr-1">
        {look.symbol}
      </span>
      {COMPONENT_STATE_LABELS[state]}
    </Badge>
  )
}

export function ImpactLabel({ impact }: { impact: Impact }) {
  return <Badge tone={INDICATOR_TONE[impact]}>{IMPACT_LABELS[impact]} impact</Badge>
}

export function IncidentStatusLabel({ status }: { status: IncidentStatus }) {
  return (
    <Badge tone={status === 'resolved' ? 'success' : 'neutral'}>
      {INCIDENT_STATUS_LABELS[status]}
    </Badge>
  )
}

export function MaintenanceStatusLabel({ status }: { status: MaintenanceStatus }) {
  return (
    <Badge tone={status === 'completed' ? 'success' : 'primary'}>
      {MAINTENANCE_STATUS_LABELS[status]}
    </Badge>
  )
}

const BANNER_LOOK: Record<Indicator, string> = {
  none: 'border-success bg-success-soft text-success',
  minor: 'border-warning bg-warning-soft text-warning',
  major: 'border-warning bg-warning-soft text-warning',
  critical: 'border-danger bg-danger-soft text-danger',
}

/** The page's overall state in one line, as the top of the page shows it. */
export function OverallBanner({
  indicator,
  state,
  description,
  children,
  className,
}: {
  indicator: Indicator
  state: ComponentState
  description: string
  children?: ReactNode
  className?: string
}) {
  const isMaintenance = indicator === 'none' && state === 'under_maintenance'
  return (
    <div
      className={cn(
        'flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border-2 px-4 py-3',
        isMaintenance ? 'border-primary bg-background text-primary' : BANNER_LOOK[indicator],
        className,
      )}
    >
      <span aria-hidden="true" className="text-xl font-bold">
        {isMaintenance ? '⚙' : indicator === 'none' ? '✓' : indicator === 'critical' ? '✕' : '!'}
      </span>
      <p className="text-lg font-semibold">{description}</p>
      {children}
    </div>
  )
}
