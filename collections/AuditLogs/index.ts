import type { CollectionConfig } from 'payload'

import { keyOwnerOrManager } from '@/access/keyOwnerOrManager'
import { nobody } from '@/access/nobody'

export const AUDIT_ACTIONS = [
  'api_key.created',
  'api_key.updated',
  'api_key.rotated',
  'api_key.revoked',
  'api_key.deleted',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/** Who did what to which key, when and from where. Written only by the system. */
export const AuditLogs: CollectionConfig = {
  slug: 'audit-logs',
  access: {
    create: nobody,
    read: keyOwnerOrManager,
    update: nobody,
    delete: nobody,
  },
  admin: {
    useAsTitle: 'summary',
    defaultColumns: ['action', 'summary', 'actor', 'ip', 'createdAt'],
    group: 'Keys',
  },
  fields: [
    {
      name: 'action',
      type: 'select',
      required: true,
      index: true,
      options: AUDIT_ACTIONS.map((action) => ({ label: action, value: action })),
    },
    { name: 'summary', type: 'text', required: true },
    { name: 'actor', type: 'relationship', relationTo: 'users', index: true },
    { name: 'ip', type: 'text' },
    { name: 'apiKey', type: 'relationship', relationTo: 'api-keys', index: true },
    { name: 'keyDisplay', type: 'text', admin: { description: 'Masked key at the time.' } },
    // The account the key belongs to, so its owners can read their trail.
    { name: 'owner', type: 'relationship', relationTo: 'users', index: true },
    { name: 'organization', type: 'relationship', relationTo: 'organizations', index: true },
    {
      name: 'changes',
      type: 'json',
      admin: { components: { Field: '@/components/AuditChanges#AuditChanges' } },
    },
  ],
  timestamps: true,
}
