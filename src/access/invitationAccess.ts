import type { Access, Where } from 'payload'

import { managedOrganizationIds } from './organizationAccess'
import { hasRole } from './roles'

const idOf = (value: unknown) =>
  typeof value === 'object' && value !== null ? (value as { id: string | number }).id : value

/** Owners and admins of the invitation's organization; staff for all. */
export const invitationManagerOrStaff: Access = async ({ req, data }) => {
  if (!req.user) return false
  if (hasRole(req.user, 'staff')) return true
  const ids = await managedOrganizationIds(req)
  if (data?.organization !== undefined) {
    return ids.map(String).includes(String(idOf(data.organization)))
  }
  return ids.length > 0 && ({ organization: { in: ids } } satisfies Where)
}
