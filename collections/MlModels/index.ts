import type { CollectionConfig, Field } from 'payload'

import { authenticated } from '@/access/authenticated'
import { canManageModel, canReadModel } from '@/access/modelAccess'
import { internalField, systemField } from '@/fields/systemField'
import {
  API_VERSIONS,
  FRAMEWORK_LABELS,
  FRAMEWORKS,
  LICENSES,
  MODEL_TASKS,
  OUTPUT_KINDS,
  RUNTIMES,
  SDKS,
  TASK_LABELS,
  VISIBILITIES,
  VISIBILITY_LABELS,
} from '@/lib/models/constants'

import { modelEndpoints } from './endpoints'
import { cascadeModelDelete, prepareModel, recountBaseAfterDelete } from './hooks'

const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/

const counter = (name: string, label: string): Field =>
  systemField({ name, label, type: 'number', defaultValue: 0, index: true })

const options = (values: readonly string[]) => values.map((value) => ({ value, label: value }))

/**
 * A model of the hub: its card and metadata, who owns it (a person or an organization), who may
 * see it, and the counts the system keeps. Versions and their files are collections of their
 * own (model-versions, model-files), so they can be queried and access-checked on their own.
 */
export const MlModels: CollectionConfig = {
  slug: 'ml-models',
  labels: { singular: 'Model', plural: 'Models' },
  access: {
    read: canReadModel,
    create: authenticated,
    update: canManageModel,
    delete: canManageModel,
  },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'ownerHandle', 'task', 'visibility', 'status', 'downloads', 'stars'],
    group: 'Models',
  },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 100 },
    {
      name: 'slug',
      type: 'text',
      required: true,
      index: true,
      maxLength: 64,
      admin: { description: 'In the URL /models/<owner>/<slug>; unique per owner.' },
      validate: (value: string | null | undefined) =>
        typeof value === 'string' && SLUG_PATTERN.test(value)
          ? true
          : 'Slug must be 1 to 64 lower-case letters, digits or dashes, not starting or ending with a dash.',
    },
    { name: 'summary', type: 'textarea', required: true, maxLength: 300 },
    {
      name: 'card',
      type: 'textarea',
      maxLength: 50_000,
      admin: { description: 'The model card, in Markdown.' },
    },
    systemField({ name: 'owner', type: 'relationship', relationTo: 'users', index: true }),
    {
      name: 'organization',
      type: 'relationship',
      relationTo: 'organizations',
      index: true,
      admin: { readOnly: true, position: 'sidebar' },
      access: { update: () => false },
    },
    systemField({ name: 'ownerHandle', type: 'text', index: true }),
    {
      name: 'visibility',
      type: 'select',
      required: true,
      defaultValue: 'public',
      index: true,
      options: VISIBILITIES.map((value) => ({ value, label: VISIBILITY_LABELS[value] })),
      admin: { position: 'sidebar' },
    },
    systemField({
      name: 'status',
      type: 'select',
      defaultValue: 'draft',
      index: true,
      options: [
        { value: 'draft', label: 'Draft' },
        { value: 'published', label: 'Published' },
      ],
    }),
    {
      name: 'task',
      type: 'select',
      required: true,
      index: true,
      options: MODEL_TASKS.map((value) => ({ value, label: TASK_LABELS[value] })),
    },
    {
      name: 'framework',
      type: 'select',
      required: true,
      index: true,
      options: FRAMEWORKS.map((value) => ({ value, label: FRAMEWORK_LABELS[value] })),
    },
    { name: 'license', type: 'select', required: true, index: true, options: options(LICENSES) },
    {
      name: 'tags',
      type: 'array',
      maxRows: 20,
      fields: [{ name: 'tag', type: 'text', required: true, maxLength: 40, index: true }],
    },
    {
      name: 'audio',
      type: 'group',
      fields: [
        { name: 'sampleRate', type: 'number', min: 1000, max: 384_000, index: true },
        { name: 'channels', type: 'number', min: 1, max: 64 },
        { name: 'inputSeconds', type: 'number', min: 0, max: 86_400 },
        { name: 'outputKind', type: 'select', options: options(OUTPUT_KINDS) },
      ],
    },
    {
      name: 'metrics',
      type: 'array',
      maxRows: 30,
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'name', type: 'text', required: true, maxLength: 40, index: true },
            { name: 'value', type: 'number', required: true },
            { name: 'dataset', type: 'text', required: true, maxLength: 80 },
            { name: 'split', type: 'text', maxLength: 20, defaultValue: 'test' },
          ],
        },
      ],
    },
    {
      name: 'benchmarks',
      type: 'array',
      maxRows: 30,
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'name', type: 'text', required: true, maxLength: 80 },
            { name: 'result', type: 'text', required: true, maxLength: 80 },
            { name: 'hardware', type: 'text', maxLength: 80 },
          ],
        },
      ],
    },
    {
      name: 'training',
      type: 'group',
      fields: [
        { name: 'dataset', type: 'text', maxLength: 120 },
        { name: 'durationSeconds', type: 'number', min: 0 },
        { name: 'hardware', type: 'text', maxLength: 120 },
        { name: 'epochs', type: 'number', min: 0, max: 100_000 },
      ],
    },
    {
      name: 'compatibility',
      type: 'group',
      fields: [
        { name: 'apiVersions', type: 'select', hasMany: true, options: options(API_VERSIONS) },
        { name: 'sdks', type: 'select', hasMany: true, options: options(SDKS) },
        { name: 'runtimes', type: 'select', hasMany: true, options: options(RUNTIMES) },
      ],
    },
    // Set by a fork (POST /api/ml-models/:id/fork), never from a request's body.
    systemField({ name: 'baseModel', type: 'relationship', relationTo: 'ml-models', index: true }),
    systemField({ name: 'latestVersion', type: 'relationship', relationTo: 'model-versions' }),
    counter('downloads', 'Downloads'),
    counter('stars', 'Stars'),
    counter('forks', 'Forks'),
    systemField({ name: 'ratingCount', type: 'number', defaultValue: 0 }),
    systemField({ name: 'ratingAverage', type: 'number', defaultValue: 0 }),
    counter('trending', 'Trending score'),
    systemField({ name: 'publishedAt', type: 'date', index: true }),
    internalField({ name: 'tagsText', type: 'text' }),
  ],
  indexes: [{ fields: ['ownerHandle', 'slug'], unique: true }],
  endpoints: modelEndpoints,
  hooks: {
    beforeValidate: [prepareModel],
    beforeDelete: [cascadeModelDelete],
    afterDelete: [recountBaseAfterDelete],
  },
  timestamps: true,
}
