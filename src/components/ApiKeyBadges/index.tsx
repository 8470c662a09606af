import { Badge, type BadgeTone } from '@/components/ui/badge'
import type { KeyEnvironment } from '@/lib/keys/format'
import type { KeyState } from '@/schemas/apiKeys'

const ENVIRONMENTS: Record<KeyEnvironment, { label: string; tone: BadgeTone }> = {
  development: { label: 'Development', tone: 'neutral' },
  staging: { label: 'Staging', tone: 'primary' },
  production: { label: 'Production', tone: 'danger' },
}

const STATES: Record<KeyState, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  revoked: { label: 'Revoked', tone: 'danger' },
  expired: { label: 'Expired', tone: 'muted' },
}

export function EnvironmentBadge({ environment }: { environment: KeyEnvironment }) {
  const { label, tone } = ENVIRONMENTS[environment]
  return <Badge tone={tone}>{label}</Badge>
}

export function StatusBadge({ state }: { state: KeyState }) {
  const { label, tone } = STATES[state]
  return <Badge tone={tone}>{label}</Badge>
}

export const environmentLabel = (environment: KeyEnvironment) => ENVIRONMENTS[environment].label
export const stateLabel = (state: KeyState) => STATES[state].label
