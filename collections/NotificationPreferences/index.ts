import type { CollectionConfig } from 'payload'

import { authenticatedPerson } from '@/access/authenticated'
import { nobody } from '@/access/nobody'
import { ownedBy, ownedByOrStaff } from '@/access/ownedBy'
import { systemOnly } from '@/fields/systemField'
import { ALL_NOTIFICATION_TYPES, CHANNEL_LABELS, DIGEST_MODES } from '@/lib/notifications/types'

/**
 * What each person wants to hear of, and how: per notification type × channel, and whether mail
 * comes at once, in a daily digest or not at all. Absent rows mean the type's defaults.
 */
export const NotificationPreferences: CollectionConfig = {
  slug: 'notification-preferences',
  labels: { singular: 'Notification preferences', plural: 'Notification preferences' },
  access: {
    create: authenticatedPerson,
    read: ownedByOrStaff('user'),
    update: ownedBy('user'),
    delete: nobody,
  },
  admin: {
    useAsTitle: 'id',
    defaultColumns: ['user', 'digest', 'updatedAt'],
    group: 'Accounts',
  },
  fields: [
    {
      name: 'user',
      type: 'relationship',
      relationTo: 'users',
      unique: true,
      admin: { readOnly: true, position: 'sidebar' },
      access: { create: systemOnly, update: systemOnly },
      hooks: {
        // Always the person saving them (one document each, unique).
        beforeChange: [
          ({ operation, req, value }) => (operation === 'create' ? (req.user?.id ?? value) : value),
        ],
      },
    },
    {
      name: 'digest',
      type: 'select',
      defaultValue: 'instant',
      options: DIGEST_MODES.map((mode) => ({ label: mode, value: mode })),
      admin: { description: 'instant: a mail each time; daily: one mail a day; off: no mail.' },
    },
    {
      name: 'settings',
      type: 'array',
      maxRows: ALL_NOTIFICATION_TYPES.length,
      fields: [
        {
          name: 'type',
          type: 'select',
          required: true,
          options: ALL_NOTIFICATION_TYPES.map((type) => ({ label: type, value: type })),
        },
        { name: 'inApp', type: 'checkbox', label: CHANNEL_LABELS.inApp },
        { name: 'email', type: 'checkbox', label: CHANNEL_LABELS.email },
        { name: 'webhook', type: 'checkbox', label: CHANNEL_LABELS.webhook },
      ],
    },
  ],
  timestamps: true,
}
