import type { KeyEnvironment } from '@/lib/keys/format'
import { cn } from '@/lib/cn'
import type { KeyState } from '@/schemas/apiKeys'

const badge = 'inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium'

/** Token pairs that meet AA in the light and dark themes and AAA in high contrast. */
const ENVIRONMENTS: Record<KeyEnvironment, { label: string; className: string }> = {
  development: { label: 'Development', className: 'border-border bg-muted text-foreground' },
  staging: { label: 'Staging', className: 'border-primary bg-background text-primary' },
  production: { label: 'Production', className: 'border-danger bg-danger-soft text-danger' },
}

const STATES: Record<KeyState, { label: string; className: string }> = {
  active: { label: 'Active', className: 'border-success bg-success-soft text-success' },
  revoked: { label: 'Revoked', className: 'border-danger bg-danger-soft text-danger' },
  expired: { label: 'Expired', className: 'border-border bg-muted text-muted-foreground' },
}

export function EnvironmentBadge({ environment }: { environment: KeyEnvironment }) {
  const { label, className } = ENVIRONMENTS[environment]
  return <span className={cn(badge, className)}>{label}</span>
}

export function StatusBadge({ state }: { state: KeyState }) {
  const { label, className } = STATES[state]
  return <span className={cn(badge, className)}>{label}</span>
}

export const environmentLabel = (environment: KeyEnvironment) => ENVIRONMENTS[environment].label
export const stateLabel = (state: KeyState) => STATES[state].label
