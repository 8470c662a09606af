import type { Access, PayloadRequest, Where } from 'payload'

import type { KeyUser } from '@/lib/keys/collectionScopes'
import { relationId } from '@/lib/relationId'

import { hasRole } from './roles'

export const ORGANIZATION_ROLES = ['owner', 'admin', 'member'] as const
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number]

type Member = { user: unknown; role: OrganizationRole }

/** The role `userId` holds in an organization's member list, if any. */
export function memberRole(members: Member[] | null | undefined, userId: unknown) {
  return members?.find((member) => relationId(member.user) === String(userId))?.role
}

export const canManage = (role: OrganizationRole | undefined) =>
  role === 'owner' || role === 'admin'

/** Organizations a user belongs to (any member role); staff see all; an organization's key its own. */
export const organizationMemberOrStaff: Access = ({ req: { user } }): boolean | Where => {
  if (!user) return false
  const organizationKey = (user as KeyUser).apiKey?.organizationId
  if (organizationKey) return { id: { equals: organizationKey } } satisfies Where
  if (hasRole(user, 'staff')) return true
  return { 'members.user': { equals: user.id } } satisfies Where
}

/** Ids of the organizations in which the user holds one of `roles`. */
export async function organizationIdsWithRole(
  req: PayloadRequest,
  roles: OrganizationRole[],
): Promise<(string | number)[]> {
  if (!req.user) return []
  const { docs } = await req.payload.find({
    collection: 'organizations',
    where: { 'members.user': { equals: req.user.id } },
    depth: 0,
    pagination: false,
    // This is the access rule itself: it reads memberships directly, then filters in code.
    overrideAccess: true,
    req,
    select: { members: true },
  })
  return docs
    .filter((org) => roles.some((role) => role === memberRole(org.members, req.user?.id)))
    .map((org) => org.id)
}

/** Ids of the organizations the user may manage (owner or admin). */
export const managedOrganizationIds = (req: PayloadRequest) =>
  organizationIdsWithRole(req, ['owner', 'admin'])

/**
 * Organizations a user may manage: owners and admins of the organization; staff manage all.
 * The role and the user must sit on the same member row, so the rule is computed, not queried.
 */
export const organizationManagerOrStaff: Access = async ({ req }) => {
  if (!req.user) return false
  if (hasRole(req.user, 'staff')) return true
  const ids = await managedOrganizationIds(req)
  return ids.length > 0 && ({ id: { in: ids } } satisfies Where)
}

/** Organizations the user owns; staff see all. */
export const organizationOwnerOrStaff: Access = async ({ req }) => {
  if (!req.user) return false
  if (hasRole(req.user, 'staff')) return true
  const ids = await organizationIdsWithRole(req, ['owner'])
  return ids.length > 0 && ({ id: { in: ids } } satisfies Where)
}
