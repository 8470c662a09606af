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
    defaultColumns: ['email', 'confirmedAt', 'scope', 'components', 'createdAt'],
    group: 'Status',
  },
  fields: [
    { name: 'email', type: 'email', required: true, unique: true, index: true },
    systemField({
      // Said explicitly: a chosen component deleted later must not widen "some" into "all".
      name: 'scope',
      type: 'select',
      defaultValue: 'all',
      options: [
        { value: 'all', label: 'Every component' },
        { value: 'some', label: 'The components listed' },
      ],
    }),
    {
      name: 'components',
      type: 'relationship',
      relationTo: 'status-components',
      hasMany: true,
      admin: { description: 'The components of a subscription to some of them.' },
    },
    systemField({ name: 'confirmedAt', type: 'date', index: true }),
  ],
  endpoints: [subscribeEndpoint, confirmEndpoint, unsubscribeEndpoint],
  timestamps: true,
}
