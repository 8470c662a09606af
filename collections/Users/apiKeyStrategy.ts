import type { AuthStrategy } from 'payload'

import { payloadSecret } from '@/lib/defaults'
import { KEY_AUTH_HEADER, readKeyClaims } from '@/lib/keys/keyAuth'

/**
 * `Authorization: Bearer tt_…` on REST and GraphQL. The proxy (src/proxy.ts) has verified and
 * metered the key and passes signed claims; this turns them into the request's user. A key
 * acts as its account with member rights only (never staff or admin powers), and the
 * apiKeyScopes plugin limits it to the key's scopes.
 */
export const apiKeyStrategy: AuthStrategy = {
  name: 'api-key',
  authenticate: async ({ headers, payload }) => {
    const claims = readKeyClaims(headers.get(KEY_AUTH_HEADER), payloadSecret())
    if (!claims) return { user: null }
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
        apiKey: { id: claims.keyId, scopes: claims.scopes, organizationId: claims.organizationId },
      },
    }
  },
}
