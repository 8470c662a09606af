import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { WEBHOOK_EVENT_TYPES, type EventType } from '@/lib/events/registry'
import {
  enableEndpoint,
  replayFailed,
  revealSecret,
  rotateSecret,
  sendTestEvent,
} from '@/lib/webhooks/manage'

const idOf = (req: PayloadRequest) => String(req.routeParams?.id ?? '')
const signIn = () =>
  Response.json({ errors: [{ message: 'Sign in to manage webhooks.' }] }, { status: 401 })
const badField = (field: string, message: string) =>
  Response.json({ errors: [{ message, field }] }, { status: 400 })

const testBody = z.object({
  type: z.enum(WEBHOOK_EVENT_TYPES as [EventType, ...EventType[]]).optional(),
})
const replayBody = z.object({ since: z.iso.datetime({ offset: true }) })

/** Secret reveal/rotation, test events, re-enabling and replay on /api/webhook-endpoints/:id/… */
export const endpointActions: Endpoint[] = [
  {
    path: '/:id/reveal-secret',
    method: 'post',
    handler: async (req) =>
      req.user ? Response.json({ secret: await revealSecret(req, idOf(req)) }) : signIn(),
  },
  {
    path: '/:id/rotate-secret',
    method: 'post',
    handler: async (req) =>
      req.user ? Response.json({ secret: await rotateSecret(req, idOf(req)) }) : signIn(),
  },
  {
    path: '/:id/test',
    method: 'post',
    handler: async (req) => {
      if (!req.user) return signIn()
      const parsed = testBody.safeParse((await req.json?.().catch(() => ({}))) ?? {})
      if (!parsed.success) return badField('type', 'type must be a known event type.')
      const event = await sendTestEvent(req, idOf(req), parsed.data.type ?? 'track.created')
      return Response.json({ event }, { status: 202 })
    },
  },
  {
    path: '/:id/enable',
    method: 'post',
    handler: async (req) =>
      req.user ? Response.json({ doc: await enableEndpoint(req, idOf(req)) }) : signIn(),
  },
  {
    path: '/:id/replay',
    method: 'post',
    handler: async (req) => {
      if (!req.user) return signIn()
      const parsed = replayBody.safeParse((await req.json?.().catch(() => ({}))) ?? {})
      if (!parsed.success) return badField('since', 'since must be an ISO 8601 date-time.')
      const count = await replayFailed(req, idOf(req), new Date(parsed.data.since))
      return Response.json({ replayed: count }, { status: 202 })
    },
  },
]
