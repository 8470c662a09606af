import type { Access, Where } from 'payload'

import { relationId } from '@/lib/relationId'

import { managedOrganizationIds } from './organizationAccess'
import { hasRole } from './roles'

/** Owners and admins of the invitation's organization; staff for all. */
export const invitationManagerOrStaff: Access = async ({ req, data }) => {
  if (!req.user) return false
  if (hasRole(req.user, 'staff')) return true
  const ids = await managedOrganizationIds(req)
  if (data?.organization !== undefined) {
    return ids.map(String).includes(relationId(data.organization))
  }
  return ids.length > 0 && ({ organization: { in: ids } } satisfies Where)
}
