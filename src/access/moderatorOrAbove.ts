import type { PayloadRequest } from 'payload'

import { hasRole } from './roles'

/** Who may open /admin: moderators, staff and admins. */
export const moderatorOrAbove = ({ req }: { req: PayloadRequest }) => hasRole(req.user, 'moderator')
