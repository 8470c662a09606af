import type { Access, FieldAccess, Where } from 'payload'

import { hasRole } from './roles'

/** Row rule on users: staff manage every non-admin, admins everyone, a member only themself. */
export const selfOrStaff: Access = ({ req: { user } }): boolean | Where => {
  if (!user) return false
  if (hasRole(user, 'admin')) return true
  if (hasRole(user, 'staff')) {
    const self: Where = { id: { equals: user.id } }
    const belowStaff: Where = { roles: { not_in: ['admin', 'staff'] } }
    return { or: [self, belowStaff] }
  }
  return { id: { equals: user.id } }
}

/** Field rule for private profile fields (email, plan, roles): the user themself and staff. */
export const selfOrStaffField: FieldAccess = ({ req: { user }, id, doc }) => {
  if (!user) return false
  if (hasRole(user, 'staff')) return true
  const targetId = doc?.id ?? id
  return targetId !== undefined && String(targetId) === String(user.id)
}
