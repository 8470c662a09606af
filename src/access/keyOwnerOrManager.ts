import type { Access, Where } from 'payload'

import { managedOrganizationIds } from './organizationAccess'
import { hasRole } from './roles'

/**
 * Documents that belong to an account (`owner` user or `organization`): the owner, the owners
 * and admins of the organization, and staff. Used by api-keys and audit-logs.
 */
export const keyOwnerOrManager: Access = async ({ req }) => {
  const { user } = req
  if (!user) return false
  if (hasRole(user, 'staff')) return true
  const own: Where = { owner: { equals: user.id } }
  const organizations = await managedOrganizationIds(req)
  if (organizations.length === 0) return own
  return { or: [own, { organization: { in: organizations } }] }
}
