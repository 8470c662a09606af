import config from '@payload-config'
import { getPayload } from 'payload'

import { errorJson } from '@/lib/api/errors'
import { route } from '@/lib/api/route'
import { analyticsResponse } from '@/lib/analytics/http'
import type { KeyUser } from '@/lib/keys/collectionScopes'

export const dynamic = 'force-dynamic'

/**
 * GET /api/analytics/<series> — the analytics of an account (src/lib/analytics/registry.ts
 * lists the series) as JSON or CSV: for a signed-in person (their own account or an
 * organization they manage) or an API key holding usage:read (its own account only).
 */
export const GET = route(async (request) => {
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers: request.headers })
  const apiKey = (user as KeyUser | null)?.apiKey
  const caller = apiKey
    ? ({ kind: 'key', keyId: apiKey.id, scopes: apiKey.scopes } as const)
    : user && user.collection === 'users'
      ? ({ kind: 'person', userId: Number(user.id) } as const)
      : null
  if (!caller) {
    return errorJson(
      401,
      'Sign in, or send an API key with the usage:read scope, to read analytics.',
    )
  }
  return analyticsResponse(new URL(request.url), caller)
})
