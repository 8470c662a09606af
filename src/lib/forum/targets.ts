import { APIError, ValidationError, type PayloadRequest } from 'payload'

import { hasRole } from '@/access/roles'

import { db } from '../db'

import { relationId } from '../relationId'

export type PostTarget =
  | { kind: 'discussion'; id: number; discussionId: number; authorId: number | null }
  | { kind: 'reply'; id: number; discussionId: number; authorId: number | null }

/**
 * The one post a reaction or flag is about: exactly one of `discussion` and `reply`, and one the
 * caller can read (a hidden post of someone else's names nothing).
 */
export async function readableTarget(
  req: PayloadRequest,
  data: { discussion?: unknown; reply?: unknown },
): Promise<PostTarget> {
  const hasDiscussion = data.discussion !== undefined && data.discussion !== null
  const hasReply = data.reply !== undefined && data.reply !== null
  if (hasDiscussion === hasReply) {
    throw new ValidationError({
      errors: [{ path: 'discussion', message: 'Name one post: a discussion or a reply.' }],
    })
  }
  const collection = hasReply ? 'replies' : 'discussions'
  const doc = await req.payload.findByID({
    collection,
    id: relationId(hasReply ? data.reply : data.discussion),
    depth: 0,
    disableErrors: true,
    overrideAccess: !req.user,
    req,
  })
  if (!doc) {
    throw new ValidationError({
      errors: [{ path: hasReply ? 'reply' : 'discussion', message: 'No such post.' }],
    })
  }
  const authorId = Number(relationId(doc.author)) || null
  return hasReply
    ? {
        kind: 'reply',
        id: doc.id,
        discussionId: Number(relationId((doc as { discussion: unknown }).discussion)),
        authorId,
      }
    : { kind: 'discussion', id: doc.id, discussionId: doc.id, authorId }
}

export const targetKey = (target: PostTarget) =>
  `${target.kind === 'reply' ? 'r' : 'd'}${target.id}`

/**
 * Locked and closed threads take no more votes or reactions (moderators excepted): 423 naming
 * the state. `status` when the caller already read it.
 */
export async function refuseWhenLocked(
  req: PayloadRequest,
  discussionId: number,
  status?: string | null,
): Promise<void> {
  if (hasRole(req.user, 'moderator')) return
  let state = status
  if (state === undefined) {
    const { rows } = await (
      await db(req)
    ).query<{ status: string }>('SELECT status FROM discussions WHERE id = $1', [discussionId])
    state = rows[0]?.status
  }
  if (state && state !== 'open') {
    throw new APIError(
      `This discussion is ${state}: it takes no more votes or reactions.`,
      423,
      undefined,
      true,
    )
  }
}
