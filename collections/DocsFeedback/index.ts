import type { CollectionConfig } from 'payload'

import { nobody } from '@/access/nobody'
import { staffOrAbove } from '@/access/staffOrAbove'

/** "Was this helpful?" votes: one per person and docs page (POST /api/docs-pages/:id/feedback). */
export const DocsFeedback: CollectionConfig = {
  slug: 'docs-feedback',
  labels: { singular: 'Docs feedback', plural: 'Docs feedback' },
  access: {
    // Written only through the feedback endpoint (which checks the caller); staff read it.
    read: staffOrAbove,
    create: nobody,
    update: nobody,
    delete: staffOrAbove,
  },
  admin: {
    useAsTitle: 'id',
    defaultColumns: ['page', 'helpful', 'comment', 'user', 'updatedAt'],
    group: 'Content',
  },
  fields: [
    { name: 'page', type: 'relationship', relationTo: 'docs-pages', required: true, index: true },
    { name: 'user', type: 'relationship', relationTo: 'users', required: true },
    { name: 'helpful', type: 'checkbox', required: true, defaultValue: true },
    { name: 'comment', type: 'textarea', maxLength: 1000 },
  ],
  indexes: [{ fields: ['page', 'user'], unique: true }],
}
