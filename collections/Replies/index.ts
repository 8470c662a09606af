import type { CollectionConfig } from 'payload'

import { authorOrModerator, forumPerson, moderatorField, readForumPosts } from '@/access/forumPosts'
import { moderatorOrAbove } from '@/access/moderatorOrAbove'
import { editHistoryField } from '@/fields/editHistoryField'
import { systemField, systemOnly } from '@/fields/systemField'
import { FORUM_LIMITS, MODERATION_STATES } from '@/lib/forum/config'

import { afterReplyChange, afterReplyDelete, beforeReplyChange } from './hooks'

/**
 * A reply in a discussion, in Markdown, optionally answering (quoting) an earlier reply. Refused
 * while the discussion is locked or closed; hidden with its thread.
 */
export const Replies: CollectionConfig = {
  slug: 'replies',
  labels: { singular: 'Reply', plural: 'Replies' },
  access: {
    read: readForumPosts([{ isThreadVisible: { equals: true } }]),
    create: forumPerson,
    update: authorOrModerator,
    delete: moderatorOrAbove,
  },
  admin: {
    useAsTitle: 'id',
    defaultColumns: ['id', 'discussion', 'author', 'moderationState', 'createdAt'],
    group: 'Community',
  },
  fields: [
    {
      name: 'discussion',
      type: 'relationship',
      relationTo: 'discussions',
      required: true,
      index: true,
      // A reply never needs its whole thread inlined (a page of 50 would carry it 50 times).
      maxDepth: 0,
      access: { update: systemOnly },
    },
    {
      name: 'body',
      type: 'textarea',
      required: true,
      minLength: 2,
      maxLength: FORUM_LIMITS.bodyMax,
      admin: { description: 'Markdown.' },
    },
    {
      name: 'parent',
      type: 'relationship',
      relationTo: 'replies',
      maxDepth: 0,
      admin: { description: 'The reply this one answers (a quote-reply).' },
      access: { update: systemOnly },
    },
    {
      name: 'attachments',
      type: 'relationship',
      relationTo: 'forum-attachments',
      hasMany: true,
      maxRows: 10,
    },
    systemField({ name: 'author', type: 'relationship', relationTo: 'users', index: true }),
    {
      name: 'moderationState',
      type: 'select',
      defaultValue: 'visible',
      index: true,
      options: MODERATION_STATES.map((value) => ({ value, label: value })),
      access: { create: moderatorField, update: moderatorField },
      admin: { position: 'sidebar' },
    },
    {
      name: 'hiddenReason',
      type: 'text',
      maxLength: 200,
      access: { create: moderatorField, update: moderatorField },
      admin: { position: 'sidebar' },
    },
    systemField({ name: 'isThreadVisible', type: 'checkbox', defaultValue: true, index: true }),
    systemField({ name: 'editedAt', type: 'date' }),
    systemField({ name: 'isEditedByModerator', type: 'checkbox', defaultValue: false }),
    editHistoryField(),
  ],
  hooks: {
    beforeChange: [beforeReplyChange],
    afterChange: [afterReplyChange],
    afterDelete: [afterReplyDelete],
  },
  timestamps: true,
}
