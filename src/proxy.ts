import { NextResponse, type NextRequest } from 'next/server'

import { payloadSecret } from './lib/defaults'
import { clientIpOf } from './lib/keys/clientIp'
import { hashKey } from './lib/keys/format'
import {
  KEY_AUTH_HEADER,
  rateLimitHeaders,
  REFUSAL_MESSAGE,
  REFUSAL_STATUS,
  signKeyClaims,
} from './lib/keys/keyAuth'
import { keyService } from './lib/keys/service'

/** Routes that authenticate TuneTrail services themselves (and are not metered as API calls). */
const SELF_AUTHENTICATED = new Set(['/api/keys/verify', '/api/usage', '/api/events', '/api/health'])

/**
 * API keys on the portal's own REST and GraphQL: `Authorization: Bearer tt_…` is verified and
 * rate-limited here, once per request, by the shared verifier. A refused key gets 401/403/429
 * with a JSON error naming the code; an accepted one passes on as signed claims that the
 * `api-key` auth strategy of users turns into the request's user (limited to the key's scopes).
 */
export async function proxy(request: NextRequest) {
  const headers = new Headers(request.headers)
  headers.delete(KEY_AUTH_HEADER)
  const key = request.headers.get('authorization')?.match(/^Bearer\s+(tt_\S+)$/)?.[1]
  const path = request.nextUrl.pathname
  if (!key || SELF_AUTHENTICATED.has(path)) return NextResponse.next({ request: { headers } })
  // Payload's own collections (preferences, locks) are for the admin panel, never for keys.
  if (path.startsWith('/api/payload-')) {
    return NextResponse.json(
      { errors: [{ code: 'INSUFFICIENT_SCOPE', message: REFUSAL_MESSAGE.INSUFFICIENT_SCOPE }] },
      { status: 403 },
    )
  }

  const result = await keyService().verifier.verify({
    key,
    ip: clientIpOf(request.headers),
    endpoint: `${request.method} ${path}`,
  })
  const limitHeaders = rateLimitHeaders(result)
  if (!result.valid) {
    const code = result.code as keyof typeof REFUSAL_STATUS
    return NextResponse.json(
      { errors: [{ code, message: REFUSAL_MESSAGE[code] }] },
      { status: REFUSAL_STATUS[code], headers: limitHeaders },
    )
  }
  // Already in the in-process cache: the verification just read it.
  const record = await keyService().verifier.lookup(hashKey(key))
  const userId = record?.ownerId ?? record?.createdById
  if (!userId) {
    return NextResponse.json(
      { errors: [{ code: 'NOT_FOUND', message: REFUSAL_MESSAGE.NOT_FOUND }] },
      { status: 401 },
    )
  }
  // Payload would read a Bearer value as a JWT: pass the verified identity instead.
  headers.delete('authorization')
  headers.set(
    KEY_AUTH_HEADER,
    signKeyClaims(
      {
        keyId: result.keyId as number,
        userId,
        organizationId: result.organization ?? null,
        scopes: result.scopes ?? [],
        issuedAt: Date.now(),
      },
      payloadSecret(),
    ),
  )
  const response = NextResponse.next({ request: { headers } })
  for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value)
  return response
}

export const config = { matcher: ['/api/:path*'] }
