import { APIError, NotFound, type PayloadRequest } from 'payload'
import { z } from 'zod'

import { memberRole } from '@/access/organizationAccess'
import { defineEndpoint } from '@/lib/api/endpoint'
import { lockOrganization } from '@/lib/db'
import { relationId } from '@/lib/relationId'
import { inTransaction } from '@/lib/transactions'

import type { MembershipChange } from './hooks/guardMembers'

/**
 * The signed-in user leaves an organization: anyone may, except its last owner, who has to
 * hand ownership to someone first. Returns the organization's name.
 */
export async function leaveOrganization(req: PayloadRequest, id: number): Promise<string> {
  const user = req.user
  if (!user) throw new APIError('Sign in to leave an organization.', 401, undefined, true)
  return inTransaction(req, async () => {
    await lockOrganization(req, id)
    const organization = await req.payload
      .findByID({ collection: 'organizations', id, depth: 0, overrideAccess: true, req })
      .catch(() => null)
    const role = memberRole(organization?.members, user.id)
    // Not a member looks the same as no such organization.
    if (!organization || !role) throw new NotFound(req.t)
    const owners = organization.members.filter((member) => member.role === 'owner')
    if (role === 'owner' && owners.length === 1) {
      throw new APIError(
        'You are its only owner: make another member an owner first, or delete the organization.',
        409,
        undefined,
        true,
      )
    }
    ;(req.context as MembershipChange).membershipChange = 'leave'
    try {
      await req.payload.update({
        collection: 'organizations',
        id,
        data: {
          members: organization.members
            .filter((member) => relationId(member.user) !== String(user.id))
            .map((member) => ({ user: Number(relationId(member.user)), role: member.role })),
        },
        overrideAccess: true,
        req,
      })
    } finally {
      delete (req.context as MembershipChange).membershipChange
    }
    return organization.name
  })
}

/** POST /api/organizations/:id/leave */
export const leaveEndpoint = defineEndpoint({
  path: '/:id/leave',
  method: 'post',
  summary: 'Leave an organization',
  description: 'Its only owner is refused (409): make another member an owner first.',
  // A key never changes memberships.
  caller: 'person',
  doing: 'leave an organization',
  response: { description: 'Done, in words', body: z.object({ message: z.string() }) },
  handler: async (req, { id }) => {
    const name = await leaveOrganization(req, Number(id))
    return Response.json({ message: `You left ${name}.` })
  },
})
