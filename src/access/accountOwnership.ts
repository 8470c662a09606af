import { ValidationError, type PayloadRequest } from 'payload'

import type { KeyUser } from '@/lib/keys/collectionScopes'
import { relationId } from '@/lib/relationId'

import { canManage, memberRole } from './organizationAccess'
import { hasRole } from './roles'

/**
 * Whose document this is, decided on create: the organization's when one is given and the
 * user owns or administers it (staff may act for any), otherwise the user's own.
 */
export async function assignOwnership(
  req: PayloadRequest,
  collection: string,
  data: { owner?: unknown; organization?: unknown },
  noun: string,
): Promise<void> {
  const user = req.user
  if (!user) return
  // An API key creates only in its own account.
  const apiKey = (user as KeyUser).apiKey
  if (apiKey) {
    const wanted = data.organization ? Number(relationId(data.organization)) : null
    if (wanted !== null && wanted !== apiKey.organizationId) {
      throw new ValidationError({
        collection,
        errors: [{ path: 'organization', message: 'An API key acts only for its own account.' }],
      })
    }
    data.owner = apiKey.organizationId ? null : user.id
    data.organization = apiKey.organizationId
    return
  }
  if (!data.organization) {
    data.owner = user.id
    data.organization = null
    return
  }
  const organization = await req.payload
    .findByID({
      collection: 'organizations',
      id: relationId(data.organization),
      depth: 0,
      overrideAccess: true,
      req,
    })
    .catch(() => null)
  const invalid = (message: string) =>
    new ValidationError({ collection, errors: [{ path: 'organization', message }] })
  if (!organization) throw invalid('Organization not found.')
  if (!hasRole(user, 'staff') && !canManage(memberRole(organization.members, user.id))) {
    throw invalid(`Only owners and admins of the organization can create its ${noun}.`)
  }
  data.owner = null
  data.organization = organization.id
}
