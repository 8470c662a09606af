import type { Access, Where } from 'payload'

import type { KeyUser } from '@/lib/keys/collectionScopes'

import { organizationsRequiringTwoFactor } from '@/lib/auth/orgTwoFactor'

import { managedOrganizationIds } from './organizationAccess'
import { hasRole } from './roles'

/**
 * Documents that belong to an account (`owner` user or `organization`): the owner, the owners
 * and admins of the organization, and staff. Used by api-keys and audit-logs.
 */
export const keyOwnerOrManager: Access = async ({ req }) => {
  const { user } = req
  if (!user) return false
  // An API key sees its own account only: the organization's, or its owner's personal one.
  const apiKey = (user as KeyUser).apiKey
  if (apiKey) {
    return apiKey.organizationId
      ? { organization: { equals: apiKey.organizationId } }
      : { and: [{ owner: { equals: user.id } }, { organization: { exists: false } }] }
  }
  if (hasRole(user, 'staff')) return true
  const own: Where = { owner: { equals: user.id } }
  // An organization that requires 2FA its manager lacks hides its keys from them.
  const managed = await managedOrganizationIds(req)
  const blocked = await organizationsRequiringTwoFactor(req, managed)
  const organizations = managed.filter((id) => !blocked.has(Number(id)))
  if (organizations.length === 0) return own
  return { or: [own, { organization: { in: organizations } }] }
}
