import type { Access } from 'payload'

import { isOrganizationKey } from '@/lib/keys/collectionScopes'

export const authenticated: Access = ({ req: { user } }) => Boolean(user)

/** A signed-in person, or a person's API key: not an organization's key (which is no person). */
export const authenticatedPerson: Access = ({ req: { user } }) =>
  Boolean(user) && !isOrganizationKey(user)
