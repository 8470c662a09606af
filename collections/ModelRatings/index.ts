import type { CollectionConfig } from 'payload'

import { authenticatedPerson } from '@/access/authenticated'
import { canReadThroughModel } from '@/access/modelAccess'
import { ownedBy, ownedByOrStaff } from '@/access/ownedBy'
import { systemField } from '@/fields/systemField'
import { recountModel } from '@/lib/models/counts'
import { onVisibleModelAs } from '@/lib/models/social'

/** A person's rating of a model (1–5, an optional review): one each, editable. */
export const ModelRatings: CollectionConfig = {
  slug: 'model-ratings',
  labels: { singular: 'Model rating', plural: 'Model ratings' },
  access: {
    read: canReadThroughModel,
    create: authenticatedPerson,
    update: ownedBy('user'),
    delete: ownedByOrStaff('user'),
  },
  admin: {
    useAsTitle: 'id',
    defaultColumns: ['model', 'user', 'score', 'updatedAt'],
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
    systemField({ name: 'user', type: 'relationship', relationTo: 'users', index: true }),
    { name: 'score', type: 'number', required: true, min: 1, max: 5 },
    { name: 'review', type: 'textarea', maxLength: 5000 },
  ],
  indexes: [{ fields: ['model', 'user'], unique: true }],
  hooks: {
    beforeValidate: [
      onVisibleModelAs('model-ratings', 'user'),
      ({ data }) => {
        if (data && typeof data.score === 'number') data.score = Math.round(data.score)
        return data
      },
    ],
    afterChange: [async ({ doc, req }) => (await recountModel(req, doc.model), doc)],
    afterDelete: [async ({ doc, req }) => (await recountModel(req, doc.model), doc)],
  },
  timestamps: true,
}
