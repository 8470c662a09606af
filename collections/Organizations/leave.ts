import { APIError, NotFound, type Endpoint, type PayloadRequest } from 'payload'

import { memberRole } from '@/access/organizationAccess'
import { errorJson } from '@/lib/api/errors'
import { lockOrganization } from '@/lib/db'
import type { KeyUser } from '@/lib/keys/collectionScopes'
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
export const leaveEndpoint: Endpoint = {
  path: '/:id/leave',
  method: 'post',
  handler: async (req) => {
    // Custom endpoints are outside the scope plugin: a key never changes memberships.
    if ((req.user as KeyUser | null)?.apiKey) {
      return errorJson(403, 'API keys cannot change memberships: sign in.', {
        code: 'INSUFFICIENT_SCOPE',
      })
    }
    const id = Number(req.routeParams?.id)
    if (!Number.isInteger(id) || id <= 0) throw new NotFound(req.t)
    const name = await leaveOrganization(req, id)
    return Response.json({ message: `You left ${name}.` })
  },
}
