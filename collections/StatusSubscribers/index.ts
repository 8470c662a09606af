import type { CollectionConfig } from 'payload'

import { nobody } from '@/access/nobody'
import { staffOrAbove } from '@/access/staffOrAbove'
import { systemField } from '@/fields/systemField'

import { confirmEndpoint, subscribeEndpoint, unsubscribeEndpoint } from './endpoints'

/**
 * People who get the status page's notices by email, without an account: double opt-in (a
 * subscriber is mailed only once `confirmedAt` is set, by the signed link of the confirmation
 * mail), per component or all of them, unsubscribed by a signed link. Written only through the
 * endpoints below; staff read and remove subscribers in /admin.
 */
export const StatusSubscribers: CollectionConfig = {
  slug: 'status-subscribers',
  labels: { singular: 'Status subscriber', plural: 'Status subscribers' },
  access: { read: staffOrAbove, create: nobody, update: nobody, delete: staffOrAbove },
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'confirmedAt', 'components', 'createdAt'],
    group: 'Status',
  },
  fields: [
    { name: 'email', type: 'email', required: true, unique: true, index: true },
    {
      name: 'components',
      type: 'relationship',
      relationTo: 'status-components',
      hasMany: true,
      admin: { description: 'None: every component.' },
    },
    systemField({ name: 'confirmedAt', type: 'date', index: true }),
  ],
  endpoints: [subscribeEndpoint, confirmEndpoint, unsubscribeEndpoint],
  timestamps: true,
}
