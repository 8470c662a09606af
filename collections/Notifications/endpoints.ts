import type { Endpoint } from 'payload'
import { z } from 'zod'

import { errorJson } from '@/lib/api/errors'
import type { KeyUser } from '@/lib/keys/collectionScopes'
import { announce } from '@/lib/notifications/live'
import { applyUnsubscribe } from '@/lib/notifications/preferences'
import { readUnsubscribeToken } from '@/lib/notifications/unsubscribe'

export const markReadBody = z.union([
  z.object({ all: z.literal(true) }),
  z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }),
])

/** Marks the caller's notifications read: `{ ids: [...] }` or `{ all: true }`. */
export async function markRead(
  req: Parameters<Endpoint['handler']>[0],
  which: z.infer<typeof markReadBody>,
): Promise<number> {
  const user = req.user as { id: number } | null
  if (!user) return 0
  const { docs } = await req.payload.update({
    collection: 'notifications',
    where: {
      and: [{ readAt: { exists: false } }, ...('ids' in which ? [{ id: { in: which.ids } }] : [])],
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
export const markReadEndpoint: Endpoint = {
  path: '/mark-read',
  method: 'post',
  custom: {
    openapi: {
      summary: 'Mark your notifications read',
      description: 'Either `{ ids: [1, 2] }` or `{ all: true }`. Answers how many changed.',
      body: markReadBody,
    },
  },
  handler: async (req) => {
    if (!req.user || req.user.collection !== 'users') {
      return errorJson(401, 'Sign in to read your notifications.')
    }
    if ((req.user as KeyUser).apiKey) {
      return errorJson(403, 'API keys cannot mark notifications read: sign in.', {
        code: 'INSUFFICIENT_SCOPE',
      })
    }
    const parsed = markReadBody.safeParse(await req.json?.().catch(() => null))
    if (!parsed.success) {
      return errorJson(400, 'Send { ids: [notification ids] } or { all: true }.', { field: 'ids' })
    }
    return Response.json({ marked: await markRead(req, parsed.data) })
  },
}

/**
 * POST /api/notifications/unsubscribe?token=… — RFC 8058 one-click unsubscribe from a mail's
 * List-Unsubscribe header. The signed token is the authorisation (no login).
 */
export const unsubscribeEndpoint: Endpoint = {
  path: '/unsubscribe',
  method: 'post',
  custom: { openapi: { summary: 'One-click unsubscribe from notification mail', auth: 'none' } },
  handler: async (req) => {
    const target = readUnsubscribeToken(req.searchParams.get('token'))
    if (!target) return errorJson(400, 'This unsubscribe link is not valid.', { field: 'token' })
    return Response.json({ message: await applyUnsubscribe(req.payload, target) })
  },
}
