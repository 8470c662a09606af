import type { Access, FieldAccess, PayloadRequest } from 'payload'

import { hasRole } from './roles'

/** Ids of the users holding the staff or admin role (a handful). */
async function privilegedUserIds(req: PayloadRequest): Promise<(number | string)[]> {
  const { docs } = await req.payload.find({
    collection: 'users',
    // `in` on a has-many select matches a user holding any of them, whatever else they hold.
    where: { roles: { in: ['admin', 'staff'] } },
    depth: 0,
    pagination: false,
    select: { roles: true },
    // This is the access rule itself.
    overrideAccess: true,
    req,
  })
  return docs.map((doc) => doc.id)
}

/**
 * Row rule on users: admins manage everyone, staff every user who holds neither the staff nor
 * the admin role (and themself), a member only themself. Excluding by id, not by
 * `roles not_in`: on a has-many select that matches row by row, so an admin who also holds
 * `member` would match it.
 */
export const selfOrStaff: Access = async ({ req }) => {
  const { user } = req
  if (!user) return false
  if (hasRole(user, 'admin')) return true
  const self = { id: { equals: user.id } }
  if (!hasRole(user, 'staff')) return self
  return { or: [self, { id: { not_in: await privilegedUserIds(req) } }] }
}

/** Field rule for private profile fields (email, plan, roles): the user themself and staff. */
export const selfOrStaffField: FieldAccess = ({ req: { user }, id, doc }) => {
  if (!user || user.collection !== 'users') return false
  if (hasRole(user, 'staff')) return true
  const targetId = doc?.id ?? id
  return targetId !== undefined && String(targetId) === String(user.id)
}
