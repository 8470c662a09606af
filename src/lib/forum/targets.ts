import { ValidationError, type PayloadRequest } from 'payload'

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
