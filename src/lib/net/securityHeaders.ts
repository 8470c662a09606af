/**
 * The response headers every answer of the portal carries — pages, /admin, REST, GraphQL and
 * static files — set once by the portal's server (src/runtime/server.ts).
 *
 * The Content-Security-Policy allows scripts only with this response's nonce (Next puts it on
 * its own scripts when it finds it in the request's policy) and what they load ('strict-dynamic');
 * styles may be inline (Payload's admin and Radix set style attributes). Nothing may frame the
 * portal, post forms elsewhere, load plugins or change the base URL.
 */
export function contentSecurityPolicy(nonce: string, { isDev = false, isHttps = false } = {}) {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${isDev ? ' ws: wss:' : ''}`,
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    ...(isHttps ? ['upgrade-insecure-requests'] : []),
  ]
  return directives.join('; ')
}

export function securityHeaders(
  nonce: string,
  options: { isDev?: boolean; isHttps?: boolean } = {},
): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(nonce, options),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(options.isHttps
      ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' }
      : {}),
  }
}
