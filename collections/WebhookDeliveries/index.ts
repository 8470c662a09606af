import type { CollectionConfig } from 'payload'

import { keyOwnerOrManager } from '@/access/keyOwnerOrManager'
import { nobody } from '@/access/nobody'
import { internalField } from '@/fields/systemField'

import { redeliverEndpoint } from './endpoints'

/** One event to one endpoint, with every attempt; written by the system only. */
export const WebhookDeliveries: CollectionConfig = {
  slug: 'webhook-deliveries',
  labels: { singular: 'Webhook delivery', plural: 'Webhook deliveries' },
  access: { create: nobody, read: keyOwnerOrManager, update: nobody, delete: nobody },
  admin: {
    useAsTitle: 'deliveryId',
    defaultColumns: [
      'deliveryId',
      'eventType',
      'endpoint',
      'status',
      'attemptCount',
      'nextAttemptAt',
    ],
    group: 'Webhooks',
  },
  fields: [
    // The webhook-id header: the same on every attempt of this delivery.
    { name: 'deliveryId', type: 'text', required: true, unique: true, index: true },
    {
      name: 'event',
      type: 'relationship',
      relationTo: 'webhook-events',
      required: true,
      index: true,
    },
    { name: 'eventType', type: 'text', required: true },
    {
      name: 'endpoint',
      type: 'relationship',
      relationTo: 'webhook-endpoints',
      required: true,
      index: true,
    },
    // Copied from the endpoint, so owners' row rules apply without a join.
    { name: 'owner', type: 'relationship', relationTo: 'users', index: true },
    { name: 'organization', type: 'relationship', relationTo: 'organizations', index: true },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      options: [
        { label: 'Pending', value: 'pending' },
        { label: 'Succeeded', value: 'succeeded' },
        { label: 'Failed', value: 'failed' },
      ],
    },
    { name: 'attemptCount', type: 'number', defaultValue: 0 },
    // Every attempt: { at, responseStatus, durationMs, error, requestHeaders, responseHeaders,
    // responseBody } (JSON: written by the worker), shown as a timeline.
    {
      name: 'attempts',
      type: 'json',
      defaultValue: [],
      admin: { components: { Field: '@/components/DeliveryAttempts#DeliveryAttempts' } },
    },
    {
      name: 'requestHeaders',
      type: 'json',
      admin: { components: { Field: '@/components/JsonView#JsonView' } },
    },
    { name: 'responseStatus', type: 'number' },
    { name: 'responseBody', type: 'textarea' },
    { name: 'durationMs', type: 'number' },
    { name: 'error', type: 'text' },
    { name: 'nextAttemptAt', type: 'date', index: true },
    // While an attempt is in flight: no second attempt of this delivery may start before it.
    internalField({ name: 'leaseUntil', type: 'date', index: true }),
  ],
  endpoints: [redeliverEndpoint],
  timestamps: true,
}
