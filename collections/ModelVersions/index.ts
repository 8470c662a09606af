import { ValidationError, type CollectionConfig } from 'payload'

import { authenticated } from '@/access/authenticated'
import { canManageThroughModel, canReadVersioned, managesModel } from '@/access/modelAccess'
import { systemField } from '@/fields/systemField'
import { db } from '@/lib/db'

import { versionEndpoints } from './endpoints'

export const VERSION_STATUSES = ['draft', 'scanning', 'published'] as const

/**
 * One version of a model: its files (model-files), changelog and state. A draft takes uploads;
 * publishing it waits for every file's safety scan (`scanning`), then makes it the latest.
 */
export const ModelVersions: CollectionConfig = {
  slug: 'model-versions',
  labels: { singular: 'Model version', plural: 'Model versions' },
  access: {
    read: canReadVersioned('status'),
    create: authenticated,
    update: canManageThroughModel,
    delete: canManageThroughModel,
  },
  admin: {
    useAsTitle: 'label',
    defaultColumns: ['label', 'model', 'status', 'publishedAt', 'createdAt'],
    group: 'Models',
  },
  fields: [
    {
      name: 'model',
      type: 'relationship',
      relationTo: 'ml-models',
      required: true,
      index: true,
      access: { update: () => false },
    },
    {
      name: 'label',
      type: 'text',
      required: true,
      maxLength: 32,
      validate: (value: string | null | undefined) =>
        typeof value === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/.test(value)
          ? true
          : 'Version must be 1 to 32 letters, digits, dots, dashes or underscores (e.g. 1.2.0).',
      access: { update: () => false },
    },
    { name: 'changelog', type: 'textarea', maxLength: 10_000 },
    systemField({
      name: 'status',
      type: 'select',
      defaultValue: 'draft',
      index: true,
      options: VERSION_STATUSES.map((value) => ({ value, label: value })),
    }),
    systemField({ name: 'publishedAt', type: 'date' }),
  ],
  indexes: [{ fields: ['model', 'label'], unique: true }],
  endpoints: versionEndpoints,
  hooks: {
    beforeValidate: [
      async ({ data, operation, req }) => {
        if (operation !== 'create' || !data) return data
        // Without a user only trusted code gets here (access refuses anonymous requests).
        if (req.user && !(await managesModel(req, data.model))) {
          throw new ValidationError({
            collection: 'model-versions',
            errors: [{ path: 'model', message: 'No model of yours has this id.' }],
          })
        }
        data.status = 'draft'
        return data
      },
    ],
    // A deleted version's files go with it (and their objects, unless a fork references them);
    // a model whose latest it was points nowhere until its next version is published.
    beforeDelete: [
      async ({ id, req }) => {
        await req.payload.delete({
          collection: 'model-files',
          where: { version: { equals: id } },
          overrideAccess: true,
          req,
        })
        const sql = await db(req)
        await sql.query(
          'UPDATE ml_models SET latest_version_id = NULL WHERE latest_version_id = $1',
          [id],
        )
      },
    ],
  },
  timestamps: true,
}
