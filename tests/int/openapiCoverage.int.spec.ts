import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

import config from '@payload-config'
import type { Endpoint } from 'payload'
import { describe, expect, it } from 'vitest'

import { openApiDocument } from '@/lib/api/openapi'
import { INTERNAL_ROUTES, internalCollectionRoute } from '@/lib/api/openapi/internal'
import { templatePath } from '@/lib/api/openapi/shared'

const APP = join(process.cwd(), 'src/app')
/** OPTIONS answers CORS preflights only; Payload's catch-all serves the config's routes below. */
const METHODS = /export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD)\b/g
const CATCH_ALL = '[...slug]'

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? routeFiles(join(dir, entry.name))
      : entry.name === 'route.ts'
        ? [join(dir, entry.name)]
        : [],
  )
}

/**
 * `src/app/(payload)/api/graphql/route.ts` → `/api/graphql` (route groups are not in URLs), and
 * a dynamic segment `[series]` → `{series}` as OpenAPI writes it.
 */
const urlOf = (file: string) =>
  `/${relative(APP, file)}`
    .replace(/\/\([^)]+\)/g, '')
    .replace(/\/route\.ts$/, '')
    .replace(/\[([A-Za-z_]+)\]/g, '{$1}')

/** Every route handler under an /api URL, as `method /api/path`, with its exported methods. */
function appRoutes(): string[] {
  return routeFiles(APP)
    .filter((file) => urlOf(file).startsWith('/api/') && !file.includes(CATCH_ALL))
    .flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(METHODS)].map(
        ([, method]) => `${method.toLowerCase()} ${urlOf(file)}`,
      ),
    )
}

/** Every REST route Payload serves from the config: collections' operations and endpoints. */
async function payloadRoutes(): Promise<{ route: string; internal?: string }[]> {
  const sanitized = await config
  const collections = sanitized.collections.flatMap((collection) =>
    ((collection.endpoints || []) as Endpoint[]).map((endpoint) => {
      const path = templatePath(endpoint.path === '/' ? '' : endpoint.path) || '/'
      return {
        route: `${endpoint.method} /api/${collection.slug}${path === '/' ? '' : path}`,
        internal: internalCollectionRoute(collection, `${endpoint.method} ${path}`),
      }
    }),
  )
  const root = ((sanitized.endpoints || []) as Endpoint[]).map((endpoint) => {
    const route = `${endpoint.method} /api${templatePath(endpoint.path)}`
    return { route, internal: INTERNAL_ROUTES[route] }
  })
  return [...collections, ...root]
}

async function documented(): Promise<Set<string>> {
  const doc = openApiDocument(await config, 'http://localhost:3000') as {
    paths: Record<string, Record<string, unknown>>
  }
  return new Set(
    Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    ),
  )
}

describe('the OpenAPI document covers every route', () => {
  it('finds the route handlers and Payload routes it checks', async () => {
    const routes = appRoutes()
    expect(routes).toEqual(
      expect.arrayContaining(['post /api/keys/verify', 'get /api/health', 'post /api/graphql']),
    )
    const payload = (await payloadRoutes()).map(({ route }) => route)
    expect(payload).toEqual(
      expect.arrayContaining(['get /api/users/me', 'post /api/api-keys/{id}/revoke']),
    )
  })

  it('documents every route handler under src/app that is not internal', async () => {
    const paths = await documented()
    const missing = appRoutes().filter((route) => !paths.has(route) && !INTERNAL_ROUTES[route])
    expect(missing).toEqual([])
  })

  it('documents every Payload REST route of the config that is not internal', async () => {
    const paths = await documented()
    const missing = (await payloadRoutes())
      .filter(({ route, internal }) => !internal && !paths.has(route))
      .map(({ route }) => route)
    expect(missing).toEqual([])
  })

  it('leaves internal routes out, each with its reason', async () => {
    const paths = await documented()
    const internal = (await payloadRoutes()).filter(({ internal }) => internal)
    expect(internal.length).toBeGreaterThan(0)
    for (const { route, internal: reason } of internal) {
      expect(paths.has(route), route).toBe(false)
      expect(reason).toMatch(/\w{3,}/)
    }
    for (const route of Object.keys(INTERNAL_ROUTES)) expect(paths.has(route), route).toBe(false)
  })
})
