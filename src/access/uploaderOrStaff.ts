import type { Access } from 'payload'

import { hasRole } from './roles'

/** The member who uploaded a file, or staff. */
export const uploaderOrStaff: Access = ({ req: { user } }) => {
  if (!user) return false
  if (hasRole(user, 'staff')) return true
  return { uploadedBy: { equals: user.id } }
}
