import type { CollectionBeforeChangeHook } from 'payload'

import { personId } from '@/access/forumPosts'
import { limitWrites } from '@/lib/forum/limits'
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
