import { NextResponse, type NextRequest } from 'next/server'

import { errorJson } from './lib/api/errors'
import { guardRequest } from './lib/api/requestGuard'
import { payloadSecret, serverUrl } from './lib/defaults'
import { clientIpOf } from './lib/net/clientAddress'
import { normalisePath } from './lib/net/paths'
import { safeNext } from './lib/redirects'
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

/** Payload's own login view: it knows nothing of a second factor. */
const ADMIN_LOGIN = '/admin/login'

/**
 * /admin logs in through the portal's login, which asks for the second factor of an account
 * that has one (Payload's login view would stop after the password): back to `redirect` after.
 * On the portal's configured URL, never the request's: its Host (or X-Forwarded-Host) is
 * whatever the client sent (Next makes the Location relative when the hosts agree).
 */
function portalLogin(request: NextRequest) {
  const target = new URL('/login', serverUrl())
  target.searchParams.set('next', safeNext(request.nextUrl.searchParams.get('redirect'), '/admin'))
  return NextResponse.redirect(target)
}

/**
 * API keys on the portal's own REST and GraphQL: `Authorization: Bearer tt_…` is verified and
 * rate-limited here, once per request, by the shared verifier. A refused key gets 401/403/429
 * with a JSON error naming the code; an accepted one passes on as signed claims that the
 * `api-key` auth strategy of users turns into the request's user (limited to the key's scopes).
 */
export async function proxy(request: NextRequest) {
  // Malformed requests stop here, whoever sends them (src/lib/api/requestGuard.ts).
  const refusal = await guardRequest(request)
  if (refusal) return refusal
  if (request.nextUrl.pathname === ADMIN_LOGIN) return portalLogin(request)
  const headers = new Headers(request.headers)
  headers.delete(KEY_AUTH_HEADER)
  const key = request.headers.get('authorization')?.match(/^Bearer\s+(tt_\S+)$/)?.[1]
  // Decided on the path as the router will see it: `/api/%70ayload-…` is `/api/payload-…`.
  const path = normalisePath(request.nextUrl.pathname)
  if (!key) return NextResponse.next({ request: { headers } })
  if (path === null) {
    return errorJson(400, 'The request path is not valid.', { code: 'INVALID_PATH' })
  }
  if (SELF_AUTHENTICATED.has(path)) return NextResponse.next({ request: { headers } })
  // Payload's own collections (preferences, locks) are for the admin panel, never for keys
  // (their access rules refuse keys too: plugins/internalCollections.ts).
  if (path.startsWith('/api/payload-')) {
    return errorJson(403, REFUSAL_MESSAGE.INSUFFICIENT_SCOPE, { code: 'INSUFFICIENT_SCOPE' })
  }

  const result = await keyService().verifier.verify({
    key,
    ip: clientIpOf(request.headers),
    endpoint: `${request.method} ${request.nextUrl.pathname}`,
  })
  const limitHeaders = rateLimitHeaders(result)
  if (!result.valid) {
    const code = result.code as keyof typeof REFUSAL_STATUS
    return errorJson(REFUSAL_STATUS[code], REFUSAL_MESSAGE[code], { code, headers: limitHeaders })
  }
  // Payload would read a Bearer value as a JWT: pass the verified identity instead.
  headers.delete('authorization')
  headers.set(
    KEY_AUTH_HEADER,
    signKeyClaims(
      {
        keyId: result.keyId as number,
        // A personal key acts as its owner; an organization's key as the organization.
        userId: result.organization ? null : (result.owner ?? null),
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

export const config = { matcher: ['/api/:path*', '/admin/login'] }
