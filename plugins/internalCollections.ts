import type { Access, Endpoint, PayloadHandler, SanitizedConfig } from 'payload'

import { errorJson } from '@/lib/api/errors'
import type { KeyUser } from '@/lib/keys/collectionScopes'

const isKeyCaller = (user: unknown) => Boolean((user as KeyUser | null | undefined)?.apiKey)

const refused: PayloadHandler = () =>
  errorJson(403, 'API keys cannot use this collection.', { code: 'INSUFFICIENT_SCOPE' })

/**
 * Payload's own collections (preferences, document locks, migrations) are for the admin panel
 * and never for API keys, whatever path reaches them. Payload adds them after plugins run, so
 * this wraps them in the sanitized config: every access function and every endpoint refuses a
 * key caller, behind the path check in src/proxy.ts.
 */
export function closeInternalCollectionsToKeys(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    if (!collection.slug.startsWith('payload-')) continue
    const access = collection.access as Record<string, Access | undefined>
    for (const [operation, rule] of Object.entries(access)) {
      if (typeof rule !== 'function') continue
      access[operation] = (args) => (isKeyCaller(args.req.user) ? false : rule(args))
    }
    if (Array.isArray(collection.endpoints)) {
      collection.endpoints = collection.endpoints.map((endpoint): Endpoint => ({
        ...endpoint,
        handler: (req) => (isKeyCaller(req.user) ? refused(req) : endpoint.handler(req)),
      }))
    }
  }
  return config
}
