import { env } from '@/lib/env'
import {
  WEBHOOK_EVENT_FAMILIES,
  WEBHOOK_EVENT_TYPES,
  EVENT_TYPES,
  eventJsonSchema,
  type EventType,
} from '@/lib/events/registry'

/**
 * What integrators are told about deliveries, from the running portal's own registries: the
 * event catalog, the egress addresses and the retry schedule's wording. Plain data (no
 * database), so the docs' pages, their Markdown and their search text all say the same.
 */

/** The addresses deliveries come from, for receivers' allowlists (none when unset). */
export function egressIps(): string[] {
  return (env().WEBHOOK_EGRESS_IPS ?? '')
    .split(',')
    .map((ip) => ip.trim())
    .filter(Boolean)
}

/** A delivery body as receivers get it, with the example `data` of `type`. */
export function examplePayload(type: EventType): string {
  return JSON.stringify(
    {
      event: type,
      timestamp: '2026-11-25T10:00:00.000Z',
      data: EVENT_TYPES[type].example,
      webhook_id: '12',
      delivery_id: 'msg_0mhf3k2a94f1c2b7e9a0d3c6b8f12',
    },
    null,
    2,
  )
}

export type EventCatalogEntry = {
  type: EventType
  description: string
  /** The whole delivery body, pretty-printed JSON. */
  example: string
  /** The JSON Schema of `data`, pretty-printed. */
  schema: string
}

/** Every event type with its description, an example delivery and the schema of its data. */
export function eventCatalog(): EventCatalogEntry[] {
  return WEBHOOK_EVENT_TYPES.map((type) => ({
    type,
    description: EVENT_TYPES[type].description,
    example: examplePayload(type),
    schema: JSON.stringify(eventJsonSchema(type), null, 2),
  }))
}

export type EventOption = { type: string; description: string; example: string }

/** What an endpoint may list: each family (`incident.*`) first, then every type. */
export function eventOptions(): EventOption[] {
  return [
    ...WEBHOOK_EVENT_FAMILIES.map((family) => ({
      type: family,
      description: `Every ${family.slice(0, -2)} event, including types added later.`,
      example: '',
    })),
    ...eventCatalog().map(({ type, description, example }) => ({ type, description, example })),
  ]
}

/** "5 seconds", "30 minutes", "2 hours". */
export function duration(seconds: number): string {
  const [value, unit] =
    seconds >= 3600
      ? [seconds / 3600, 'hour']
      : seconds >= 60
        ? [seconds / 60, 'minute']
        : [seconds, 'second']
  return `${value} ${unit}${value === 1 ? '' : 's'}`
}
