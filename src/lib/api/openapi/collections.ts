import type { Endpoint, SanitizedCollectionConfig } from 'payload'
import { z } from 'zod'

import type { Caller } from '../endpoint'
import { COLLECTION_SCOPES } from '../../keys/collectionScopes'
import { internalCollectionRoute } from './internal'
import { security, type Who } from './security'
import {
  errorResponses,
  fromZod,
  jsonBody,
  ok,
  operationId,
  pathParameters,
  templatePath,
  type Json,
  type Operation,
} from './shared'
import { builtIn } from './builtIn'

/** What a custom endpoint (defineEndpoint) says about itself in `custom.openapi`. */
/** A custom endpoint's success answer: its status (200 unless said) and body. */
export type EndpointResponse = {
  status?: 200 | 201 | 202
  description: string
  body: z.ZodType | Json
}

export type EndpointDoc = {
  summary: string
  description?: string
  /** The JSON body it takes. */
  body?: z.ZodType
  /** Query parameters by name, with what they mean. */
  query?: Record<string, string>
  response?: EndpointResponse
  caller: Caller
}

export const collectionLabel = (collection: SanitizedCollectionConfig) =>
  typeof collection.labels?.plural === 'string' ? collection.labels.plural : collection.slug

/** The operation of a custom endpoint, from its defineEndpoint spec. */
function customOperation(doc: EndpointDoc | undefined, method: string, path: string): Operation {
  const query = Object.entries(doc?.query ?? {}).map(([name, description]) => ({
    name,
    in: 'query',
    required: true,
    description,
    schema: { type: 'string' },
  }))
  return {
    summary: doc?.summary ?? `${method.toUpperCase()} ${path}`,
    ...(doc?.description ? { description: doc.description } : {}),
    ...(query.length ? { parameters: query } : {}),
    ...(doc?.body ? { requestBody: jsonBody(fromZod(doc.body)) } : {}),
    responses: {
      [doc?.response?.status ?? 200]: doc?.response
        ? ok(
            doc.response.description,
            doc.response.body instanceof z.ZodType ? fromZod(doc.response.body) : doc.response.body,
          )
        : ok('Done', { type: 'object' }),
      ...errorResponses([400, 401, 403, 404, 429]),
    },
  }
}

/**
 * Every public route of one collection as Payload serves it: the built-in operations and the
 * collection's own endpoints, each with who may call it and the scope a key needs (from
 * COLLECTION_SCOPES, the rules plugins/apiKeyScopes.ts enforces).
 */
export function collectionPaths(
  collection: SanitizedCollectionConfig,
): Record<string, Record<string, Json>> {
  const { slug } = collection
  const label = collectionLabel(collection)
  const rules = COLLECTION_SCOPES[slug] ?? { read: 'none', write: 'none' }
  const known = builtIn(slug, label, Boolean(collection.auth), Boolean(collection.upload), rules)
  const paths: Record<string, Record<string, Json>> = {}
  for (const endpoint of (collection.endpoints || []) as Endpoint[]) {
    const path = templatePath(endpoint.path === '/' ? '' : endpoint.path) || '/'
    const key = `${endpoint.method} ${path}`
    if (internalCollectionRoute(collection, key)) continue
    const doc = (endpoint.custom as { openapi?: EndpointDoc } | undefined)?.openapi
    const who: Who = known[key]?.who ?? whoOfCustom(doc?.caller, rules)
    const operation = known[key]?.operation ?? customOperation(doc, endpoint.method, path)
    const route = `/api/${slug}${path === '/' ? '' : path}`
    const own = (operation.parameters as Json[] | undefined) ?? []
    const isOwn = (name: string) => own.some((param) => param.name === name && param.in === 'path')
    const parameters = [...pathParameters(route).filter(({ name }) => !isOwn(name)), ...own]
    paths[route] ??= {}
    paths[route][endpoint.method] = {
      tags: [label],
      operationId: operationId(endpoint.method, route),
      ...operation,
      ...security(who),
      ...(parameters.length ? { parameters } : {}),
    }
  }
  return paths
}

function whoOfCustom(caller: Caller | undefined, rules: (typeof COLLECTION_SCOPES)[string]): Who {
  if (caller === 'anyone') return { kind: 'anyone' }
  if (caller === 'account') {
    return { kind: 'account', rule: rules.write !== 'none' ? rules.write : rules.read }
  }
  // A Payload endpoint not made with defineEndpoint: the collection's read rule applies.
  if (caller === undefined) return { kind: 'account', rule: rules.read }
  return { kind: 'person' }
}
