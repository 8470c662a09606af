import { z } from 'zod'

import type { FormState } from '@/lib/formState'
import {
  isWebhookEventSelector,
  WEBHOOK_EVENT_FAMILIES,
  WEBHOOK_EVENT_TYPES,
  type EventType,
} from '@/lib/events/registry'

import { localDateTime } from './apiKeys'

export const DELIVERIES_PER_PAGE = 20

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

/** The most headers an endpoint may add, and the rules the collection applies to them. */
export const MAX_HEADERS = 10
const HEADER_NAME = /^[A-Za-z0-9-]{1,64}$/
const RESERVED_HEADER = /^(webhook-|content-|host$|user-agent$|connection$|transfer-encoding$)/i

/** What the create action returns: the signing secret, once, on success. */
export type CreatedEndpointState = FormState & {
  created?: { id: number; url: string; secret: string }
}

/** What reveal and rotate return: the secret in the action state only (never a URL or log). */
export type SecretState = FormState & {
  secret?: string
  kind?: 'revealed' | 'rotated'
}

const id = z.coerce.number({ error: 'Missing endpoint id.' }).int().positive('Missing endpoint id.')

/**
 * https (or http, e.g. for a tunnel in development). Whether the host resolves to public
 * addresses only is checked by the server, which refuses private ones on the `url` field.
 */
const url = z
  .string({ error: 'URL is required.' })
  .trim()
  .min(1, 'URL is required.')
  .max(2000, 'URL must be at most 2000 characters.')
  .refine((value) => {
    if (!URL.canParse(value)) return false
    const parsed = new URL(value)
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== ''
  }, 'URL must be a full address starting with https://, like https://example.com/webhooks.')

const description = z
  .string()
  .trim()
  .max(500, 'Description must be at most 500 characters.')
  .optional()
  .transform((value) => value || null)

/** Ticked event types and families (`incident.*`); none ticked means every event. */
const events = z
  .array(z.string())
  .default([])
  .superRefine((values, ctx) => {
    const unknown = values.find((value) => !isWebhookEventSelector(value))
    if (unknown !== undefined) {
      ctx.addIssue({ code: 'custom', message: `Events: "${unknown}" is not an event type.` })
    }
  })
  .transform((values) =>
    [...WEBHOOK_EVENT_FAMILIES, ...WEBHOOK_EVENT_TYPES].filter((type) => values.includes(type)),
  )

/** `Name: value`, one a line, as the header object the collection stores (null for none). */
export function parseHeaderLines(
  text: string,
): { headers: Record<string, string> | null } | { error: string } {
  const headers: Record<string, string> = {}
  const seen = new Set<string>()
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon < 1) return { error: `Headers: write "${line}" as Name: value.` }
    const name = line.slice(0, colon).trim()
    const value = line.slice(colon + 1).trim()
    if (!HEADER_NAME.test(name)) {
      return { error: `Headers: "${name}" may hold only letters, digits and dashes.` }
    }
    if (RESERVED_HEADER.test(name)) {
      return { error: `Headers: "${name}" is set by TuneTrail and cannot be changed.` }
    }
    if (value.length > 1000) return { error: `Headers: the value of "${name}" is too long.` }
    if (seen.has(name.toLowerCase())) return { error: `Headers: "${name}" is given twice.` }
    seen.add(name.toLowerCase())
    headers[name] = value
  }
  if (seen.size > MAX_HEADERS) return { error: `Headers: at most ${MAX_HEADERS}.` }
  return { headers: seen.size > 0 ? headers : null }
}

/** The stored header object as the textarea shows it. */
export function headerLines(headers: unknown): string {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return ''
  return Object.entries(headers as Record<string, unknown>)
    .map(([name, value]) => `${name}: ${String(value)}`)
    .join('\n')
}

const headers = z
  .string()
  .optional()
  .transform((text, ctx) => {
    const parsed = parseHeaderLines(text ?? '')
    if ('error' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.error })
      return z.NEVER
    }
    return parsed.headers
  })

const RATE_MESSAGE = 'Maximum rate must be a whole number from 1 to 1000.'

const maxPerSecond = z.preprocess(
  (value) => (value === '' || value === undefined ? 20 : value),
  z.coerce
    .number({ error: RATE_MESSAGE })
    .int(RATE_MESSAGE)
    .min(1, RATE_MESSAGE)
    .max(1000, RATE_MESSAGE),
)

const OWNER_MESSAGE = 'Owner: choose Personal or one of your organizations.'

const organization = z.preprocess(
  (value) => (value === '' || value === 'personal' ? undefined : value),
  z.coerce.number({ error: OWNER_MESSAGE }).int(OWNER_MESSAGE).positive(OWNER_MESSAGE).optional(),
)

export const createEndpointSchema = z.object({
  url,
  description,
  events,
  headers,
  maxPerSecond,
  organization,
})

export const updateEndpointSchema = z.object({
  id,
  url,
  description,
  events,
  headers,
  maxPerSecond,
})

export const endpointIdSchema = z.object({ id })

export const secretSchema = z.object({ id, intent: z.enum(['reveal', 'rotate']) })

export const testEventSchema = z.object({
  id,
  type: z.enum(WEBHOOK_EVENT_TYPES as [EventType, ...EventType[]], {
    error: 'Event type: choose one of the listed types.',
  }),
})

export const redeliverSchema = z.object({
  id,
  delivery: z.coerce
    .number({ error: 'Missing delivery id.' })
    .int()
    .positive('Missing delivery id.'),
})

/** `since` is a `datetime-local` value in the browser's zone (see localDateTime). */
export const replaySchema = z
  .object({
    id,
    since: z.string({ error: 'Since is required.' }).trim().min(1, 'Since is required.'),
    timezoneOffset: z.coerce.number().int().min(-840).max(840).catch(0),
  })
  .transform(({ since, timezoneOffset, ...rest }, ctx) => {
    const date = localDateTime(since, timezoneOffset)
    if (!date) {
      ctx.addIssue({ code: 'custom', path: ['since'], message: 'Since must be a date and time.' })
      return z.NEVER
    }
    if (date.getTime() > Date.now()) {
      ctx.addIssue({ code: 'custom', path: ['since'], message: 'Since must be in the past.' })
      return z.NEVER
    }
    return { ...rest, since: date }
  })

/** The delivery log's query string; anything unknown falls back to "all". */
/** The orders of a delivery log (a leading `-` for descending), newest first by default. */
export const DELIVERY_SORTS = ['-createdAt', 'createdAt', '-durationMs', 'durationMs'] as const
export type DeliverySort = (typeof DELIVERY_SORTS)[number]

export const deliveryListQuerySchema = z.object({
  status: z.enum(DELIVERY_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  sort: z.enum(DELIVERY_SORTS).catch('-createdAt').default('-createdAt'),
})
