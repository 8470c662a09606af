import type { CollectionConfig } from 'payload'

import { anyone } from '@/access/anyone'
import { forumPerson, ownOrModerator } from '@/access/forumPosts'
import { nobody } from '@/access/nobody'
import { internalField, systemField } from '@/fields/systemField'
import { REACTION_KEYS, REACTIONS } from '@/lib/forum/config'

import { reactionEndpoints } from './endpoints'
import { beforeReactionChange } from './hooks'

/** A member's reaction to a post, from the configured set: one of each per member and post. */
export const Reactions: CollectionConfig = {
  slug: 'reactions',
  labels: { singular: 'Reaction', plural: 'Reactions' },
  access: { read: anyone, create: forumPerson, update: nobody, delete: ownOrModerator('user') },
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
  hooks: { beforeChange: [beforeReactionChange] },
  endpoints: reactionEndpoints,
  timestamps: true,
}
