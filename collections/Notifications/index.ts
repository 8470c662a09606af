import type { CollectionConfig } from 'payload'

import { nobody } from '@/access/nobody'
import { ownedBy } from '@/access/ownedBy'
import { systemField } from '@/fields/systemField'

import { markReadEndpoint, unsubscribeEndpoint } from './endpoints'

/**
 * What the portal tells a person (the bell, /notifications, mail): written by the notifications
 * consumer of the event outbox only. A person reads and marks read their own.
 */
export const Notifications: CollectionConfig = {
  slug: 'notifications',
  access: {
    create: nobody,
    // Own only, staff included: a notification is the recipient's mail, not a record to audit.
    read: ownedBy('recipient'),
    update: ownedBy('recipient'),
    delete: nobody,
  },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'recipient', 'type', 'readAt', 'createdAt'],
    group: 'Accounts',
  },
  fields: [
    systemField({ name: 'recipient', type: 'relationship', relationTo: 'users', index: true }),
    systemField({ name: 'type', type: 'text', index: true }),
    systemField({ name: 'title', type: 'text' }),
    systemField({ name: 'body', type: 'textarea' }),
    systemField({ name: 'link', type: 'text' }),
    systemField({ name: 'actor', type: 'relationship', relationTo: 'users' }),
    systemField({ name: 'event', type: 'relationship', relationTo: 'webhook-events' }),
    // Shown in the bell and on /notifications (off when the person wants it by mail only).
    systemField({ name: 'inApp', type: 'checkbox', defaultValue: true, index: true }),
    // none: no mail; pending: in the next daily digest; sent.
    systemField({
      name: 'emailState',
      type: 'select',
      defaultValue: 'none',
      index: true,
      options: ['none', 'pending', 'sent'],
    }),
    { name: 'readAt', type: 'date', index: true, admin: { position: 'sidebar' } },
  ],
  endpoints: [markReadEndpoint, unsubscribeEndpoint],
  timestamps: true,
}
