import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { defineEndpoint } from '@/lib/api/endpoint'
import { errorJson } from '@/lib/api/errors'
import { announce } from '@/lib/notifications/live'
import { applyUnsubscribe } from '@/lib/notifications/preferences'
import { readUnsubscribeToken } from '@/lib/notifications/unsubscribe'

export const markReadBody = z
  .object({
    all: z.literal(true).optional(),
    ids: z.array(z.number().int().positive()).min(1).max(500).optional(),
  })
  .refine((body) => (body.all === true) !== (body.ids !== undefined), {
    path: ['ids'],
    message: 'ids: send { ids: [notification ids] } or { all: true }.',
  })

/** Marks the caller's notifications read: `{ ids: [...] }` or `{ all: true }`. */
export async function markRead(
  req: PayloadRequest,
  which: z.infer<typeof markReadBody>,
): Promise<number> {
  const user = req.user as { id: number } | null
  if (!user) return 0
  const { docs } = await req.payload.update({
    collection: 'notifications',
    where: {
      and: [{ readAt: { exists: false } }, ...(which.ids ? [{ id: { in: which.ids } }] : [])],
    },
    data: { readAt: new Date().toISOString() },
    depth: 0,
    overrideAccess: false,
    req,
  })
  if (docs.length > 0) await announce([user.id])
  return docs.length
}

/** POST /api/notifications/mark-read */
export const markReadEndpoint = defineEndpoint({
  path: '/mark-read',
  method: 'post',
  summary: 'Mark your notifications read',
  description: 'Either `{ ids: [1, 2] }` or `{ all: true }`. Answers how many changed.',
  caller: 'person',
  doing: 'mark notifications read',
  body: markReadBody,
  response: { description: 'How many changed', body: z.object({ marked: z.number().int() }) },
  handler: async (req, { body }) => Response.json({ marked: await markRead(req, body) }),
})

/**
 * POST /api/notifications/unsubscribe?token=… — RFC 8058 one-click unsubscribe from a mail's
 * List-Unsubscribe header. The signed token is the authorisation (no login).
 */
export const unsubscribeEndpoint = defineEndpoint({
  path: '/unsubscribe',
  method: 'post',
  summary: 'One-click unsubscribe from notification mail',
  caller: 'anyone',
  doing: 'unsubscribe',
  query: { token: "The signed token of the mail's List-Unsubscribe link." },
  response: { description: 'What changed, in words', body: z.object({ message: z.string() }) },
  handler: async (req) => {
    const target = readUnsubscribeToken(req.searchParams.get('token'))
    if (!target) return errorJson(400, 'This unsubscribe link is not valid.', { field: 'token' })
    return Response.json({ message: await applyUnsubscribe(req.payload, target) })
  },
})
