import { APIError, Forbidden, NotFound, type PayloadRequest } from 'payload'

import { relationId } from '@/lib/relationId'
import { inTransaction } from '@/lib/transactions'
import type { ApiKey } from '@/payload-types'

import { invalidateKeyHash } from './cache'
import type { KeyUser } from './collectionScopes'

export const GRACE_PERIODS = [0, 3600, 86400, 604800] as const
export type GracePeriod = (typeof GRACE_PERIODS)[number]

/** The key as the requesting user may see it (access rules apply), with its hash. */
async function visibleKey(req: PayloadRequest, id: string | number): Promise<ApiKey> {
  if ((req.user as KeyUser | null)?.apiKey) throw new Forbidden(req.t)
  const visible = await req.payload
    .findByID({ collection: 'api-keys', id, depth: 0, overrideAccess: false, user: req.user, req })
    .catch(() => null)
  if (!visible) throw new NotFound(req.t)
  return req.payload.findByID({
    collection: 'api-keys',
    id,
    depth: 0,
    overrideAccess: true,
    showHiddenFields: true,
    req,
  })
}

const isLive = (key: ApiKey, now = Date.now()) =>
  key.status === 'active' && (!key.expiresAt || new Date(key.expiresAt).getTime() > now)

/** Revokes a key at once; every verifier drops it within a second (cache invalidation). */
export async function revokeKey(req: PayloadRequest, id: string | number): Promise<ApiKey> {
  const key = await inTransaction(req, async () => {
    const current = await visibleKey(req, id)
    if (current.status === 'revoked') {
      const { keyHash: _hidden, ...shown } = current
      return shown as ApiKey
    }
    req.context.auditAction = 'api_key.revoked'
    return req.payload.update({
      collection: 'api-keys',
      id,
      data: { status: 'revoked', revokedAt: new Date().toISOString(), revokedBy: req.user?.id },
      depth: 0,
      overrideAccess: true,
      req,
    })
  })
  delete req.context.auditAction
  const { keyHash } = await visibleHash(req, key.id)
  if (keyHash) invalidateKeyHash(keyHash)
  return key
}

const visibleHash = (req: PayloadRequest, id: number) =>
  req.payload.findByID({
    collection: 'api-keys',
    id,
    depth: 0,
    overrideAccess: true,
    showHiddenFields: true,
    select: { keyHash: true },
  })

/**
 * Issues a successor with the same settings. The old key keeps working for `graceSeconds`
 * (0 revokes it now), then answers EXPIRED. Returns the new key with its plaintext `key`.
 */
export async function rotateKey(
  req: PayloadRequest,
  id: string | number,
  graceSeconds: GracePeriod,
): Promise<ApiKey> {
  const { fresh, old } = await inTransaction(req, async () => {
    const old = await visibleKey(req, id)
    if (!isLive(old)) {
      throw new APIError('Only an active, unexpired key can be rotated.', 409, undefined, true)
    }
    const { totalDocs: successors } = await req.payload.count({
      collection: 'api-keys',
      where: { rotatedFrom: { equals: old.id } },
      overrideAccess: true,
      req,
    })
    if (successors > 0) {
      throw new APIError(
        'This key was already rotated: rotate its successor.',
        409,
        undefined,
        true,
      )
    }
    req.context.rotation = { rotatedFrom: old }
    const fresh = await req.payload.create({
      collection: 'api-keys',
      data: {
        name: old.name,
        environment: old.environment,
        scopes: old.scopes,
        expiresAt: old.expiresAt,
        ipAllowlist: old.ipAllowlist,
        limits: old.limits,
        notes: old.notes,
        organization: old.organization ? Number(relationId(old.organization)) : null,
        status: 'active',
      },
      depth: 0,
      overrideAccess: true,
      req,
    })
    delete req.context.rotation
    const now = Date.now()
    const graceEnd = now + graceSeconds * 1000
    const expiresAt =
      old.expiresAt && new Date(old.expiresAt).getTime() < graceEnd
        ? old.expiresAt
        : new Date(graceEnd).toISOString()
    req.context.auditAction = graceSeconds === 0 ? 'api_key.revoked' : 'api_key.rotated'
    req.context.auditDetails = { replacedBy: fresh.display, gracePeriodSeconds: graceSeconds }
    await req.payload.update({
      collection: 'api-keys',
      id: old.id,
      data:
        graceSeconds === 0
          ? { status: 'revoked', revokedAt: new Date(now).toISOString(), revokedBy: req.user?.id }
          : { expiresAt },
      depth: 0,
      overrideAccess: true,
      req,
    })
    delete req.context.auditAction
    delete req.context.auditDetails
    return { fresh, old }
  })
  if (old.keyHash) invalidateKeyHash(old.keyHash)
  return fresh
}
