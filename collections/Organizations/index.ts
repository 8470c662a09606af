import type { CollectionConfig } from 'payload'

import { authenticated } from '@/access/authenticated'
import {
  ORGANIZATION_ROLES,
  organizationManagerOrStaff,
  organizationMemberOrStaff,
  organizationOwnerOrStaff,
} from '@/access/organizationAccess'
import { PLANS } from '@/lib/plans'
import { staffOrAboveField } from '@/access/staffOrAbove'
import { limitsField } from '@/fields/limitsField'
import { guardSharedHandle, restampModelHandles } from '@/lib/handles'

import { announceRoleChanges } from './hooks/announceRoleChanges'
import { guardMembers } from './hooks/guardMembers'
import { guardTwoFactorRequirement } from './hooks/twoFactorRequirement'
import { leaveEndpoint } from './leave'
import { SLUG_PATTERN } from './slug'
import { forgetAccountKeys } from '../ApiKeys/hooks/forgetAccountKeys'
import { forgetKeysOnPlanChange } from '../ApiKeys/hooks/forgetKeysOnPlanChange'

const organizationKeys = forgetAccountKeys('organization')

export const Organizations: CollectionConfig = {
  slug: 'organizations',
  access: {
    create: authenticated,
    read: organizationMemberOrStaff,
    update: organizationManagerOrStaff,
    delete: organizationOwnerOrStaff,
  },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'slug', 'plan', 'createdAt'],
    group: 'Accounts',
  },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 80 },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      maxLength: 48,
      validate: (value: string | null | undefined) =>
        typeof value === 'string' && SLUG_PATTERN.test(value)
          ? true
          : 'Slug must be 1 to 48 lower-case letters, digits or dashes, not starting or ending with a dash.',
    },
    {
      name: 'plan',
      type: 'select',
      defaultValue: 'free',
      options: PLANS.map((plan) => ({ label: plan[0].toUpperCase() + plan.slice(1), value: plan })),
      access: { create: staffOrAboveField, update: staffOrAboveField },
      admin: { position: 'sidebar' },
    },
    {
      // Set by owners and admins (/settings/organization); see src/lib/auth/orgTwoFactor.ts.
      name: 'requireTwoFactor',
      type: 'checkbox',
      defaultValue: false,
      admin: {
        position: 'sidebar',
        description:
          'Members without two-factor authentication lose access to the organization’s API keys until they enable it.',
      },
    },
    limitsField({
      description:
        'Contract limits for enterprise organizations, set by staff. Empty means unlimited.',
      access: { create: staffOrAboveField, update: staffOrAboveField },
    }),
    {
      name: 'members',
      type: 'array',
      required: true,
      minRows: 1,
      fields: [
        { name: 'user', type: 'relationship', relationTo: 'users', required: true },
        {
          name: 'role',
          type: 'select',
          required: true,
          defaultValue: 'member',
          options: ORGANIZATION_ROLES.map((role) => ({
            label: role[0].toUpperCase() + role.slice(1),
            value: role,
          })),
        },
      ],
    },
  ],
  hooks: {
    beforeChange: [guardMembers, guardTwoFactorRequirement, guardSharedHandle('organizations')],
    afterChange: [
      announceRoleChanges,
      forgetKeysOnPlanChange('o'),
      restampModelHandles('organizations'),
    ],
    beforeDelete: [organizationKeys.beforeDelete],
    afterDelete: [organizationKeys.afterDelete],
  },
  endpoints: [leaveEndpoint],
}
