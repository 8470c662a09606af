import type { CollectionConfig } from 'payload'

import { authenticated } from '@/access/authenticated'
import { keyOwnerOrManager } from '@/access/keyOwnerOrManager'
import { systemField, systemOnly } from '@/fields/systemField'
import {
  isWebhookEventSelector,
  WEBHOOK_EVENT_FAMILIES,
  WEBHOOK_EVENT_TYPES,
} from '@/lib/events/registry'

import { endpointActions } from './endpoints'
import { auditEndpointChange, auditEndpointDelete, rememberEndpoint } from './audit'
import { checkEndpoint, deleteDeliveries, issueSecret, revealIssuedSecret } from './hooks'

const HEADER_NAME = /^[A-Za-z0-9-]{1,64}$/
const RESERVED_HEADER = /^(webhook-|content-|host$|user-agent$|connection$|transfer-encoding$)/i

/** An integrator's receiver: which events it wants, signed with its own secret. */
export const WebhookEndpoints: CollectionConfig = {
  slug: 'webhook-endpoints',
  labels: { singular: 'Webhook endpoint', plural: 'Webhook endpoints' },
  access: {
    create: authenticated,
    read: keyOwnerOrManager,
    update: keyOwnerOrManager,
    delete: keyOwnerOrManager,
  },
  admin: {
    useAsTitle: 'url',
    defaultColumns: ['url', 'owner', 'organization', 'enabled', 'failingSince', 'disabledAt'],
    group: 'Webhooks',
  },
  fields: [
    { name: 'url', type: 'text', required: true, maxLength: 2000 },
    { name: 'description', type: 'textarea', maxLength: 500 },
    {
      // Text, not select: event names hold dots, which GraphQL enum values cannot.
      name: 'events',
      type: 'text',
      hasMany: true,
      maxRows: WEBHOOK_EVENT_FAMILIES.length + WEBHOOK_EVENT_TYPES.length,
      admin: {
        description: `Empty for every event of the endpoint's account (status-page events only when listed). A family (${WEBHOOK_EVENT_FAMILIES.join(', ')}) takes its every type, later ones too. Types: ${WEBHOOK_EVENT_TYPES.join(', ')}.`,
      },
      validate: (value: string[] | null | undefined) => {
        if (value !== null && value !== undefined && !Array.isArray(value)) {
          return 'Events must be an array of event type names.'
        }
        const unknown = (value ?? []).find(
          (type) => typeof type !== 'string' || !isWebhookEventSelector(type),
        )
        return unknown === undefined ? true : `Unknown event type "${String(unknown)}".`
      },
    },
    { name: 'enabled', type: 'checkbox', defaultValue: true, index: true },
    {
      // { "X-Name": "value" }: extra headers sent with every delivery.
      name: 'headers',
      type: 'json',
      admin: {
        description: 'Extra headers sent with every delivery.',
        components: { Field: '@/components/HeadersField#HeadersField' },
      },
      validate: (value: unknown) => {
        if (value === null || value === undefined) return true
        if (typeof value !== 'object' || Array.isArray(value)) {
          return 'Headers must be an object of header names to values.'
        }
        const entries = Object.entries(value as Record<string, unknown>)
        if (entries.length > 10) return 'At most 10 headers.'
        for (const [name, text] of entries) {
          if (!HEADER_NAME.test(name) || RESERVED_HEADER.test(name)) {
            return `Header "${name}" is not allowed: letters, digits and dashes, not webhook-* or a standard header.`
          }
          if (typeof text !== 'string' || text.length > 1000 || !/^[\t\x20-\x7e]*$/.test(text)) {
            return `Header "${name}" must be printable ASCII on one line.`
          }
        }
        return true
      },
    },
    {
      name: 'maxPerSecond',
      type: 'number',
      defaultValue: 20,
      min: 1,
      max: 1000,
      admin: { description: 'Deliveries to this endpoint never exceed this many per second.' },
    },
    systemField({ name: 'owner', type: 'relationship', relationTo: 'users', index: true }),
    {
      name: 'organization',
      type: 'relationship',
      relationTo: 'organizations',
      index: true,
      admin: { readOnly: true, position: 'sidebar' },
      access: { update: systemOnly },
    },
    {
      // The plaintext secret: only in the response that issued it (create, rotate, reveal).
      name: 'secret',
      type: 'text',
      virtual: true,
      admin: { hidden: true },
      access: { create: systemOnly, update: systemOnly },
    },
    {
      name: 'secretSealed',
      type: 'text',
      hidden: true,
      access: { create: systemOnly, update: systemOnly },
    },
    {
      name: 'previousSecretSealed',
      type: 'text',
      hidden: true,
      access: { create: systemOnly, update: systemOnly },
    },
    systemField({ name: 'previousSecretExpiresAt', type: 'date' }),
    systemField({ name: 'failingSince', type: 'date' }),
    systemField({ name: 'disabledAt', type: 'date' }),
    systemField({ name: 'disabledReason', type: 'text' }),
  ],
  hooks: {
    beforeValidate: [checkEndpoint],
    beforeChange: [issueSecret],
    afterChange: [revealIssuedSecret, auditEndpointChange],
    beforeDelete: [deleteDeliveries, rememberEndpoint],
    afterDelete: [auditEndpointDelete],
  },
  endpoints: endpointActions,
  timestamps: true,
}
