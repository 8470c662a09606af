import { BlocksFeature, lexicalEditor } from '@payloadcms/richtext-lexical'
import type { CollectionConfig } from 'payload'

import { publishedOrStaff } from '@/access/publishedOrStaff'
import { staffOrAbove } from '@/access/staffOrAbove'
import { docsPath, DOCS_SECTIONS } from '@/lib/docs/sections'
import { serverUrl } from '@/lib/defaults'

import { DOCS_BLOCKS } from './blocks'
import { feedbackEndpoint } from './endpoints'
import { revalidateDeletedDoc, revalidateDocs } from './hooks/revalidate'
import { refuseUnsafeLinks } from './hooks/safeLinks'
import { indexForSearch } from './hooks/searchIndex'

/** Where the admin's live preview shows a page: the public URL, through draft mode. */
const previewUrl = (data: Record<string, unknown>) =>
  typeof data.section === 'string' && typeof data.slug === 'string'
    ? `${serverUrl()}/docs/preview?path=${encodeURIComponent(docsPath({ section: data.section, slug: data.slug }))}`
    : null

export const DocsPages: CollectionConfig = {
  slug: 'docs-pages',
  labels: { singular: 'Docs page', plural: 'Docs pages' },
  access: {
    read: publishedOrStaff,
    readVersions: staffOrAbove,
    create: staffOrAbove,
    update: staffOrAbove,
    delete: staffOrAbove,
  },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'section', 'order', '_status', 'updatedAt'],
    group: 'Content',
    livePreview: { url: ({ data }) => previewUrl(data) ?? `${serverUrl()}/docs` },
    preview: (data) => previewUrl(data),
  },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 120 },
    {
      name: 'slug',
      type: 'text',
      required: true,
      index: true,
      maxLength: 80,
      validate: (value: string | null | undefined) =>
        /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value ?? '') ||
        'Use lowercase letters, digits and single hyphens (it is the page’s URL).',
      admin: { position: 'sidebar' },
    },
    {
      name: 'section',
      type: 'select',
      required: true,
      index: true,
      options: DOCS_SECTIONS.map(({ value, label }) => ({ value, label })),
      admin: { position: 'sidebar' },
    },
    {
      name: 'order',
      type: 'number',
      required: true,
      defaultValue: 100,
      min: 0,
      max: 10_000,
      admin: { position: 'sidebar', description: 'Lower comes first within the section.' },
    },
    {
      name: 'summary',
      type: 'textarea',
      required: true,
      maxLength: 300,
      admin: { description: 'One or two sentences: the index, search and llms.txt show it.' },
    },
    {
      name: 'body',
      type: 'richText',
      required: true,
      editor: lexicalEditor({
        features: ({ defaultFeatures }) => [
          ...defaultFeatures,
          BlocksFeature({ blocks: DOCS_BLOCKS }),
        ],
      }),
    },
    {
      name: 'lastUpdated',
      type: 'date',
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: 'Set each time the page is published.',
      },
      hooks: {
        beforeChange: [
          ({ siblingData, value }) =>
            siblingData._status === 'published' ? new Date().toISOString() : value,
        ],
      },
    },
  ],
  hooks: {
    beforeValidate: [refuseUnsafeLinks],
    afterChange: [indexForSearch, revalidateDocs],
    afterDelete: [revalidateDeletedDoc],
  },
  endpoints: [feedbackEndpoint],
  indexes: [{ fields: ['section', 'slug'], unique: true }],
  versions: { drafts: { autosave: { interval: 800 } }, maxPerDoc: 50 },
}
