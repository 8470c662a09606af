import type { Access, CollectionConfig } from 'payload'

import { keyOwnerOrManager } from '@/access/keyOwnerOrManager'
import { nobody } from '@/access/nobody'
import { hasRole } from '@/access/roles'
import { ALL_EVENT_TYPES, WEBHOOK_EVENT_TYPES } from '@/lib/events/registry'
import type { KeyUser } from '@/lib/keys/collectionScopes'

/**
 * An account's events, as integrators see them: the public types only. Internal events
 * (invitations, role changes …) feed notifications and never leave the portal; staff see
 * every row in /admin.
 */
const readPublishedEvents: Access = async (args) => {
  const rule = await keyOwnerOrManager(args)
  const { user } = args.req
  if (rule === true && hasRole(user, 'staff') && !(user as KeyUser | null)?.apiKey) return true
  if (rule === false) return false
  const published = { type: { in: [...WEBHOOK_EVENT_TYPES] } }
  return rule === true ? published : { and: [rule, published] }
}

/**
 * The event outbox: everything that happens to an account, one row each, written in the
 * transaction of the change by publishEvent (src/lib/events/publish.ts) and handed to every
 * consumer (webhooks, notifications …) by the event__fanout job. Written by the system only.
 */
export const WebhookEvents: CollectionConfig = {
  slug: 'webhook-events',
  labels: { singular: 'Event', plural: 'Events' },
  access: { create: nobody, read: readPublishedEvents, update: nobody, delete: nobody },
  admin: {
    useAsTitle: 'eventId',
    defaultColumns: ['eventId', 'type', 'owner', 'organization', 'createdAt'],
    group: 'Events',
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
    // Who caused it, when a person did.
    { name: 'actor', type: 'relationship', relationTo: 'users' },
    {
      name: 'data',
      type: 'json',
      required: true,
      admin: { components: { Field: '@/components/JsonView#JsonView' } },
    },
    // `<account>:<idempotency key>`: the same key never creates two events.
    { name: 'idempotencyScope', type: 'text', unique: true, index: true, hidden: true },
    { name: 'isTest', type: 'checkbox', defaultValue: false },
  ],
  timestamps: true,
}
