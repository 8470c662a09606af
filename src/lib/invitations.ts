import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  type Payload,
} from 'payload'

import type { OrganizationInvitation, User } from '@/payload-types'

import { lockOrganization } from './db'
import { relationId } from './relationId'
import { sha256 } from './tokens'

export type InvitationProblem = 'INVALID' | 'USED' | 'EXPIRED' | 'WRONG_ACCOUNT'

export const INVITATION_PROBLEMS: Record<InvitationProblem, string> = {
  INVALID: 'This invitation link is not valid. Ask for a new invitation.',
  USED: 'This invitation was already accepted.',
  EXPIRED: 'This invitation has expired. Ask the organization for a new one.',
  WRONG_ACCOUNT:
    'This invitation was sent to another email address. Log in with that address to accept it.',
}

/** Finds the invitation a token stands for (the token itself is never stored). */
export async function findInvitation(payload: Payload, token: string) {
  const { docs } = await payload.find({
    collection: 'organization-invitations',
    where: { tokenHash: { equals: sha256(token) } },
    depth: 1,
    limit: 1,
    // System lookup by secret token: the token is the authorisation.
    overrideAccess: true,
  })
  return docs[0] ?? null
}

export function invitationProblem(
  invitation: OrganizationInvitation | null,
  user: Pick<User, 'email'> | null,
  now = new Date(),
): InvitationProblem | null {
  if (!invitation) return 'INVALID'
  if (invitation.acceptedAt) return 'USED'
  if (!invitation.expiresAt || new Date(invitation.expiresAt) <= now) return 'EXPIRED'
  if (user && user.email?.toLowerCase() !== invitation.email.toLowerCase()) return 'WRONG_ACCOUNT'
  return null
}

/** Accepts an invitation once: marks it used and adds the user to the organization, in one transaction. */
export async function acceptInvitation(
  payload: Payload,
  token: string,
  user: User,
): Promise<{ ok: true; organizationSlug: string } | { ok: false; problem: InvitationProblem }> {
  const invitation = await findInvitation(payload, token)
  const problem = invitationProblem(invitation, user)
  if (problem || !invitation) return { ok: false, problem: problem ?? 'INVALID' }

  const req = await createLocalReq({ user, context: { membershipChange: 'join' } }, payload)
  await initTransaction(req)
  try {
    const claimed = await payload.update({
      collection: 'organization-invitations',
      where: { and: [{ id: { equals: invitation.id } }, { acceptedAt: { exists: false } }] },
      data: { acceptedAt: new Date().toISOString(), acceptedBy: user.id },
      overrideAccess: true,
      req,
    })
    if (claimed.docs.length !== 1) {
      await killTransaction(req)
      return { ok: false, problem: 'USED' }
    }
    const organizationId = Number(relationId(invitation.organization))
    await lockOrganization(req, organizationId)
    const organization = await payload.findByID({
      collection: 'organizations',
      id: organizationId,
      depth: 0,
      overrideAccess: true,
      req,
    })
    const isMember = organization.members.some(
      (member) => relationId(member.user) === String(user.id),
    )
    if (!isMember) {
      await payload.update({
        collection: 'organizations',
        id: organizationId,
        data: {
          members: [
            ...organization.members.map((member) => ({
              user: Number(relationId(member.user)),
              role: member.role,
            })),
            { user: user.id, role: invitation.role },
          ],
        },
        overrideAccess: true,
        req,
      })
    }
    await commitTransaction(req)
    return { ok: true, organizationSlug: organization.slug }
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
