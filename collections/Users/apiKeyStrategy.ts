import type { AuthStrategy, CollectionAfterMeHook } from 'payload'

import { payloadSecret } from '@/lib/defaults'
import { ORGANIZATION_PRINCIPAL_ID, type KeyUser } from '@/lib/keys/collectionScopes'
import { KEY_AUTH_HEADER, readKeyClaims } from '@/lib/keys/keyAuth'

/**
 * `Authorization: Bearer tt_…` on REST and GraphQL. The proxy (src/proxy.ts) has verified and
 * metered the key and passes signed claims; this turns them into the request's user. A personal
 * key acts as its owner with member rights only (never staff or admin powers); an
 * organization's key acts as the organization, a principal that is no person (it keeps working
 * whoever created it, and reads nobody's private data). The apiKeyScopes plugin limits either
 * to the key's scopes.
 */
export const apiKeyStrategy: AuthStrategy = {
  name: 'api-key',
  authenticate: async ({ headers, payload }) => {
    const claims = readKeyClaims(headers.get(KEY_AUTH_HEADER), payloadSecret())
    if (!claims) return { user: null }
    const apiKey = {
      id: claims.keyId,
      scopes: claims.scopes,
      organizationId: claims.organizationId,
    }
    if (claims.organizationId) {
      const organization = await payload
        .findByID({
          collection: 'organizations',
          id: claims.organizationId,
          depth: 0,
          overrideAccess: true,
          select: { name: true, slug: true },
        })
        .catch(() => null)
      if (!organization) return { user: null }
      return {
        user: {
          id: ORGANIZATION_PRINCIPAL_ID,
          collection: 'organizations',
          name: organization.name,
          username: organization.slug,
          roles: [],
          _strategy: 'api-key',
          apiKey,
        } as never,
      }
    }
    if (!claims.userId) return { user: null }
    const user = await payload
      .findByID({ collection: 'users', id: claims.userId, depth: 0, overrideAccess: true })
      .catch(() => null)
    if (!user) return { user: null }
    return {
      user: {
        ...user,
        roles: ['member'],
        collection: 'users',
        _strategy: 'api-key',
        apiKey,
      },
    }
  },
}

/**
 * GET /api/users/me with a personal key also says which key is calling. (An organization's key
 * gets `user: null` from Payload before any hook: it is no person.)
 */
export const describeKeyCaller: CollectionAfterMeHook = ({ req, response }) => {
  const apiKey = (req.user as KeyUser | null)?.apiKey
  if (!apiKey) return response
  return {
    ...(response as Record<string, unknown>),
    apiKey: { id: apiKey.id, scopes: apiKey.scopes, organization: apiKey.organizationId },
  } as typeof response
}
