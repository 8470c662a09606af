import { configToJSONSchema, type SanitizedConfig } from 'payload'

import { collectionLabel, collectionPaths } from './collections'
import { collectionSchemas } from './fields'
import { ownPaths } from './ownRoutes'
import { securitySchemes } from './security'
import { TUNETRAIL_TAGS, tunetrailPaths } from './tunetrail'
import { componentName, errorSchema, type Json } from './shared'

export type { EndpointDoc } from './collections'

const TAGS = [
  { name: 'Services', description: "TuneTrail services' APIs: key verification, usage, events." },
  { name: 'Portal', description: 'Search, health and this document.' },
  { name: 'Notifications', description: 'Live notifications of the signed-in person.' },
  {
    name: 'Analytics',
    description: 'Usage analytics of an account (pro and enterprise): series as JSON or CSV.',
  },
  { name: 'GraphQL', description: 'The GraphQL endpoint over the same collections.' },
]

/** Adds the definitions the schemas point at (shared ones such as timezones), and theirs. */
function addReferenced(schemas: Record<string, Json>, definitions: Record<string, Json>) {
  const byName = new Map(Object.entries(definitions).map(([name, d]) => [componentName(name), d]))
  let pending = Object.values(schemas)
  while (pending.length > 0) {
    const names = [...JSON.stringify(pending).matchAll(/"#\/components\/schemas\/([^"]+)"/g)]
    pending = []
    for (const [, name] of names) {
      const definition = byName.get(name)
      if (schemas[name] || !definition) continue
      schemas[name] = definition
      pending.push(definition)
    }
  }
}

/**
 * OpenAPI 3.1 of every public endpoint, derived from the Payload config (each collection's
 * routes as Payload serves them, with its fields as JSON Schema), from each custom endpoint's
 * defineEndpoint spec and from the portal's own route handlers (ownRoutes.ts), with their zod
 * schemas. Served at GET /api/openapi.json; the fuzz test and the API reference read it, so a
 * new collection, field or endpoint appears in both without a hand-kept list. Routes left out
 * on purpose are listed with their reasons in internal.ts.
 */
export function openApiDocument(config: SanitizedConfig, serverUrl: string): Json {
  const jsonSchema = configToJSONSchema(config, 'number') as { definitions: Record<string, Json> }
  // Refs between definitions become refs between components (names made valid).
  const definitions = JSON.parse(
    JSON.stringify(jsonSchema.definitions).replace(
      /"#\/definitions\/([^"]+)"/g,
      (_, name: string) => JSON.stringify(`#/components/schemas/${componentName(name)}`),
    ),
  ) as Record<string, Json>
  const schemas: Record<string, Json> = { Error: errorSchema }
  const paths: Record<string, Record<string, Json>> = {}
  const tags: { name: string; description?: string }[] = []
  for (const collection of config.collections) {
    const collectionRoutes = collectionPaths(collection)
    if (Object.keys(collectionRoutes).length === 0) continue
    const definition = definitions[collection.slug]
    if (definition) {
      const { read, create, update } = collectionSchemas(collection, definition)
      schemas[componentName(collection.slug)] = read
      schemas[componentName(`${collection.slug}.create`)] = create
      schemas[componentName(`${collection.slug}.update`)] = update
    }
    tags.push({ name: collectionLabel(collection), description: `/api/${collection.slug}` })
    Object.assign(paths, collectionRoutes)
  }
  addReferenced(schemas, definitions)
  Object.assign(paths, ownPaths(), tunetrailPaths())
  // A summary is plain text (tools show it as is): code marks stay in descriptions only.
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      if (typeof operation.summary === 'string')
        operation.summary = operation.summary.replace(/`/g, '')
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'TuneTrail Community Portal API',
      version: '1',
      description:
        'REST over the collections of the portal, the verification, usage and event APIs of TuneTrail services, and (under /v1, served by the TuneTrail API itself) the API that portal keys are scoped for. Errors answer `{ errors: [{ code, message, field? }] }`. An API key may call an operation when it holds the scopes its `apiKey` requirement lists (see `x-scopes` on the scheme).',
    },
    servers: [{ url: serverUrl }],
    tags: [...tags, ...TAGS, ...TUNETRAIL_TAGS],
    components: { securitySchemes, schemas },
    paths,
  }
}
