import type { CollectionConfig } from 'payload'

import { authorOrModerator, forumPerson, moderatorField, readForumPosts } from '@/access/forumPosts'
import { moderatorOrAbove } from '@/access/moderatorOrAbove'
import { editHistoryField } from '@/fields/editHistoryField'
import { systemField } from '@/fields/systemField'
import { DISCUSSION_KINDS, FORUM_LIMITS, KIND_LABELS, MODERATION_STATES } from '@/lib/forum/config'

import { discussionEndpoints } from './endpoints'
import { afterDiscussionChange, afterDiscussionDelete, beforeDiscussionChange } from './hooks'

/**
 * A forum topic: a discussion, question, announcement, feature request or bug report in a
 * category, written in Markdown. Counts (replies, votes, views), the accepted answer and the
 * last activity are kept by the system; state, pinning and moves are moderators'.
 */
export const Discussions: CollectionConfig = {
  slug: 'discussions',
  labels: { singular: 'Discussion', plural: 'Discussions' },
  access: {
    read: readForumPosts(),
    create: forumPerson,
    update: authorOrModerator,
    delete: moderatorOrAbove,
  },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'category', 'kind', 'status', 'moderationState', 'lastActivityAt'],
    group: 'Community',
  },
  fields: [
    { name: 'title', type: 'text', required: true, minLength: 8, maxLength: FORUM_LIMITS.titleMax },
    systemField({ name: 'slug', type: 'text', index: true }),
    {
      name: 'category',
      type: 'relationship',
      relationTo: 'forum-categories',
      required: true,
      index: true,
      access: { update: moderatorField },
    },
    {
      name: 'kind',
      type: 'select',
      required: true,
      defaultValue: 'discussion',
      index: true,
      options: DISCUSSION_KINDS.map((value) => ({ value, label: KIND_LABELS[value] })),
      access: { update: moderatorField },
    },
    {
      name: 'body',
      type: 'textarea',
      required: true,
      minLength: 10,
      maxLength: FORUM_LIMITS.bodyMax,
      admin: { description: 'Markdown.' },
    },
    {
      name: 'tags',
      type: 'relationship',
      relationTo: 'tags',
      hasMany: true,
      maxRows: FORUM_LIMITS.tagsPerDiscussion,
      index: true,
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
      name: 'status',
      type: 'select',
      defaultValue: 'open',
      index: true,
      options: [
        { value: 'open', label: 'Open' },
        { value: 'locked', label: 'Locked (no more replies)' },
        { value: 'closed', label: 'Closed' },
      ],
      access: { create: moderatorField, update: moderatorField },
      admin: { position: 'sidebar' },
    },
    {
      name: 'isPinned',
      type: 'checkbox',
      defaultValue: false,
      index: true,
      label: 'Pinned',
      access: { create: moderatorField, update: moderatorField },
      admin: { position: 'sidebar' },
    },
    {
      name: 'moderationState',
      type: 'select',
      defaultValue: 'visible',
      index: true,
      options: MODERATION_STATES.map((value) => ({ value, label: value })),
      access: { create: moderatorField, update: moderatorField },
      admin: { position: 'sidebar', description: 'pending: held for review; hidden: not shown.' },
    },
    {
      name: 'hiddenReason',
      type: 'text',
      maxLength: 200,
      access: { create: moderatorField, update: moderatorField },
      admin: { position: 'sidebar' },
    },
    systemField({ name: 'acceptedAnswer', type: 'relationship', relationTo: 'replies' }),
    systemField({ name: 'isSolved', type: 'checkbox', defaultValue: false, index: true }),
    systemField({ name: 'replyCount', type: 'number', defaultValue: 0 }),
    systemField({ name: 'voteCount', type: 'number', defaultValue: 0, index: true }),
    systemField({ name: 'viewCount', type: 'number', defaultValue: 0 }),
    systemField({ name: 'lastActivityAt', type: 'date', index: true }),
    systemField({ name: 'lastReplyBy', type: 'relationship', relationTo: 'users' }),
    systemField({ name: 'editedAt', type: 'date' }),
    systemField({ name: 'isEditedByModerator', type: 'checkbox', defaultValue: false }),
    editHistoryField(),
  ],
  hooks: {
    beforeChange: [beforeDiscussionChange],
    afterChange: [afterDiscussionChange],
    afterDelete: [afterDiscussionDelete],
  },
  endpoints: discussionEndpoints,
  timestamps: true,
}
