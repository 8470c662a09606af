import { APIError, ValidationError, type CollectionBeforeValidateHook } from 'payload'

import { assignOwnership } from '@/access/accountOwnership'
import { hasRole } from '@/access/roles'
import { assertOrganizationTwoFactor } from '@/lib/auth/orgTwoFactor'
import type { Plan } from '@/lib/plans'
import { MAX_ACTIVE_KEYS } from '@/lib/plans'
import { grantableScopes, isScope } from '@/lib/keys/scopes'
import { relationId } from '@/lib/relationId'
import type { ApiKey } from '@/payload-types'

const invalid = (path: string, message: string) =>
  new ValidationError({ collection: 'api-keys', errors: [{ path, message }] })

/** A key being rotated: its successor takes over its account and settings. */
export type RotationContext = { rotatedFrom: ApiKey }

/**
 * Decides whose key this is and what it may hold: the creator's own key, or an organization's
 * when the creator owns or administers it; only grantable scopes; within the plan's cap.
 */
export const assignAccount: CollectionBeforeValidateHook = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  const user = req.user
  if (!user || !data) throw new APIError('Sign in to manage API keys.', 401)
  const isStaff = hasRole(user, 'staff')

  const rotation = req.context.rotation as RotationContext | undefined
  if (data.scopes !== undefined && data.scopes !== null && !Array.isArray(data.scopes)) {
    throw invalid('scopes', 'Scopes must be an array of scope names.')
  }
  const requested = Array.isArray(data.scopes) ? (data.scopes as string[]) : undefined
  if (requested) {
    const unknown = requested.find((scope) => !isScope(scope))
    if (unknown) throw invalid('scopes', `Unknown scope "${unknown}".`)
    // A key keeps what it already holds (an edit, or a rotation's successor).
    const held = new Set<string>(
      operation === 'update' ? (originalDoc?.scopes ?? []) : (rotation?.rotatedFrom.scopes ?? []),
    )
    const grantable = new Set<string>(grantableScopes(isStaff))
    const denied = requested.find((scope) => !grantable.has(scope) && !held.has(scope))
    if (denied) throw invalid('scopes', `Only staff can grant the service scope "${denied}".`)
    if (requested.length === 0) throw invalid('scopes', 'Choose at least one scope.')
  }
  if (
    data.expiresAt &&
    operation === 'create' &&
    new Date(data.expiresAt).getTime() <= Date.now()
  ) {
    throw invalid('expiresAt', 'Expiry must be in the future.')
  }
  if (operation !== 'create') return data

  if (rotation) {
    const old = rotation.rotatedFrom
    data.owner = old.owner ? Number(relationId(old.owner)) : null
    data.organization = old.organization ? Number(relationId(old.organization)) : null
    data.rotatedFrom = old.id
  } else {
    await assignOwnership(req, 'api-keys', data, 'keys')
    if (data.organization) await assertOrganizationTwoFactor(req, relationId(data.organization))
  }
  data.createdBy = user.id
  data.status = 'active'

  if (!rotation) {
    const plan = await accountPlan(req, data.owner, data.organization)
    const { totalDocs } = await req.payload.count({
      collection: 'api-keys',
      where: {
        and: [
          data.organization
            ? { organization: { equals: relationId(data.organization) } }
            : { owner: { equals: data.owner } },
          { status: { equals: 'active' } },
          { or: [{ expiresAt: { exists: false } }, { expiresAt: { greater_than: new Date() } }] },
        ],
      },
      overrideAccess: true,
      req,
    })
    if (totalDocs >= MAX_ACTIVE_KEYS[plan]) {
      throw new APIError(
        `Key limit reached: the ${plan} plan allows ${MAX_ACTIVE_KEYS[plan]} active keys. Revoke one first.`,
        403,
        undefined,
        true,
      )
    }
  }
  return data
}

async function accountPlan(
  req: Parameters<CollectionBeforeValidateHook>[0]['req'],
  owner: unknown,
  organization: unknown,
): Promise<Plan> {
  const doc = organization
    ? await req.payload.findByID({
        collection: 'organizations',
        id: relationId(organization),
        depth: 0,
        overrideAccess: true,
        req,
      })
    : await req.payload.findByID({
        collection: 'users',
        id: relationId(owner),
        depth: 0,
        overrideAccess: true,
        req,
      })
  return ((doc as { plan?: Plan | null }).plan ?? 'free') as Plan
}
