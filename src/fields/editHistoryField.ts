import type { Field } from 'payload'

import { systemOnly } from './systemField'

/** A post's earlier versions, newest last: who changed it, when, and what it said before. */
export const editHistoryField = (): Field => ({
  name: 'editHistory',
  type: 'array',
  admin: { readOnly: true, initCollapsed: true },
  access: { create: systemOnly, update: systemOnly },
  fields: [
    { name: 'at', type: 'date', required: true },
    { name: 'editor', type: 'relationship', relationTo: 'users' },
    { name: 'isModerator', type: 'checkbox', defaultValue: false },
    { name: 'title', type: 'text' },
    { name: 'body', type: 'textarea' },
  ],
})
