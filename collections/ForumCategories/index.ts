import type { CollectionConfig } from 'payload'

import { anyone } from '@/access/anyone'
import { staffOrAbove } from '@/access/staffOrAbove'
import { DISCUSSION_KINDS, KIND_LABELS } from '@/lib/forum/config'

/**
 * A forum category (General Discussion, Announcements …): its order and colour on /community,
 * the kinds of topic it takes, and who may start one (Announcements: staff only).
 */
export const ForumCategories: CollectionConfig = {
  slug: 'forum-categories',
  labels: { singular: 'Forum category', plural: 'Forum categories' },
  access: { read: anyone, create: staffOrAbove, update: staffOrAbove, delete: staffOrAbove },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'slug', 'order', 'whoMayStart'],
    group: 'Community',
  },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 60 },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      maxLength: 60,
      validate: (value: string | null | undefined) =>
        typeof value === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value)
          ? true
          : 'Slug: lower-case letters, digits and dashes.',
    },
    { name: 'description', type: 'textarea', maxLength: 300 },
    { name: 'order', type: 'number', required: true, defaultValue: 100, index: true },
    {
      name: 'colour',
      type: 'text',
      required: true,
      defaultValue: '#6366f1',
      validate: (value: string | null | undefined) =>
        typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value)
          ? true
          : 'Colour: a hex colour such as #6366f1.',
    },
    {
      name: 'allowedKinds',
      type: 'select',
      hasMany: true,
      required: true,
      defaultValue: ['discussion', 'question'],
      options: DISCUSSION_KINDS.map((value) => ({ value, label: KIND_LABELS[value] })),
      admin: { description: 'The kinds of topic members may start here.' },
    },
    {
      name: 'whoMayStart',
      type: 'select',
      required: true,
      defaultValue: 'members',
      options: [
        { value: 'members', label: 'Every member' },
        { value: 'staff', label: 'Staff only' },
      ],
    },
  ],
  timestamps: true,
}
