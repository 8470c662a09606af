import { APIError, type CollectionBeforeDeleteHook } from 'payload'

import type { MembershipChange } from '@collections/Organizations/hooks/guardMembers'
import { memberRole } from '@/access/organizationAccess'
import { lockOrganization } from '@/lib/db'
import { relationId } from '@/lib/relationId'

/**
 * A deleted account leaves its organizations first. It may not be the only owner of one: that
 * organization would be left without anyone to manage it, so the deletion is refused, naming it.
 */
export const releaseMemberships: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const { docs } = await req.payload.find({
    collection: 'organizations',
    where: { 'members.user': { equals: id } },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const soleOwned = docs.filter(
    (org) =>
      memberRole(org.members, id) === 'owner' &&
      org.members.filter((member) => member.role === 'owner').length === 1,
  )
  if (soleOwned.length > 0) {
    const names = soleOwned.map((org) => `“${org.name}”`).join(', ')
    throw new APIError(
      `This account is the only owner of ${names}: make another member an owner, or delete the organization, first.`,
      409,
      undefined,
      true,
    )
  }
  for (const org of docs) {
    await lockOrganization(req, org.id)
    ;(req.context as MembershipChange).membershipChange = 'leave'
    await req.payload.update({
      collection: 'organizations',
      id: org.id,
      data: {
        members: org.members
          .filter((member) => relationId(member.user) !== String(id))
          .map((member) => ({ user: Number(relationId(member.user)), role: member.role })),
      },
      overrideAccess: true,
      req,
    })
    delete (req.context as MembershipChange).membershipChange
  }
}
