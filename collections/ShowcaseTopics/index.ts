import type { CollectionConfig } from 'payload'

import { anyone } from '@/access/anyone'
import { staffOrAbove } from '@/access/staffOrAbove'
import { SLUG_PATTERN, TOPIC_KINDS } from '@/lib/showcase/constants'

/**
 * The curated lists projects pick from: technologies (the tech-stack badges) and use cases.
 * Staff edit them in /admin; projects add free tags of their own besides.
 */
export const ShowcaseTopics: CollectionConfig = {
  slug: 'showcase-topics',
  labels: { singular: 'Showcase topic', plural: 'Showcase topics' },
  access: { read: anyone, create: staffOrAbove, update: staffOrAbove, delete: staffOrAbove },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'kind', 'slug'], group: 'Showcase' },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 40 },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      maxLength: 40,
      validate: (value: string | null | undefined) =>
        typeof value === 'string' && SLUG_PATTERN.test(value)
          ? true
          : 'Slug must be lower-case letters, digits or dashes.',
    },
    {
      name: 'kind',
      type: 'select',
      required: true,
      index: true,
      options: TOPIC_KINDS.map((value) => ({
        value,
        label: value === 'tech' ? 'Technology' : 'Use case',
      })),
    },
  ],
  timestamps: true,
}
