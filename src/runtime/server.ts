/**
 * The portal's HTTP server, in development (`npm run dev`, run with tsx) and in production
 * (bundled into .next/standalone/portal-server.mjs by scripts/postbuild.mjs and run by
 * `npm start` and the Docker web image). It is Next's own request handler behind one step Next
 * cannot do itself: resolving the client address from the socket and TRUSTED_PROXIES, and
 * dropping forwarding headers the client wrote, before any code of the app reads them; and the
 * security headers of every response, with a nonce-based Content-Security-Policy.
 */
// First of all: a bad environment stops here with its message (the Docker web image starts here).
import './preflight'

import { randomBytes, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import next from 'next'

import { parseTrustedProxies, trustForwarded } from '../lib/net/clientAddress'
import { isStaticPagePath, securityHeaders } from '../lib/net/securityHeaders'
import { createPageCache } from './pageCache'

const isDev = process.env.NODE_ENV !== 'production'
const port = Number(process.env.PORT || 3000)
const hostname = process.env.HOSTNAME || (isDev ? 'localhost' : '0.0.0.0')

// In production this file sits in .next/standalone next to Next's own server.js, and like it
// runs from there with the configuration the build recorded.
const dir = isDev ? process.cwd() : path.dirname(fileURLToPath(import.meta.url))
if (!isDev) {
  process.chdir(dir)
  const files = path.join(dir, '.next', 'required-server-files.json')
  const { config } = JSON.parse(fs.readFileSync(files, 'utf8')) as { config: unknown }
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config)
}
process.env.__NEXT_PRIVATE_ORIGIN = `http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`

const app = next({ dev: isDev, dir, hostname, port, ...(isDev ? { turbopack: true } : {}) })
await app.prepare()
const handle = app.getRequestHandler()
// Read after prepare(): Next has loaded .env files by then.
const trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES)
const isHttps = (process.env.SERVER_URL ?? '').startsWith('https://')
// Static docs pages from memory, ahead of Next's router (src/runtime/pageCache.ts). Development
// renders every request afresh.
const pageCache = isDev ? null : createPageCache()

/** True when the path's percent-encoding decodes (`/u/%E0` does not). */
function isDecodable(path: string): boolean {
  try {
    decodeURIComponent(path)
    return true
  } catch {
    return false
  }
}

const server = http.createServer((request, response) => {
  // Next means to answer a path it cannot decode with 400, but rendering that error page fails
  // in an app without pages/_error and the visitor got a 500: answered here instead.
  const url = request.url ?? '/'
  if (!isDecodable(url.split('?')[0])) {
    response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
    response.end('Bad request: the path’s percent-encoding is broken.')
    return
  }
  // No page has a NUL byte in its address, and Postgres refuses one in any text it is given
  // (a search, a slug): refused here for pages; the API's guard answers its own in JSON.
  if (/%00/i.test(url) && !url.startsWith('/api/')) {
    response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' })
    response.end('Bad request: the address holds a NUL byte.')
    return
  }
  trustForwarded(request, trusted)
  // An id per request: error answers and logs name it, so a user's report finds its log line.
  const requestId = randomUUID()
  request.headers['x-request-id'] = requestId
  response.setHeader('X-Request-Id', requestId)
  // A nonce per response: Next reads it from the request's policy and puts it on its scripts.
  // Static pages (the docs) are served from cache and cannot carry one: they get the static
  // policy, and Next is not handed a nonce (src/lib/net/securityHeaders.ts says why).
  const nonce = randomBytes(16).toString('base64')
  const isStaticPage = isStaticPagePath((request.url ?? '/').split('?')[0])
  const headers = securityHeaders(nonce, { isDev, isHttps, isStaticPage })
  if (isStaticPage) {
    // A client's own policy or nonce header must not reach the render others get from cache.
    delete request.headers['content-security-policy']
    delete request.headers['x-nonce']
  } else {
    request.headers['content-security-policy'] = headers['Content-Security-Policy']
    request.headers['x-nonce'] = nonce
  }
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value)
  const cached = isStaticPage && pageCache ? pageCache.lookup(request) : null
  if (cached?.hit) {
    pageCache?.serve(cached.hit, request, response)
    return
  }
  if (cached) pageCache?.capture(cached.key, request, response)
  handle(request, response).catch((err: unknown) => {
    console.error('request failed', request.url, err)
    if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' })
    response.end('Internal Server Error')
  })
})
// Next attaches its own upgrade handler (development's hot reload) to this server.
// Longer than the idle timeout of common load balancers (60 s), so they close first.
server.keepAliveTimeout = Number(process.env.KEEP_ALIVE_TIMEOUT || 65_000)

server.listen(port, hostname, () => {
  console.log(
    `▲ TuneTrail portal on http://${hostname}:${port} (${isDev ? 'development' : 'production'})`,
  )
})

// The app's own handlers (src/instrumentation-node.ts) stop the worker and write buffered usage;
// this server first stops taking new requests.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close()
    server.closeIdleConnections()
  })
}
