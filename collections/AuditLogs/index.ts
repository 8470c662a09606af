import type { CollectionConfig } from 'payload'

import { keyOwnerOrManager } from '@/access/keyOwnerOrManager'
import { nobody } from '@/access/nobody'

export const AUDIT_ACTIONS = [
  'api_key.created',
  'api_key.updated',
  'api_key.rotated',
  'api_key.revoked',
  'api_key.deleted',
  // The account's own security events (src/lib/auth/securityLog.ts): its security log.
  'auth.login',
  'auth.login_failed',
  'auth.two_factor_enabled',
  'auth.two_factor_disabled',
  'auth.recovery_codes_generated',
  'auth.recovery_code_used',
  'auth.passkey_added',
  'auth.passkey_renamed',
  'auth.passkey_removed',
  'auth.password_changed',
  'auth.email_changed',
  'auth.session_ended',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

/**
 * Who did what to which key or account, when and from where. Written only by the system. An
 * account's own security events (logins, 2FA, passwords …) carry it as `owner` too.
 */
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
    { name: 'userAgent', type: 'text', maxLength: 300 },
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
