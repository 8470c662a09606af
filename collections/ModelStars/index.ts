import type { CollectionConfig } from 'payload'

import { authenticatedPerson } from '@/access/authenticated'
import { ownedByOrStaff } from '@/access/ownedBy'
import { systemField } from '@/fields/systemField'
import { recountModel } from '@/lib/models/counts'
import { onVisibleModelAs } from '@/lib/models/social'

/** A person's star on a model: one per person and model; the model's count follows the rows. */
export const ModelStars: CollectionConfig = {
  slug: 'model-stars',
  labels: { singular: 'Model star', plural: 'Model stars' },
  access: {
    read: ownedByOrStaff('user'),
    create: authenticatedPerson,
    update: () => false,
    delete: ownedByOrStaff('user'),
  },
  admin: { useAsTitle: 'id', defaultColumns: ['model', 'user', 'createdAt'], group: 'Models' },
  fields: [
    { name: 'model', type: 'relationship', relationTo: 'ml-models', required: true, index: true },
    systemField({ name: 'user', type: 'relationship', relationTo: 'users', index: true }),
  ],
  indexes: [{ fields: ['model', 'user'], unique: true }],
  hooks: {
    beforeValidate: [onVisibleModelAs('model-stars', 'user')],
    afterChange: [async ({ doc, req }) => (await recountModel(req, doc.model), doc)],
    afterDelete: [async ({ doc, req }) => (await recountModel(req, doc.model), doc)],
  },
  timestamps: true,
}
