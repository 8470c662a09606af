import { APIError, type CollectionBeforeChangeHook } from 'payload'

import { hitLimit } from '@/lib/rateLimit'
import { relationId } from '@/lib/relationId'

/** Invitations one person may send, and one organization may receive requests for. */
export const INVITATION_LIMITS = {
  perInviter: { limit: 20, windowMs: 3_600_000 },
  perOrganization: { limit: 100, windowMs: 86_400_000 },
} as const

/**
 * Invitations send mail to any address: limited per inviter and per organization, whatever
 * the door (pages, REST, GraphQL, /admin). Counted after access control, so nobody can use up
 * another organization's allowance; system writes without a user are not limited.
 */
export const limitInvitations: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create' || !req.user) return data
  const organization = data.organization as unknown
  const { perInviter, perOrganization } = INVITATION_LIMITS
  const checks = [hitLimit(`invite:user:${req.user.id}`, perInviter.limit, perInviter.windowMs)]
  if (organization !== undefined && organization !== null) {
    const id = relationId(organization).slice(0, 20)
    checks.push(hitLimit(`invite:org:${id}`, perOrganization.limit, perOrganization.windowMs))
  }
  const results = await Promise.all(checks)
  if (results.some((result) => !result.isAllowed)) {
    throw new APIError('Too many invitations sent. Try again later.', 429, undefined, true)
  }
  return data
}
