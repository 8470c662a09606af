import type { CollectionConfig } from 'payload'

import { anyone } from '@/access/anyone'
import { forumPerson } from '@/access/forumPosts'
import { moderatorOrAbove } from '@/access/moderatorOrAbove'
import { TAG_PATTERN } from '@/lib/forum/text'
import { systemField } from '@/fields/systemField'

import { mergeTagsEndpoint } from './endpoints'

/** A discussion tag (`pytorch`, `rate-limits`): members add new ones when posting, moderators merge them. */
export const Tags: CollectionConfig = {
  slug: 'tags',
  labels: { singular: 'Tag', plural: 'Tags' },
  access: { read: anyone, create: forumPerson, update: moderatorOrAbove, delete: moderatorOrAbove },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'usageCount'], group: 'Community' },
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      maxLength: 30,
      validate: (value: string | null | undefined) =>
        typeof value === 'string' && TAG_PATTERN.test(value)
          ? true
          : 'Tag: 2 to 30 lower-case letters, digits or dashes.',
    },
    { name: 'description', type: 'text', maxLength: 200 },
    systemField({ name: 'usageCount', type: 'number', defaultValue: 0, index: true }),
  ],
  endpoints: [mergeTagsEndpoint],
  timestamps: true,
}
