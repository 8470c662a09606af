import type http from 'node:http'

/**
 * A small in-memory cache of whole responses for the static docs pages, in front of Next's
 * router: Next serves a cached page at a few hundred requests a second on this kind of machine,
 * a bare Node server at thousands (bench/docs.ts measures both). Only what Next itself served
 * from its cache (`x-nextjs-cache: HIT`) is kept, for plain document requests (no query, no RSC
 * or router headers, no draft-mode cookie), so nothing personal or half-rendered can be stored.
 *
 * A publish clears it in this process (`clearPageCache`, called by the docs' revalidate hook
 * through globalThis: the hook runs in Next's bundle, this in the server's); other replicas'
 * entries expire after `ttlMs`, within Next's own backstop.
 */
export type CachedPage = {
  status: number
  headers: [string, string | string[]][]
  body: Buffer
  storedAt: number
}

export type PageCache = {
  lookup: (request: http.IncomingMessage) => { key: string; hit?: CachedPage } | null
  /** Wraps `response` so that what Next writes for `key` is stored when it is cacheable. */
  capture: (key: string, request: http.IncomingMessage, response: http.ServerResponse) => void
  serve: (hit: CachedPage, request: http.IncomingMessage, response: http.ServerResponse) => void
  clear: () => void
  size: () => number
}

const ROUTER_HEADERS = [
  'rsc',
  'next-router-prefetch',
  'next-router-state-tree',
  'next-router-segment-prefetch',
  'next-url',
  'next-action',
  'authorization',
]
/** Per-response or per-connection headers the cache never replays. */
const NOT_REPLAYED = new Set([
  'x-request-id',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'set-cookie',
])

const KEY = Symbol.for('tunetrail.pageCache')
type Global = { [KEY]?: PageCache }

export function createPageCache({
  ttlMs = 30_000,
  maxEntries = 500,
  maxBodyBytes = 2 * 1024 * 1024,
  now = Date.now,
}: { ttlMs?: number; maxEntries?: number; maxBodyBytes?: number; now?: () => number } = {}) {
  const entries = new Map<string, CachedPage>()
  // A render that started before a clear() must not be stored after it.
  let generation = 0

  function lookup(request: http.IncomingMessage) {
    const url = request.url ?? '/'
    if (request.method !== 'GET' && request.method !== 'HEAD') return null
    if (url.includes('?')) return null
    if (ROUTER_HEADERS.some((name) => request.headers[name] !== undefined)) return null
    if (/(?:^|;\s*)__prerender_bypass=/.test(request.headers.cookie ?? '')) return null
    const key = `${preferredEncoding(request.headers['accept-encoding'])} ${url}`
    const hit = entries.get(key)
    if (hit && now() - hit.storedAt > ttlMs) {
      entries.delete(key)
      return { key }
    }
    return { key, hit }
  }

  function capture(key: string, request: http.IncomingMessage, response: http.ServerResponse) {
    // A HEAD's answer has no body: only a GET's is ever kept.
    if (request.method !== 'GET') return
    const startedIn = generation
    const chunks: Buffer[] = []
    let size = 0
    let isTooBig = false
    const write = response.write.bind(response) as (...args: unknown[]) => boolean
    const end = response.end.bind(response) as (...args: unknown[]) => http.ServerResponse
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function' || isTooBig) return
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === 'string'
          ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
          : Buffer.from(chunk as Uint8Array)
      size += buffer.length
      if (size > maxBodyBytes) isTooBig = true
      else chunks.push(buffer)
    }
    response.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0])
      return write(chunk, ...rest)
    }) as typeof response.write
    response.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0])
      const result = end(chunk, ...rest)
      const headers = response.getHeaders()
      const body = Buffer.concat(chunks)
      const length = headers['content-length']
      const isCacheable =
        !isTooBig &&
        // What Next encoded is what this key's requests accept (gzip, or nothing).
        `${headers['content-encoding'] ?? 'identity'} ` === key.slice(0, key.indexOf(' ') + 1) &&
        (length === undefined || Number(length) === body.length) &&
        startedIn === generation &&
        response.statusCode === 200 &&
        headers['x-nextjs-cache'] === 'HIT' &&
        headers['set-cookie'] === undefined
      if (isCacheable) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string)
        entries.set(key, {
          status: 200,
          headers: Object.entries(headers)
            .filter(([name]) => !NOT_REPLAYED.has(name))
            .map(([name, value]) => [name, Array.isArray(value) ? value : String(value)]),
          body,
          storedAt: now(),
        })
      }
      return result
    }) as typeof response.end
  }

  function serve(hit: CachedPage, request: http.IncomingMessage, response: http.ServerResponse) {
    for (const [name, value] of hit.headers) {
      // The server's own headers of this response (security policy …) win.
      if (!response.hasHeader(name)) response.setHeader(name, value)
    }
    response.setHeader('x-portal-cache', 'HIT')
    const etag = response.getHeader('etag')
    if (etag && request.headers['if-none-match'] === etag) {
      response.statusCode = 304
      response.end()
      return
    }
    response.statusCode = hit.status
    response.setHeader('content-length', hit.body.length)
    response.end(request.method === 'HEAD' ? undefined : hit.body)
  }

  const cache: PageCache = {
    lookup,
    capture,
    serve,
    clear: () => {
      generation++
      entries.clear()
    },
    size: () => entries.size,
  }
  ;(globalThis as Global)[KEY] = cache
  return cache
}

/**
 * The encoding a cached answer for this request is kept in: gzip when the request accepts it
 * (q above 0), otherwise none. Whatever else Next negotiates (deflate, `*`) is not kept.
 */
export function preferredEncoding(acceptEncoding: string | string[] | undefined): string {
  for (const part of String(acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (name.trim() !== 'gzip') continue
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='))
    return q && !(Number(q.slice(2)) > 0) ? 'identity' : 'gzip'
  }
  return 'identity'
}

/** Empties the process's page cache, if this process has one (a docs publish calls it). */
export function clearPageCache() {
  ;(globalThis as Global)[KEY]?.clear()
}
