import type { Access, Where } from 'payload'

import { hasRole } from './roles'

/** Documents whose `field` names the signed-in person (notifications, preferences …). */
export const ownedBy =
  (field: string): Access =>
  ({ req: { user } }) => {
    if (!user || user.collection !== 'users') return false
    return { [field]: { equals: user.id } } satisfies Where
  }

/** The same, and staff see everyone's, to help. */
export const ownedByOrStaff =
  (field: string): Access =>
  (args) => {
    const { user } = args.req
    if (user && user.collection === 'users' && hasRole(user, 'staff')) return true
    return ownedBy(field)(args)
  }
