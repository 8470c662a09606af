import type { Endpoint } from 'payload'
import { z } from 'zod'

import { defineEndpoint } from '@/lib/api/endpoint'
import { ref } from '@/lib/api/openapi/shared'
import { WEBHOOK_EVENT_TYPES, type EventType } from '@/lib/events/registry'
import {
  enableEndpoint,
  replayFailed,
  revealSecret,
  rotateSecret,
  sendTestEvent,
} from '@/lib/webhooks/manage'

const testBody = z.object({
  type: z
    .enum(WEBHOOK_EVENT_TYPES as [EventType, ...EventType[]], {
      error: 'type must be a known event type.',
    })
    .optional(),
})
const replayBody = z.object({
  since: z.iso.datetime({ offset: true, error: 'since must be an ISO 8601 date-time.' }),
})

const managing = { caller: 'account', doing: 'manage webhooks', method: 'post' } as const

/** Secret reveal/rotation, test events, re-enabling and replay on /api/webhook-endpoints/:id/… */
export const endpointActions: Endpoint[] = [
  defineEndpoint({
    ...managing,
    path: '/:id/reveal-secret',
    summary: 'Reveal the signing secret',
    response: { description: 'The secret', body: z.object({ secret: z.string() }) },
    handler: async (req, { id }) => Response.json({ secret: await revealSecret(req, id) }),
  }),
  defineEndpoint({
    ...managing,
    path: '/:id/rotate-secret',
    summary: 'Rotate the signing secret',
    description: 'The previous secret also signs deliveries for 24 hours.',
    response: { description: 'The new secret', body: z.object({ secret: z.string() }) },
    handler: async (req, { id }) => Response.json({ secret: await rotateSecret(req, id) }),
  }),
  defineEndpoint({
    ...managing,
    path: '/:id/test',
    summary: 'Send a test event to this endpoint',
    body: testBody,
    response: {
      status: 202,
      description: 'The test event, on its way',
      body: z.object({
        event: z.object({ id: z.number().int(), eventId: z.string(), isDuplicate: z.boolean() }),
      }),
    },
    handler: async (req, { id, body }) => {
      const event = await sendTestEvent(req, id, body.type ?? 'track.created')
      return Response.json({ event }, { status: 202 })
    },
  }),
  defineEndpoint({
    ...managing,
    path: '/:id/enable',
    summary: 'Re-enable a disabled endpoint',
    response: {
      description: 'The endpoint',
      body: { type: 'object', properties: { doc: ref('webhook-endpoints') } },
    },
    handler: async (req, { id }) => Response.json({ doc: await enableEndpoint(req, id) }),
  }),
  defineEndpoint({
    ...managing,
    path: '/:id/replay',
    summary: 'Deliver every failed delivery since a date again',
    body: replayBody,
    response: {
      status: 202,
      description: 'How many deliveries were queued again',
      body: z.object({ replayed: z.number().int() }),
    },
    handler: async (req, { id, body }) => {
      const count = await replayFailed(req, id, new Date(body.since))
      return Response.json({ replayed: count }, { status: 202 })
    },
  }),
]
