import type { CollectionConfig } from 'payload'

import { moderatorOrAbove } from '@/access/moderatorOrAbove'
import { nobody } from '@/access/nobody'
import { MODERATION_ACTIONS } from '@/lib/forum/config'

/** The audit trail of every moderation action in the forum, from the pages or /admin. System-written. */
export const ModerationActions: CollectionConfig = {
  slug: 'forum-moderation-actions',
  labels: { singular: 'Moderation action', plural: 'Moderation log' },
  access: { read: moderatorOrAbove, create: nobody, update: nobody, delete: nobody },
  admin: {
    useAsTitle: 'summary',
    defaultColumns: ['action', 'summary', 'actor', 'createdAt'],
    group: 'Community',
  },
  fields: [
    {
      name: 'action',
      type: 'select',
      required: true,
      index: true,
      options: MODERATION_ACTIONS.map((value) => ({ value, label: value })),
    },
    { name: 'summary', type: 'text', required: true },
    { name: 'actor', type: 'relationship', relationTo: 'users', index: true },
    { name: 'discussion', type: 'relationship', relationTo: 'discussions', index: true },
    { name: 'reply', type: 'relationship', relationTo: 'replies', index: true },
    { name: 'targetAuthor', type: 'relationship', relationTo: 'users', index: true },
    { name: 'ip', type: 'text' },
    {
      name: 'changes',
      type: 'json',
      admin: { components: { Field: '@/components/AuditChanges#AuditChanges' } },
    },
  ],
  timestamps: true,
}
