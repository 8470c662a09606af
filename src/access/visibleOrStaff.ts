import type { Access, Where } from 'payload'

import { hasRole } from './roles'

/**
 * Staff read every document; everyone else — visitors, members, API keys — only those `where`
 * matches (public status components, published incidents …).
 */
export const visibleOrStaff =
  (where: Where): Access =>
  ({ req: { user } }) =>
    hasRole(user, 'staff') ? true : where
