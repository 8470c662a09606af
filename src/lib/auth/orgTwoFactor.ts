import { APIError, type PayloadRequest } from 'payload'

import { hasRole } from '@/access/roles'
import type { KeyUser } from '@/lib/keys/collectionScopes'

import { usersWithSecondFactor } from './twoFactor'

/**
 * An organization may require two-factor authentication of its members (`requireTwoFactor`,
 * set by its owners and admins). A member without it keeps their membership but loses access
 * to the organization's API keys (list, read, edit, create, rotate, revoke: pages, REST and
 * GraphQL all go through the keys' access rule) until they turn it on. Staff are not members
 * and keep their access; an organization's own key is no person and is not concerned.
 */
type Req = Pick<PayloadRequest, 'payload' | 'user' | 'context' | 'transactionID'>

const CACHE = 'orgTwoFactor:hasSecondFactor'

/** Whether the request's person has a second factor (once per request). */
async function personHasSecondFactor(req: Req): Promise<boolean> {
  const cached = req.context?.[CACHE]
  if (typeof cached === 'boolean') return cached
  const user = req.user
  if (!user) return false
  const has = (await usersWithSecondFactor(req, [user.id])).has(Number(user.id))
  if (req.context) req.context[CACHE] = has
  return has
}

/** Of `organizationIds`, those whose 2FA requirement the request's person does not meet. */
export async function organizationsRequiringTwoFactor(
  req: Req,
  organizationIds: (number | string)[],
): Promise<Set<number>> {
  const user = req.user
  if (!user || organizationIds.length === 0 || (user as KeyUser).apiKey) return new Set()
  if (hasRole(user, 'staff')) return new Set()
  const { docs } = await req.payload.find({
    collection: 'organizations',
    where: {
      and: [{ id: { in: organizationIds.map(Number) } }, { requireTwoFactor: { equals: true } }],
    },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    select: { name: true },
    req: req as PayloadRequest,
  })
  if (docs.length === 0 || (await personHasSecondFactor(req))) return new Set()
  return new Set(docs.map((doc) => Number(doc.id)))
}

export const TWO_FACTOR_REQUIRED_MESSAGE =
  'This organization requires two-factor authentication: turn it on under Settings → Security to use its API keys.'

/** Refuses a key for an organization whose requirement the person does not meet. */
export async function assertOrganizationTwoFactor(req: Req, organizationId: number | string) {
  const blocked = await organizationsRequiringTwoFactor(req, [organizationId])
  if (blocked.size > 0) throw new APIError(TWO_FACTOR_REQUIRED_MESSAGE, 403, undefined, true)
}

/** Refuses turning the requirement on for someone who does not meet it themself. */
export async function assertCanRequireTwoFactor(req: Req) {
  if (!req.user || hasRole(req.user, 'staff')) return
  if (!(await personHasSecondFactor(req))) {
    throw new APIError(
      'Turn on two-factor authentication for your own account first (Settings → Security).',
      403,
      undefined,
      true,
    )
  }
}
