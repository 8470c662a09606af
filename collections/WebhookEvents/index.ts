import type { CollectionConfig } from 'payload'

import { keyOwnerOrManager } from '@/access/keyOwnerOrManager'
import { nobody } from '@/access/nobody'
import { ALL_EVENT_TYPES } from '@/lib/webhooks/events'

/** Something that happened to an account; written by the system only (publishEvent). */
export const WebhookEvents: CollectionConfig = {
  slug: 'webhook-events',
  labels: { singular: 'Webhook event', plural: 'Webhook events' },
  access: { create: nobody, read: keyOwnerOrManager, update: nobody, delete: nobody },
  admin: {
    useAsTitle: 'eventId',
    defaultColumns: ['eventId', 'type', 'owner', 'organization', 'createdAt'],
    group: 'Webhooks',
  },
  fields: [
    { name: 'eventId', type: 'text', required: true, unique: true, index: true },
    {
      name: 'type',
      type: 'text',
      required: true,
      index: true,
      admin: { description: ALL_EVENT_TYPES.join(', ') },
    },
    { name: 'owner', type: 'relationship', relationTo: 'users', index: true },
    { name: 'organization', type: 'relationship', relationTo: 'organizations', index: true },
    { name: 'data', type: 'json', required: true },
    // `<account>:<idempotency key>`: the same key never creates two events.
    { name: 'idempotencyScope', type: 'text', unique: true, index: true, hidden: true },
    { name: 'isTest', type: 'checkbox', defaultValue: false },
  ],
  timestamps: true,
}
