import {
  APIError,
  ValidationError,
  type CollectionBeforeOperationHook,
  type CollectionConfig,
  type Endpoint,
  type Plugin,
  type SanitizedConfig,
} from 'payload'

import { errorJson } from '@/lib/api/errors'
import { dataProblem, pathProblem, whereProblem, type Problem } from '@/lib/api/fieldTypes'

const MAX_INT = 2_147_483_647
const isId = (value: unknown) =>
  typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= MAX_INT

const refuse = (collection: string, problem: Problem) =>
  new ValidationError({
    collection,
    errors: [{ path: problem.path, message: problem.message }],
  })

const badParameter = (name: string, message: string) =>
  new APIError(`${name}: ${message}`, 400, { errors: [{ path: name, message }] }, true)

type OperationArgs = {
  collection?: { config: { slug: string; fields: CollectionConfig['fields'] } }
  data?: unknown
  where?: unknown
  sort?: unknown
  limit?: unknown
  page?: unknown
  depth?: unknown
  req?: { payloadAPI?: string }
}

const inRange = (value: unknown, min: number, max: number) =>
  value === undefined ||
  (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)

/**
 * Every operation a request asks for (REST or GraphQL; the Local API is trusted code) is checked
 * against the collection's field definitions before any hook runs: values of the right type,
 * `where` with known operators and values of the field's type, sort on real fields, limit, page
 * and depth in range. A problem is a 400 naming its field.
 */
export const guardOperation: CollectionBeforeOperationHook = ({
  args,
  operation,
  req: request,
}) => {
  const { collection, data, where, sort, limit, page, depth, req } = args as OperationArgs
  if (!collection || req?.payloadAPI === 'local') return args
  // Only what the request asked for: operations that hooks run on its behalf share its `req`
  // (and this mark), and are trusted code.
  if (request.context.isInputGuarded) return args
  request.context.isInputGuarded = true
  const { slug, fields } = collection.config
  if ((operation === 'create' || operation === 'update') && data !== undefined) {
    const problem = dataProblem(fields, data)
    if (problem) throw refuse(slug, problem)
  }
  if (where !== undefined && where !== null) {
    const problem = whereProblem(fields, where)
    if (problem) throw refuse(slug, problem)
  }
  if (typeof sort === 'string' || Array.isArray(sort)) {
    const entries = (Array.isArray(sort) ? sort : sort.split(',')).map(String)
    for (const entry of entries) {
      const problem = pathProblem(fields, entry.replace(/^-/, ''), 'sort')
      if (problem) throw refuse(slug, problem)
    }
  }
  if (!inRange(limit, 0, 1000))
    throw badParameter('limit', 'must be a whole number from 1 to 1000.')
  if (!inRange(page, 1, 1_000_000)) throw badParameter('page', 'must be a whole number from 1.')
  if (!inRange(depth, 0, 10)) throw badParameter('depth', 'must be a whole number from 0 to 10.')
  return args
}

/** Adds the operation guard to every collection (new ones included). */
export const inputGuard = (): Plugin => (config) => ({
  ...config,
  collections: config.collections?.map((collection) => ({
    ...collection,
    hooks: {
      ...collection.hooks,
      beforeOperation: [guardOperation, ...(collection.hooks?.beforeOperation ?? [])],
    },
  })),
})

const QUERY_NUMBERS: Record<string, [number, number]> = {
  limit: [1, 1000],
  page: [1, 1_000_000],
  depth: [0, 10],
}
const QUERY_FLAGS = ['draft', 'trash', 'pagination']

/** The query string a REST route takes, as Payload parsed it (`qs`), or the first problem. */
function queryProblem(
  query: Record<string, unknown>,
  fields: CollectionConfig['fields'],
  collections: Set<string>,
): Problem | null {
  for (const [name, [min, max]] of Object.entries(QUERY_NUMBERS)) {
    const value = query[name]
    if (value === undefined) continue
    const number = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN
    if (!(number >= min && number <= max)) {
      return { path: name, message: `${name} must be a whole number from ${min} to ${max}.` }
    }
  }
  for (const name of QUERY_FLAGS) {
    const value = query[name]
    if (value !== undefined && value !== 'true' && value !== 'false') {
      return { path: name, message: `${name} must be true or false.` }
    }
  }
  if (query.sort !== undefined) {
    if (typeof query.sort !== 'string')
      return { path: 'sort', message: 'sort must be a field name.' }
    for (const entry of query.sort.split(',')) {
      const problem = pathProblem(fields, entry.replace(/^-/, ''), 'sort')
      if (problem) return problem
    }
  }
  if (query.select !== undefined) {
    if (typeof query.select !== 'object' || query.select === null || Array.isArray(query.select)) {
      return { path: 'select', message: 'select must be select[field]=true.' }
    }
    for (const key of Object.keys(query.select)) {
      const problem = pathProblem(fields, key, 'select')
      if (problem) return problem
    }
  }
  if (query.populate !== undefined) {
    if (typeof query.populate !== 'object' || query.populate === null) {
      return { path: 'populate', message: 'populate must be populate[collection][field]=true.' }
    }
    const unknown = Object.keys(query.populate).find((slug) => !collections.has(slug))
    if (unknown)
      return {
        path: 'populate',
        message: `populate: there is no collection "${unknown.slice(0, 60)}".`,
      }
  }
  if (query.where !== undefined) return whereProblem(fields, query.where)
  return null
}

const answer = (status: number, problem: Problem, headers?: Record<string, string>) =>
  errorJson(status, problem.message, { field: problem.path, headers })

/**
 * A collection that exists only in some editions (`custom.isAvailable`, read per request so the
 * edition's switch needs no new config): without it, none of its routes answer.
 */
export const isAvailable = (collection: { custom?: Record<string, unknown> }) =>
  typeof collection.custom?.isAvailable !== 'function' ||
  Boolean((collection.custom.isAvailable as () => boolean)())

/**
 * Wraps every REST route of every collection (after Payload added its own) with the checks that
 * need the route: an `:id` that can be an id (or a 405 when the path is another method's route,
 * like GET /api/users/forgot-password), version routes only where versions are kept, files only
 * that exist, and the query string. Runs before Payload parses the body.
 */
export function guardRoutes(config: SanitizedConfig): SanitizedConfig {
  const collections = new Set(config.collections.map((collection) => collection.slug))
  for (const collection of config.collections) {
    if (!Array.isArray(collection.endpoints)) continue
    const endpoints = collection.endpoints as Endpoint[]
    const hasVersions = Boolean(collection.versions)
    collection.endpoints = endpoints.map((endpoint): Endpoint => ({
      ...endpoint,
      handler: async (req) => {
        if (!isAvailable(collection)) {
          return answer(404, { path: 'collection', message: `No route /${collection.slug}.` })
        }
        if (endpoint.path.startsWith('/versions') && !hasVersions) {
          return answer(404, { path: 'versions', message: `${collection.slug} keeps no versions.` })
        }
        const id = req.routeParams?.id
        if (id !== undefined && endpoint.path !== '/verify/:id' && !isId(String(id))) {
          const literal = `/${String(id)}`
          // Once each: a route may be defined twice (ours replacing Payload's /login).
          const methods = [
            ...new Set(
              endpoints
                .filter((other) => other.path === literal)
                .map((other) => other.method.toUpperCase()),
            ),
          ]
          if (methods.length > 0) {
            return answer(
              405,
              { path: 'method', message: `${literal} takes ${methods.join(', ')}.` },
              { Allow: methods.join(', ') },
            )
          }
          return answer(404, {
            path: 'id',
            message: `No ${collection.slug} has the id "${String(id).slice(0, 60)}".`,
          })
        }
        if (endpoint.path === '/file/:filename') {
          // The original or one of the sizes Payload made of it (`name-768x432.png`).
          const filename = String(req.routeParams?.filename ?? '')
          const sizes = collection.upload ? (collection.upload.imageSizes ?? []) : []
          const { totalDocs } = await req.payload.count({
            collection: collection.slug,
            where: {
              or: [
                { filename: { equals: filename } },
                ...sizes.map(({ name }) => ({ [`sizes.${name}.filename`]: { equals: filename } })),
              ],
            },
            overrideAccess: true,
          })
          if (totalDocs === 0) return answer(404, { path: 'filename', message: 'No such file.' })
        }
        const problem = queryProblem(
          (req.query ?? {}) as Record<string, unknown>,
          collection.fields,
          collections,
        )
        if (problem) return answer(400, problem)
        return endpoint.handler(req)
      },
    }))
  }
  return config
}
