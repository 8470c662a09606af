import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import { hasRole } from '@/access/roles'

/**
 * Staff manage roles below admin; only admins grant or take away admin or staff.
 * Field access already keeps members from touching roles and plan at all.
 */
export const guardRolesAndPlan: CollectionBeforeChangeHook = ({ data, originalDoc, req }) => {
  const actor = req.user
  if (!actor || hasRole(actor, 'admin') || !data.roles) return data
  const before = new Set<string>(originalDoc?.roles ?? [])
  const after = new Set<string>(data.roles)
  const changed = [...new Set([...before, ...after])].filter((r) => before.has(r) !== after.has(r))
  if (changed.some((role) => role === 'admin' || role === 'staff')) {
    throw new ValidationError({
      collection: 'users',
      errors: [
        { path: 'roles', message: 'Only an admin can grant or remove the staff and admin roles.' },
      ],
      req,
    })
  }
  return data
}
