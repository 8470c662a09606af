import type { CollectionConfig } from 'payload'

import { adminOnly } from '@/access/adminOnly'
import { anyone } from '@/access/anyone'
import { moderatorOrAbove } from '@/access/moderatorOrAbove'
import { hasRole, ROLES } from '@/access/roles'
import { PLANS } from '@/lib/plans'
import { selfOrStaff, selfOrStaffField } from '@/access/selfOrStaff'
import { staffOrAbove, staffOrAboveField } from '@/access/staffOrAbove'
import { internalField, systemOnly } from '@/fields/systemField'
import { serverUrl } from '@/lib/defaults'
import { sessionStrategy } from '@/lib/auth/sessions'
import { actionEmail, portalUrl } from '@/lib/emails'
import { guardSharedHandle, restampModelHandles } from '@/lib/handles'

import { forgetAccountKeys } from '../ApiKeys/hooks/forgetAccountKeys'
import { forgetKeysOnPlanChange } from '../ApiKeys/hooks/forgetKeysOnPlanChange'

import { apiKeyStrategy, describeKeyCaller } from './apiKeyStrategy'
import { confirmEmailChangeEndpoint, mailEmailChange, stageEmailChange } from './emailChange'
import { loginEndpoints } from './loginEndpoints'
import { resetTwoFactorEndpoint } from './resetTwoFactor'
import { guardRolesAndPlan } from './hooks/guardRolesAndPlan'
import { firstUserEndpoints, firstUserIsAdmin } from './hooks/firstUserIsAdmin'
import { cancelDeletionOnLogin } from './hooks/cancelDeletionOnLogin'
import { accountPolicy } from './hooks/policy'
import { releaseMemberships } from './hooks/releaseMemberships'
import { releaseShowcase } from './hooks/releaseShowcase'
import {
  endOtherSessionsOnPasswordChange,
  endSessionOnLogout,
  issueSessionTokens,
  logEmailChange,
} from './hooks/sessions'
import { USERNAME_PATTERN } from './username'

const ownKeys = forgetAccountKeys('owner')

export const Users: CollectionConfig = {
  slug: 'users',
  auth: {
    tokenExpiration: 60 * 60 * 2,
    maxLoginAttempts: 5,
    lockTime: 15 * 60 * 1000,
    // Sessions are rows of their own (src/lib/auth/sessions.ts), not an array on the user.
    useSessions: false,
    strategies: [apiKeyStrategy, sessionStrategy],
    // Secure cookies whenever the portal is served over https.
    cookies: { sameSite: 'Lax', secure: serverUrl().startsWith('https://') },
    verify: {
      generateEmailSubject: () => 'Confirm your email for TuneTrail Community',
      generateEmailHTML: ({ token }) =>
        actionEmail({
          heading: 'Confirm your email',
          intro: 'Welcome to TuneTrail Community. Confirm your email address to finish signing up.',
          action: 'Confirm email',
          url: portalUrl('/verify-email', { token: String(token) }),
          outro: 'If you did not sign up, you can ignore this mail.',
        }),
    },
    forgotPassword: {
      expiration: 60 * 60 * 1000,
      generateEmailSubject: () => 'Reset your TuneTrail Community password',
      generateEmailHTML: (args) =>
        actionEmail({
          heading: 'Reset your password',
          intro:
            'Someone asked to reset the password of this account. The link works for one hour.',
          action: 'Choose a new password',
          url: portalUrl('/reset-password', { token: String(args?.token) }),
          outro: 'If it was not you, ignore this mail: your password stays as it is.',
        }),
    },
  },
  access: {
    admin: moderatorOrAbove,
    create: anyone,
    read: anyone,
    update: selfOrStaff,
    delete: adminOnly,
    // Resetting someone's failed-login count would void the lockout: staff only.
    unlock: staffOrAbove,
  },
  admin: {
    useAsTitle: 'username',
    defaultColumns: ['username', 'name', 'email', 'roles', 'plan', 'createdAt'],
    group: 'Accounts',
  },
  fields: [
    // Overrides of Payload's auth fields: the email is private, verification is staff-only.
    { name: 'email', type: 'email', access: { read: selfOrStaffField } },
    {
      name: '_verified',
      type: 'checkbox',
      access: { create: staffOrAboveField, read: selfOrStaffField, update: staffOrAboveField },
    },
    {
      // A new email waiting for its owner to confirm it (see emailChange.ts).
      name: 'pendingEmail',
      type: 'email',
      access: { read: selfOrStaffField, create: systemOnly, update: systemOnly },
      admin: {
        readOnly: true,
        position: 'sidebar',
        description: 'Becomes the email once that address confirms the change.',
      },
    },
    internalField({ name: 'pendingEmailTokenHash', type: 'text', index: true }),
    internalField({ name: 'pendingEmailExpiresAt', type: 'date' }),
    { name: 'name', type: 'text', required: true, maxLength: 80 },
    {
      name: 'username',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      maxLength: 32,
      admin: { description: 'Lower-case letters, digits and dashes; 3 to 32 characters.' },
      validate: (value: string | null | undefined) =>
        typeof value === 'string' && USERNAME_PATTERN.test(value)
          ? true
          : 'Username must be 3 to 32 lower-case letters, digits or dashes, not starting or ending with a dash.',
    },
    { name: 'avatar', type: 'upload', relationTo: 'media' },
    { name: 'bio', type: 'textarea', maxLength: 500 },
    {
      name: 'links',
      type: 'array',
      maxRows: 5,
      fields: [
        { name: 'label', type: 'text', required: true, maxLength: 40 },
        {
          name: 'url',
          type: 'text',
          required: true,
          maxLength: 300,
          validate: (value: string | null | undefined) =>
            typeof value === 'string' && /^https?:\/\//.test(value) && URL.canParse(value)
              ? true
              : 'Link must be a full http(s) URL.',
        },
      ],
    },
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      defaultValue: ['member'],
      options: ROLES.map((role) => ({ label: role[0].toUpperCase() + role.slice(1), value: role })),
      saveToJWT: true,
      access: { create: staffOrAboveField, read: selfOrStaffField, update: staffOrAboveField },
      admin: { position: 'sidebar' },
    },
    {
      // Staff only: a button that resets the account's second factors (resetTwoFactor.ts).
      name: 'twoFactorReset',
      type: 'ui',
      admin: {
        position: 'sidebar',
        condition: (_data, _siblingData, { user }) => hasRole(user, 'staff'),
        components: { Field: '@/components/ResetTwoFactor#ResetTwoFactor' },
      },
    },
    {
      name: 'plan',
      type: 'select',
      defaultValue: 'free',
      options: PLANS.map((plan) => ({ label: plan[0].toUpperCase() + plan.slice(1), value: plan })),
      access: { create: staffOrAboveField, read: selfOrStaffField, update: staffOrAboveField },
      admin: { position: 'sidebar' },
    },
  ],
  hooks: {
    beforeOperation: [accountPolicy],
    beforeChange: [
      firstUserIsAdmin,
      guardRolesAndPlan,
      stageEmailChange,
      guardSharedHandle('users'),
    ],
    afterChange: [
      mailEmailChange,
      endOtherSessionsOnPasswordChange,
      forgetKeysOnPlanChange('u'),
      logEmailChange,
      restampModelHandles('users'),
    ],
    afterOperation: [issueSessionTokens, cancelDeletionOnLogin],
    afterLogout: [endSessionOnLogout],
    afterMe: [describeKeyCaller],
    beforeDelete: [releaseMemberships, releaseShowcase, ownKeys.beforeDelete],
    afterDelete: [ownKeys.afterDelete],
  },
  endpoints: [
    ...firstUserEndpoints(),
    ...loginEndpoints,
    confirmEmailChangeEndpoint,
    resetTwoFactorEndpoint,
  ],
}
