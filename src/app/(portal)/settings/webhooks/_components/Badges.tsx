import { Badge, type BadgeTone as Tone } from '@/components/ui/badge'
import type { WebhookDelivery, WebhookEndpoint } from '@/payload-types'

export type EndpointState = 'enabled' | 'failing' | 'disabled'

/** Disabled (by the owner or the system), failing (deliveries erroring), or enabled. */
export function endpointState(
  endpoint: Pick<WebhookEndpoint, 'enabled' | 'disabledAt' | 'failingSince'>,
): EndpointState {
  if (endpoint.enabled === false || endpoint.disabledAt) return 'disabled'
  if (endpoint.failingSince) return 'failing'
  return 'enabled'
}

const ENDPOINT_STATES: Record<EndpointState, { label: string; tone: Tone }> = {
  enabled: { label: 'Enabled', tone: 'success' },
  failing: { label: 'Failing', tone: 'danger' },
  disabled: { label: 'Disabled', tone: 'danger' },
}

const DELIVERY_STATES: Record<WebhookDelivery['status'], { label: string; tone: Tone }> = {
  pending: { label: 'Pending', tone: 'neutral' },
  succeeded: { label: 'Succeeded', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
}

export function EndpointStateBadge({ state }: { state: EndpointState }) {
  const { label, tone } = ENDPOINT_STATES[state]
  return <Badge tone={tone}>{label}</Badge>
}

export function DeliveryStatusBadge({ status }: { status: WebhookDelivery['status'] }) {
  const { label, tone } = DELIVERY_STATES[status]
  return <Badge tone={tone}>{label}</Badge>
}

/** "93% (40 of 43)" over the health window, or a sentence when nothing finished. */
export function successRateText(health: {
  successRate: number | null
  succeeded: number
  failed: number
}): string {
  if (health.successRate === null) return 'No finished deliveries'
  const percent = Math.floor(health.successRate * 1000) / 10
  return `${percent}% (${health.succeeded} of ${health.succeeded + health.failed})`
}
