import type { CollectionConfig } from 'payload'

import { authenticated } from '@/access/authenticated'
import { keyOwnerOrManager } from '@/access/keyOwnerOrManager'
import { limitsField } from '@/fields/limitsField'
import { systemField, systemOnly } from '@/fields/systemField'
import { KEY_ENVIRONMENTS } from '@/lib/keys/format'
import { parseRange } from '@/lib/net/ip'
import { ALL_SCOPES, isScope, SCOPES } from '@/lib/keys/scopes'

import { revokeEndpoint, rotateEndpoint } from './endpoints'
import { assignAccount } from './hooks/assignAccount'
import { auditChange, auditDelete, rememberHash } from './hooks/audit'
import { issueKey, revealIssuedKey } from './hooks/issueKey'

/** Written by the system only (issue, revoke, rotate, verification). */
/** Set once, when the key is created. */
const createOnly = { update: systemOnly }

export const ApiKeys: CollectionConfig = {
  slug: 'api-keys',
  labels: { singular: 'API key', plural: 'API keys' },
  access: {
    create: authenticated,
    read: keyOwnerOrManager,
    update: keyOwnerOrManager,
    delete: keyOwnerOrManager,
  },
  admin: {
    useAsTitle: 'name',
    defaultColumns: [
      'name',
      'display',
      'environment',
      'status',
      'owner',
      'organization',
      'lastUsedAt',
    ],
    group: 'Keys',
  },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 80 },
    {
      // The plaintext, present only in the response that issued it (create and rotate).
      name: 'key',
      type: 'text',
      virtual: true,
      admin: { hidden: true },
      access: { create: systemOnly, update: systemOnly },
    },
    {
      name: 'display',
      type: 'text',
      admin: { readOnly: true, description: 'The prefix and last four characters.' },
      access: { create: systemOnly, update: systemOnly },
    },
    {
      name: 'keyHash',
      type: 'text',
      unique: true,
      index: true,
      hidden: true,
      access: { create: systemOnly, update: systemOnly },
    },
    systemField({ name: 'owner', type: 'relationship', relationTo: 'users', index: true }),
    {
      name: 'organization',
      type: 'relationship',
      relationTo: 'organizations',
      index: true,
      admin: { readOnly: true, position: 'sidebar' },
      access: createOnly,
    },
    {
      name: 'environment',
      type: 'select',
      required: true,
      defaultValue: 'development',
      options: KEY_ENVIRONMENTS.map((value) => ({
        label: value[0].toUpperCase() + value.slice(1),
        value,
      })),
      access: createOnly,
    },
    {
      // Text, not select: scope names hold a colon, which GraphQL enum values cannot.
      name: 'scopes',
      type: 'text',
      hasMany: true,
      required: true,
      minRows: 1,
      maxRows: ALL_SCOPES.length,
      admin: {
        description: ALL_SCOPES.map((scope) => `${scope}: ${SCOPES[scope].description}`).join(' '),
      },
      validate: (value: string[] | null | undefined) => {
        if (value !== null && value !== undefined && !Array.isArray(value)) {
          return 'Scopes must be an array of scope names.'
        }
        const unknown = (value ?? []).find((scope) => !isScope(scope))
        if (unknown !== undefined) return `Unknown scope "${unknown}".`
        return (value ?? []).length > 0 ? true : 'Choose at least one scope.'
      },
    },
    {
      name: 'expiresAt',
      type: 'date',
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'ipAllowlist',
      type: 'text',
      hasMany: true,
      maxRows: 50,
      admin: { description: 'IPv4/IPv6 addresses or CIDR ranges. Empty allows every address.' },
      validate: (value: string[] | null | undefined) => {
        if (value !== null && value !== undefined && !Array.isArray(value)) {
          return 'IP allowlist must be an array of addresses or CIDR ranges.'
        }
        const bad = (value ?? []).find((entry) => typeof entry !== 'string' || !parseRange(entry))
        return bad === undefined
          ? true
          : `IP allowlist entry "${bad}" is not an IPv4/IPv6 address or CIDR range.`
      },
    },
    limitsField({
      description: 'Optional limits of this key, applied on top of the plan (the stricter wins).',
    }),
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'active',
      index: true,
      options: [
        { label: 'Active', value: 'active' },
        { label: 'Revoked', value: 'revoked' },
      ],
      admin: { readOnly: true, position: 'sidebar' },
      access: { create: systemOnly, update: systemOnly },
    },
    systemField({ name: 'lastUsedAt', type: 'date' }),
    systemField({ name: 'createdBy', type: 'relationship', relationTo: 'users' }),
    systemField({ name: 'revokedAt', type: 'date' }),
    systemField({ name: 'revokedBy', type: 'relationship', relationTo: 'users' }),
    systemField({ name: 'rotatedFrom', type: 'relationship', relationTo: 'api-keys' }),
    { name: 'notes', type: 'textarea', maxLength: 1000 },
  ],
  hooks: {
    beforeValidate: [assignAccount],
    beforeChange: [issueKey],
    afterChange: [auditChange, revealIssuedKey],
    beforeDelete: [rememberHash],
    afterDelete: [auditDelete],
  },
  endpoints: [revokeEndpoint, rotateEndpoint],
  timestamps: true,
}
