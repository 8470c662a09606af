import type { Access } from 'payload'

import { hasRole } from './roles'

/** Staff read every version, drafts included; everyone else only what is published. */
export const publishedOrStaff: Access = ({ req: { user } }) =>
  hasRole(user, 'staff') ? true : { _status: { equals: 'published' } }
