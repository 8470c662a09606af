import type { Access, Where } from 'payload'

import { managedOrganizationIds } from './organizationAccess'
import { hasRole } from './roles'

/**
 * Invoices: staff see all; a person their own, and those of organizations they own or
 * administer. A key never reads invoices (the collection is closed to keys).
 */
export const invoiceReaderOrStaff: Access = async ({ req }) => {
  const { user } = req
  if (!user || user.collection !== 'users') return false
  if (hasRole(user, 'staff')) return true
  const organizations = await managedOrganizationIds(req)
  const own: Where = { owner: { equals: user.id } }
  return organizations.length > 0 ? { or: [own, { organization: { in: organizations } }] } : own
}
