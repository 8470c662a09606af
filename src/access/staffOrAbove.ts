import type { Access, FieldAccess } from 'payload'

import { hasRole } from './roles'

export const staffOrAbove: Access = ({ req: { user } }) => hasRole(user, 'staff')

export const staffOrAboveField: FieldAccess = ({ req: { user } }) => hasRole(user, 'staff')
