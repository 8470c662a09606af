import { configToJSONSchema, type Endpoint, type SanitizedConfig } from 'payload'
import { z } from 'zod'

import { ERROR_CODES } from './errors'

/**
 * OpenAPI 3.1 of every public endpoint, derived from the Payload config (each collection's
 * endpoints as Payload routes them, with its document schema) and from the portal's own route
 * handlers below. Served at GET /api/openapi.json; the fuzz test and the API reference read it,
 * so a new collection or endpoint appears in both without a hand-kept list.
 *
 * A custom endpoint describes itself with `custom.openapi` (see EndpointDoc).
 */
export type EndpointDoc = {
  summary: string
  description?: string
  /** The JSON body it takes. */
  body?: z.ZodType
  /** Who may call it: a signed-in user (or their key), anyone, or a service key with a scope. */
  auth?: 'user' | 'none' | `scope:${string}`
}

type Json = Record<string, unknown>
type Operation = Json & { summary: string }

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })

/** `/:id/api-key/reveal` → `/{id}/api-key/reveal`; optional params (`:id?`) become required. */
const templatePath = (path: string) => path.replace(/:([A-Za-z_]+)\??/g, '{$1}')

const pathParameters = (path: string) =>
  [...path.matchAll(/\{([A-Za-z_]+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: name === 'id' ? { type: 'integer', minimum: 1 } : { type: 'string' },
  }))

const QUERY = {
  where: {
    name: 'where',
    in: 'query',
    style: 'deepObject',
    explode: true,
    description:
      'Filter: `where[field][operator]=value` (equals, not_equals, in, not_in, like, contains, exists, greater_than, less_than …), nested with `where[or][0]…` and `where[and][0]…`.',
    schema: { type: 'object' },
  },
  limit: {
    name: 'limit',
    in: 'query',
    schema: { type: 'integer', minimum: 1, maximum: 1000, default: 10 },
  },
  page: { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
  sort: {
    name: 'sort',
    in: 'query',
    description: 'A field name; `-field` sorts descending.',
    schema: { type: 'string' },
  },
  depth: {
    name: 'depth',
    in: 'query',
    description: 'How many levels of relationships to populate.',
    schema: { type: 'integer', minimum: 0, maximum: 10 },
  },
  select: {
    name: 'select',
    in: 'query',
    style: 'deepObject',
    explode: true,
    description: 'Only these fields: `select[field]=true`.',
    schema: { type: 'object' },
  },
}

const jsonBody = (schema: Json) => ({
  required: true,
  content: { 'application/json': { schema } },
})

const errorResponses = (statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: ERROR_CODES[status] ?? 'Error',
        content: { 'application/json': { schema: ref('Error') } },
      },
    ]),
  )

const ok = (description: string, schema?: Json) => ({
  description,
  ...(schema ? { content: { 'application/json': { schema } } } : {}),
})

const credentials = z.object({ email: z.email(), password: z.string().min(1) })

/** What Payload's built-in endpoints do, keyed by `method path`. */
function builtIn(slug: string, label: string, isAuth: boolean): Record<string, Operation> {
  const doc = ref(slug)
  const input = ref(`${slug}:input`)
  const list = {
    type: 'object',
    properties: {
      docs: { type: 'array', items: doc },
      totalDocs: { type: 'integer' },
      page: { type: 'integer' },
      totalPages: { type: 'integer' },
      hasNextPage: { type: 'boolean' },
    },
  }
  const operations: Record<string, Operation> = {
    'get /': {
      summary: `List ${label}`,
      parameters: [QUERY.where, QUERY.limit, QUERY.page, QUERY.sort, QUERY.depth, QUERY.select],
      responses: { 200: ok('A page of documents', list), ...errorResponses([400, 403]) },
    },
    'post /': {
      summary: `Create a document in ${label}`,
      requestBody: jsonBody(input),
      responses: {
        201: ok('Created', { type: 'object', properties: { doc } }),
        ...errorResponses([400, 401, 403, 413, 415, 429]),
      },
    },
    'get /count': {
      summary: `Count ${label}`,
      parameters: [QUERY.where],
      responses: {
        200: ok('The count', { type: 'object', properties: { totalDocs: { type: 'integer' } } }),
      },
    },
    'patch /': {
      summary: `Update every document of ${label} matching \`where\``,
      parameters: [QUERY.where],
      requestBody: jsonBody(input),
      responses: { 200: ok('Updated'), ...errorResponses([400, 403]) },
    },
    'delete /': {
      summary: `Delete every document of ${label} matching \`where\``,
      parameters: [QUERY.where],
      responses: { 200: ok('Deleted'), ...errorResponses([400, 403]) },
    },
    'get /{id}': {
      summary: `Read one document of ${label}`,
      parameters: [QUERY.depth, QUERY.select],
      responses: { 200: ok('The document', doc), ...errorResponses([403, 404]) },
    },
    'patch /{id}': {
      summary: `Update one document of ${label}`,
      requestBody: jsonBody(input),
      responses: {
        200: ok('Updated', { type: 'object', properties: { doc } }),
        ...errorResponses([400, 403, 404]),
      },
    },
    'delete /{id}': {
      summary: `Delete one document of ${label}`,
      responses: { 200: ok('Deleted'), ...errorResponses([403, 404, 409]) },
    },
    'post /{id}/duplicate': {
      summary: `Duplicate one document of ${label}`,
      responses: { 201: ok('The copy'), ...errorResponses([403, 404]) },
    },
  }
  if (!isAuth) return operations
  return {
    ...operations,
    'post /login': {
      summary: 'Log in: a session token (also set as a cookie)',
      requestBody: jsonBody(z.toJSONSchema(credentials) as Json),
      responses: { 200: ok('Logged in'), ...errorResponses([400, 401, 423, 429]) },
    },
    'post /logout': {
      summary: 'End this session (`?allSessions=true`: every session)',
      responses: { 200: ok('Logged out'), ...errorResponses([400, 403]) },
    },
    'get /me': { summary: 'The signed-in user', responses: { 200: ok('The user or null') } },
    'post /refresh-token': {
      summary: 'Extend this session',
      responses: { 200: ok('A new token'), ...errorResponses([401, 403]) },
    },
    'post /forgot-password': {
      summary: 'Mail a password-reset link',
      requestBody: jsonBody(z.toJSONSchema(z.object({ email: z.email() })) as Json),
      responses: { 200: ok('Mailed if the account exists'), ...errorResponses([400, 429]) },
    },
    'post /reset-password': {
      summary: 'Choose a new password with the mailed token',
      requestBody: jsonBody(
        z.toJSONSchema(z.object({ token: z.string(), password: z.string() })) as Json,
      ),
      responses: { 200: ok('Password changed'), ...errorResponses([400, 403]) },
    },
    'post /verify/{token}': {
      summary: 'Confirm the email of a new account',
      responses: { 200: ok('Confirmed'), ...errorResponses([400, 403]) },
    },
    'post /unlock': {
      summary: 'Unlock an account after failed logins (staff)',
      requestBody: jsonBody(z.toJSONSchema(z.object({ email: z.email() })) as Json),
      responses: { 200: ok('Unlocked'), ...errorResponses([400, 403]) },
    },
  }
}

/** The portal's own route handlers (src/app/api): not Payload routes, described here. */
function ownRoutes(): Record<string, Record<string, Operation>> {
  const serviceKey = [{ ApiKey: [] }]
  return {
    '/api/keys/verify': {
      post: {
        summary: 'Verify an API key (TuneTrail services; scope keys:verify)',
        security: serviceKey,
        requestBody: jsonBody({ type: 'object' }),
        responses: {
          200: ok('The verdict, always 200 once the caller is allowed'),
          ...errorResponses([400, 401, 403]),
        },
      },
    },
    '/api/usage': {
      post: {
        summary: 'Report gateway request outcomes (TuneTrail services; scope usage:report)',
        security: serviceKey,
        requestBody: jsonBody({ type: 'array', items: { type: 'object' } }),
        responses: { 202: ok('Accepted'), ...errorResponses([400, 401, 403, 422]) },
      },
    },
    '/api/events': {
      post: {
        summary: 'Publish a webhook event (TuneTrail services; scope events:publish)',
        security: serviceKey,
        requestBody: jsonBody({ type: 'object' }),
        responses: {
          202: ok('Published'),
          200: ok('A duplicate of an earlier event'),
          ...errorResponses([400, 401, 403, 422]),
        },
      },
    },
    '/api/health': {
      get: {
        summary: 'Service health: the verdict and failing parts',
        security: [],
        responses: { 200: ok('Healthy'), 503: ok('Some part fails') },
      },
    },
    '/api/openapi.json': {
      get: { summary: 'This document', security: [], responses: { 200: ok('OpenAPI 3.1') } },
    },
    '/api/graphql': {
      post: {
        summary: 'GraphQL: the same collections and access rules as REST',
        requestBody: jsonBody({
          type: 'object',
          properties: { query: { type: 'string' }, variables: { type: 'object' } },
        }),
        responses: { 200: ok('A GraphQL result') },
      },
    },
  }
}

/** A document's schema as a create/update body: what the system writes is left out. */
function inputSchema(schema: Json): Json {
  const properties = { ...((schema.properties as Json | undefined) ?? {}) }
  for (const name of ['id', 'createdAt', 'updatedAt']) delete properties[name]
  return { ...schema, properties, required: [] }
}

export function openApiDocument(config: SanitizedConfig, serverUrl: string): Json {
  const jsonSchema = configToJSONSchema(config, 'number') as { definitions: Record<string, Json> }
  // Refs between definitions become refs between components.
  const definitions = JSON.parse(
    JSON.stringify(jsonSchema.definitions).replaceAll('#/definitions/', '#/components/schemas/'),
  ) as Record<string, Json>
  const schemas: Record<string, Json> = {
    Error: {
      type: 'object',
      required: ['errors'],
      properties: {
        errors: {
          type: 'array',
          items: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: {
                type: 'string',
                enum: [...new Set(Object.values(ERROR_CODES)), 'VALIDATION_ERROR'],
              },
              message: { type: 'string' },
              field: { type: 'string', description: 'The field or parameter at fault.' },
            },
          },
        },
        requestId: { type: 'string', description: 'Quote it when reporting an internal error.' },
      },
    },
  }
  const paths: Record<string, Record<string, Json>> = {}
  for (const collection of config.collections) {
    const { slug } = collection
    // Payload's own collections are for the admin panel.
    if (slug.startsWith('payload-')) continue
    if (definitions[slug]) {
      schemas[slug] = definitions[slug]
      schemas[`${slug}:input`] = inputSchema(definitions[slug])
    }
    const label = typeof collection.labels?.plural === 'string' ? collection.labels.plural : slug
    const known = builtIn(slug, label, Boolean(collection.auth))
    for (const endpoint of (collection.endpoints || []) as Endpoint[]) {
      const path = templatePath(endpoint.path === '/' ? '' : endpoint.path)
      const key = `${endpoint.method} ${path || '/'}`
      const doc = (endpoint.custom as { openapi?: EndpointDoc } | undefined)?.openapi
      const operation: Operation = known[key] ?? {
        summary: doc?.summary ?? `${endpoint.method.toUpperCase()} ${path}`,
        ...(doc?.description ? { description: doc.description } : {}),
        ...(doc?.body ? { requestBody: jsonBody(z.toJSONSchema(doc.body) as Json) } : {}),
        responses: { 200: ok('Done'), ...errorResponses([400, 401, 403, 404]) },
      }
      const route = `/api/${slug}${path}`
      const parameters = [...pathParameters(route), ...((operation.parameters as Json[]) ?? [])]
      paths[route] ??= {}
      paths[route][endpoint.method] = {
        tags: [label],
        operationId: `${endpoint.method}:${route}`,
        ...operation,
        ...(parameters.length ? { parameters } : {}),
      }
    }
  }
  for (const [route, operations] of Object.entries(ownRoutes())) {
    for (const [method, operation] of Object.entries(operations)) {
      paths[route] ??= {}
      paths[route][method] = {
        tags: ['TuneTrail'],
        operationId: `${method}:${route}`,
        ...operation,
      }
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'TuneTrail Community Portal API',
      version: '1',
      description:
        'REST over every collection of the portal, and the verification and event APIs of TuneTrail services. Errors answer `{ errors: [{ code, message, field? }] }`.',
    },
    servers: [{ url: serverUrl }],
    security: [{ ApiKey: [] }, { Session: [] }],
    components: {
      securitySchemes: {
        ApiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key: `Authorization: Bearer tt_live_…` or `tt_test_…`.',
        },
        Session: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: 'A session token from POST /api/users/login: `Authorization: JWT <token>`.',
        },
      },
      schemas,
    },
    paths,
  }
}
