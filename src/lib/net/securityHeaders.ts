import { VIDEO_FRAME_HOSTS } from '../showcase/constants'

/**
 * The response headers every answer of the portal carries — pages, /admin, REST, GraphQL and
 * static files — set once by the portal's server (src/runtime/server.ts).
 *
 * The Content-Security-Policy allows scripts only with this response's nonce (Next puts it on
 * its own scripts when it finds it in the request's policy) and what they load ('strict-dynamic');
 * styles may be inline (Payload's admin and Radix set style attributes). Nothing may frame the
 * portal, post forms elsewhere, load plugins or change the base URL.
 *
 * Static pages (the docs, `isStaticPage`) are the exception for scripts. Their HTML is rendered
 * once and served to everyone from Next's cache, so it cannot carry a per-response nonce, and
 * Next's inline scripts (the page's RSC payload) differ per page and per publish, so no fixed
 * list of hashes fits them. They get `script-src 'self' 'unsafe-inline'`: scripts from this
 * origin and inline ones. That is sound only because such a page holds nothing from the request
 * or from members: no query string, cookie or user content is rendered into it (staff-written
 * docs, escaped by React). Every other policy stays: no other origin's scripts, connect-src
 * 'self', no plugins, no base change. They may be framed by the portal itself (`'self'`): the
 * admin's live preview shows a docs page in an iframe.
 */
type PolicyOptions = { isDev?: boolean; isHttps?: boolean; isStaticPage?: boolean }

/**
 * Paths of the static pages above, as sent (no encoding): /docs, /docs/<section>/<slug>,
 * /docs/assistant, and the API reference and playground (their per-reader parts, keys
 * included, load in the browser); the status page, its history, incidents, JSON API and feeds
 * (the follow button and subscribe form talk to the API from the browser).
 */
const STATIC_PAGE_PATH =
  /^\/docs(?:\/[a-z-]+\/[a-z0-9-]+|\/assistant|\/api-reference|\/playground)?\/?$/
const STATUS_PAGE_PATH =
  /^\/status(?:\/history(?:\/\d{4}-\d{2})?|\/incidents\/\d{1,10}|\/api\/v2\/[a-z-]+(?:\/[a-z-]+)?\.json|\/feed\.(?:rss|atom))?\/?$/

export const isStaticPagePath = (rawPath: string) =>
  (STATIC_PAGE_PATH.test(rawPath) && rawPath !== '/docs/preview') || STATUS_PAGE_PATH.test(rawPath)

export function contentSecurityPolicy(
  nonce: string,
  { isDev = false, isHttps = false, isStaticPage = false }: PolicyOptions = {},
) {
  const scripts = isStaticPage
    ? "'self' 'unsafe-inline'"
    : `'self' 'nonce-${nonce}' 'strict-dynamic'`
  const directives = [
    "default-src 'self'",
    `script-src ${scripts}${isDev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Demo videos of showcase projects (privacy-enhanced players only); the admin's preview.
    `frame-src 'self' ${VIDEO_FRAME_HOSTS.join(' ')}`,
    `connect-src 'self'${isDev ? ' ws: wss:' : ''}`,
    "worker-src 'self' blob:",
    `frame-ancestors ${isStaticPage ? "'self'" : "'none'"}`,
    "form-action 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    ...(isHttps ? ['upgrade-insecure-requests'] : []),
  ]
  return directives.join('; ')
}

export function securityHeaders(
  nonce: string,
  options: PolicyOptions = {},
): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(nonce, options),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': options.isStaticPage ? 'SAMEORIGIN' : 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(options.isHttps
      ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' }
      : {}),
  }
}
