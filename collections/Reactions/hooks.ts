import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeChangeHook,
} from 'payload'

import { personId } from '@/access/forumPosts'
import { db } from '@/lib/db'
import { touchThread } from '@/lib/forum/counts'
import { limitWrites } from '@/lib/forum/limits'
import { relationId } from '@/lib/relationId'
import { readableTarget, refuseWhenLocked, targetKey } from '@/lib/forum/targets'
import type { Reaction } from '@/payload-types'

/** A reaction is the caller's, on a post they can read, once per reaction and post. */
export const beforeReactionChange: CollectionBeforeChangeHook<Reaction> = async ({
  data,
  req,
  operation,
}) => {
  if (operation !== 'create') return data
  const target = await readableTarget(req, data)
  if (req.user) await refuseWhenLocked(req, target.discussionId)
  const userId = personId(req.user) ?? Number(data.user)
  if (personId(req.user) !== null) await limitWrites(userId)
  data.user = userId
  data.discussion = target.kind === 'discussion' ? target.id : null
  data.reply = target.kind === 'reply' ? target.id : null
  data.uniqueKey = `${userId}:${targetKey(target)}:${data.reaction}`
  return data
}

const postOf = (doc: Reaction) => ({
  discussion: Number(relationId(doc.discussion)) || null,
  reply: Number(relationId(doc.reply)) || null,
})

/** A reaction added or taken back changes the thread's page (its cached version moves). */
export const afterReactionChange: CollectionAfterChangeHook<Reaction> = async ({ doc, req }) => {
  await touchThread(await db(req), postOf(doc))
  return doc
}

export const afterReactionDelete: CollectionAfterDeleteHook<Reaction> = async ({ doc, req }) => {
  await touchThread(await db(req), postOf(doc))
}
