import type { CollectionConfig } from 'payload'

import { forumPerson, moderatorField, ownOrModerator } from '@/access/forumPosts'
import { moderatorOrAbove } from '@/access/moderatorOrAbove'
import { internalField, systemField } from '@/fields/systemField'
import { FLAG_REASON_LABELS, FLAG_REASONS } from '@/lib/forum/config'

import { afterFlagChange, beforeFlagChange } from './hooks'

/**
 * A member's flag on a post (off-topic, inappropriate, spam, other): one per member and post.
 * Posts flagged by enough distinct members are hidden until a moderator reviews them.
 */
export const Flags: CollectionConfig = {
  slug: 'flags',
  labels: { singular: 'Flag', plural: 'Flags' },
  access: {
    read: ownOrModerator('reporter'),
    create: forumPerson,
    update: moderatorOrAbove,
    delete: moderatorOrAbove,
  },
  admin: {
    useAsTitle: 'reason',
    defaultColumns: ['reason', 'discussion', 'reply', 'reporter', 'status', 'createdAt'],
    group: 'Community',
  },
  fields: [
    { name: 'discussion', type: 'relationship', relationTo: 'discussions', index: true },
    { name: 'reply', type: 'relationship', relationTo: 'replies', index: true },
    {
      name: 'reason',
      type: 'select',
      required: true,
      options: FLAG_REASONS.map((value) => ({ value, label: FLAG_REASON_LABELS[value] })),
    },
    { name: 'details', type: 'textarea', maxLength: 1000 },
    systemField({ name: 'reporter', type: 'relationship', relationTo: 'users', index: true }),
    {
      name: 'status',
      type: 'select',
      defaultValue: 'open',
      index: true,
      options: [
        { value: 'open', label: 'Open' },
        { value: 'actioned', label: 'Actioned (post hidden)' },
        { value: 'dismissed', label: 'Dismissed' },
      ],
      access: { create: moderatorField, update: moderatorField },
    },
    internalField({ name: 'uniqueKey', type: 'text', unique: true }),
    // The thread the post belongs to, for the review queue's links.
    systemField({ name: 'thread', type: 'relationship', relationTo: 'discussions' }),
  ],
  hooks: { beforeChange: [beforeFlagChange], afterChange: [afterFlagChange] },
  timestamps: true,
}
