import type { Access, CollectionConfig, Where } from 'payload'

import { forumPerson, ownOrModerator, personId } from '@/access/forumPosts'
import { hasRole } from '@/access/roles'
import { nobody } from '@/access/nobody'
import { internalField, systemField } from '@/fields/systemField'
import { REACTION_KEYS, REACTIONS } from '@/lib/forum/config'

import { reactionEndpoints } from './endpoints'
import { afterReactionChange, afterReactionDelete, beforeReactionChange } from './hooks'

/**
 * Reactions are read with their post: on a visible discussion, or a visible reply of a visible
 * thread; one's own always, every one for moderators.
 */
const readReactions: Access = ({ req: { user } }) => {
  if (hasRole(user, 'moderator')) return true
  const id = personId(user)
  const own: Where[] = id ? [{ user: { equals: id } }] : []
  return {
    or: [
      { 'discussion.moderationState': { equals: 'visible' } },
      {
        and: [
          { 'reply.moderationState': { equals: 'visible' } },
          { 'reply.isThreadVisible': { equals: true } },
        ],
      },
      ...own,
    ],
  }
}

/** A member's reaction to a post, from the configured set: one of each per member and post. */
export const Reactions: CollectionConfig = {
  slug: 'reactions',
  labels: { singular: 'Reaction', plural: 'Reactions' },
  access: {
    read: readReactions,
    create: forumPerson,
    update: nobody,
    delete: ownOrModerator('user'),
  },
  admin: {
    useAsTitle: 'reaction',
    defaultColumns: ['reaction', 'discussion', 'reply', 'user', 'createdAt'],
    group: 'Community',
  },
  fields: [
    { name: 'discussion', type: 'relationship', relationTo: 'discussions', index: true },
    { name: 'reply', type: 'relationship', relationTo: 'replies', index: true },
    {
      name: 'reaction',
      type: 'select',
      required: true,
      options: REACTION_KEYS.map((value) => ({
        value,
        label: `${REACTIONS[value].emoji} ${REACTIONS[value].label}`,
      })),
    },
    systemField({ name: 'user', type: 'relationship', relationTo: 'users', index: true }),
    internalField({ name: 'uniqueKey', type: 'text', unique: true }),
  ],
  hooks: {
    beforeChange: [beforeReactionChange],
    afterChange: [afterReactionChange],
    afterDelete: [afterReactionDelete],
  },
  endpoints: reactionEndpoints,
  timestamps: true,
}
