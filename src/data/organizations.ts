import 'server-only'

import { memberRole, type OrganizationRole } from '@/access/organizationAccess'
import type { Organization, OrganizationInvitation, User } from '@/payload-types'

import { payloadClient } from './session'

export type OrganizationView = Organization & { myRole: OrganizationRole | undefined }

/** Organizations the user belongs to, with the user's role in each. */
export async function myOrganizations(user: User): Promise<OrganizationView[]> {
  const payload = await payloadClient()
  const { docs } = await payload.find({
    collection: 'organizations',
    where: { 'members.user': { equals: user.id } },
    depth: 1,
    sort: 'name',
    pagination: false,
    overrideAccess: false,
    user,
  })
  return docs.map((org) => ({ ...org, myRole: memberRole(org.members, user.id) }))
}

/** Open (not accepted) invitations of an organization the user manages. */
export async function pendingInvitations(
  organizationId: number,
  user: User,
): Promise<OrganizationInvitation[]> {
  const payload = await payloadClient()
  const { docs } = await payload.find({
    collection: 'organization-invitations',
    where: {
      and: [{ organization: { equals: organizationId } }, { acceptedAt: { exists: false } }],
    },
    sort: '-createdAt',
    depth: 0,
    pagination: false,
    overrideAccess: false,
    user,
  })
  return docs
}
