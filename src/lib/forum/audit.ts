import type { PayloadRequest } from 'payload'

import type { ModerationAction } from './config'

export type ModerationEntry = {
  action: ModerationAction
  summary: string
  discussion?: number | null
  reply?: number | null
  targetAuthor?: number | null
  changes?: Record<string, unknown>
}

/**
 * Writes one entry of the moderation log, in the request's transaction. `isSystem`: the forum
 * did it (flags hid a post), not the caller.
 */
export async function logModeration(
  req: PayloadRequest,
  entry: ModerationEntry,
  isSystem = false,
): Promise<void> {
  const actor =
    !isSystem && req.user && req.user.collection === 'users' ? Number(req.user.id) : null
  await req.payload.create({
    collection: 'forum-moderation-actions',
    data: {
      ...entry,
      actor,
      ip: typeof req.context?.ip === 'string' ? req.context.ip : undefined,
    },
    overrideAccess: true,
    req,
  })
}
