import config from '@payload-config'
import { getPayload } from 'payload'

import { errorJson } from '@/lib/api/errors'
import { route } from '@/lib/api/route'
import { analyticsResponse } from '@/lib/analytics/http'
import type { KeyUser } from '@/lib/keys/collectionScopes'
import { hitLimit } from '@/lib/rateLimit'

export const dynamic = 'force-dynamic'

/** Analytics answers a person or a key may ask for a minute (the page counts its views too). */
const ANALYTICS_REQUESTS_PER_MINUTE = 120

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
  // Each answer is a handful of queries on a shared pool: one caller cannot take it over.
  const limited = await hitLimit(
    caller.kind === 'key' ? `analytics:key:${caller.keyId}` : `analytics:user:${caller.userId}`,
    ANALYTICS_REQUESTS_PER_MINUTE,
    60_000,
  )
  if (!limited.isAllowed) {
    const retryAfter = Math.max(1, Math.ceil(limited.resetMs / 1000))
    return errorJson(429, `Too many analytics requests: try again in ${retryAfter} seconds.`, {
      headers: { 'Retry-After': String(retryAfter) },
    })
  }
  return analyticsResponse(new URL(request.url), caller)
})
