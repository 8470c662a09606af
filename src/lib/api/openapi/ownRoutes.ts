import { SEARCH_MAX_LENGTH } from '@/data/search'
import { assistantRequestSchema } from '@/schemas/docs'
import { dryRunRequestSchema, usageReportSchema, verifyRequestSchema } from '@/schemas/keys'

import { RESOURCES, VERIFY_CODES } from '../../keys/verifier'
import { publishBodySchema } from '../../webhooks/http'
import { analyticsOperation } from './analytics'
import { security, type Who } from './security'
import {
  errorResponses,
  fromZod,
  jsonBody,
  ok,
  operationId,
  pathParameters,
  type Json,
  type Operation,
} from './shared'

type Route = { tag: string; who: Who; operation: Operation }

const rateLimit = {
  type: 'object',
  properties: {
    limit: { type: 'integer' },
    remaining: { type: 'integer' },
    reset: { type: 'integer', description: 'Seconds until the window resets.' },
    window: { type: 'string' },
    resource: { type: 'string', enum: [...RESOURCES] },
  },
}

const verdictProperties = {
  valid: { type: 'boolean' },
  code: {
    type: 'string',
    enum: [...VERIFY_CODES],
    description: 'VALID, or why the key is refused.',
  },
  keyId: { type: 'integer' },
  owner: { type: ['integer', 'null'] },
  organization: { type: ['integer', 'null'] },
  plan: { type: 'string' },
  environment: { type: 'string' },
  scopes: { type: 'array', items: { type: 'string' } },
  ratelimit: rateLimit,
}

const verdict: Json = { type: 'object', required: ['valid', 'code'], properties: verdictProperties }

const reports = fromZod(usageReportSchema)

/**
 * The portal's own route handlers (src/app/api/**\/route.ts), keyed by `method /api/path`.
 * Bodies are the zod schemas the handlers parse with.
 */
export const OWN_ROUTES: Record<string, Route> = {
  'post /api/keys/verify': {
    tag: 'Services',
    who: { kind: 'service', scope: 'keys:verify' },
    operation: {
      summary: 'Verify an API key',
      description:
        "For TuneTrail services: is this key valid for this scope, and within its limits? Always 200 with a verdict once the caller's own key is allowed; the hot path is the verification server on VERIFIER_PORT.",
      requestBody: jsonBody(fromZod(verifyRequestSchema)),
      responses: { 200: ok('The verdict', verdict), ...errorResponses([400, 401, 403, 429]) },
    },
  },
  'post /api/keys/dry-run': {
    tag: 'API keys',
    who: { kind: 'person' },
    operation: {
      summary: 'Dry-run a key (the playground)',
      description:
        'The code the verifier would give one of your keys for this scope right now, without counting the call against any limit or recording usage. A key you may not read answers NOT_FOUND. At most 60 a minute.',
      requestBody: jsonBody(fromZod(dryRunRequestSchema)),
      responses: {
        200: ok('What the key would get', {
          type: 'object',
          required: ['valid', 'code'],
          properties: {
            valid: verdictProperties.valid,
            code: verdictProperties.code,
            keyId: verdictProperties.keyId,
            environment: verdictProperties.environment,
            scopes: verdictProperties.scopes,
            ratelimit: rateLimit,
          },
        }),
        ...errorResponses([400, 401, 429]),
      },
    },
  },
  'post /api/usage': {
    tag: 'Services',
    who: { kind: 'service', scope: 'usage:report' },
    operation: {
      summary: 'Report gateway request outcomes',
      description: 'A JSON array of reports, or `{ events: [...] }`; at most 1000 a batch.',
      requestBody: jsonBody({
        oneOf: [
          { type: 'array', items: reports, minItems: 1, maxItems: 1000 },
          {
            type: 'object',
            required: ['events'],
            properties: { events: { type: 'array', items: reports, minItems: 1, maxItems: 1000 } },
          },
        ],
      }),
      responses: {
        202: ok('Written', { type: 'object', properties: { accepted: { type: 'integer' } } }),
        ...errorResponses([400, 401, 403, 422]),
      },
    },
  },
  'post /api/events': {
    tag: 'Services',
    who: { kind: 'service', scope: 'events:publish' },
    operation: {
      summary: 'Publish a webhook event',
      description: "`data` is checked against the event type's schema (see the webhooks docs).",
      requestBody: jsonBody(fromZod(publishBodySchema)),
      responses: {
        202: ok('Published', published()),
        200: ok('A duplicate of an earlier event (same idempotencyKey)', published()),
        ...errorResponses([400, 401, 403, 422]),
      },
    },
  },
  'get /api/search': {
    tag: 'Portal',
    who: { kind: 'anyone' },
    operation: {
      summary: 'Search the portal (what the ⌘K palette lists)',
      description:
        "Pages and published docs pages (full-text, best first, with a snippet whose matched words are marked) for anyone; a signed-in person's own keys and webhook endpoints too (API keys get pages and docs only).",
      parameters: [
        { name: 'q', in: 'query', schema: { type: 'string', maxLength: SEARCH_MAX_LENGTH } },
      ],
      responses: {
        200: ok('Hits', {
          type: 'object',
          properties: {
            hits: {
              type: 'array',
              items: {
                type: 'object',
                required: ['group', 'title', 'href'],
                properties: {
                  group: { type: 'string', examples: ['Pages', 'Docs', 'API keys'] },
                  title: { type: 'string' },
                  href: { type: 'string' },
                  detail: { type: ['string', 'null'] },
                  snippet: {
                    type: 'array',
                    description: 'Text parts of a docs page; `isMatch` marks the matched words.',
                    items: {
                      type: 'object',
                      required: ['text', 'isMatch'],
                      properties: { text: { type: 'string' }, isMatch: { type: 'boolean' } },
                    },
                  },
                },
              },
            },
          },
        }),
        ...errorResponses([400, 429]),
      },
    },
  },
  'post /api/docs/assistant': {
    tag: 'Portal',
    who: { kind: 'anyone' },
    operation: {
      summary: 'Ask the docs (the assistant)',
      description:
        'Answers a question from the published docs, as JSON lines (`application/x-ndjson`): first `{type:"passages", passages:[{n,title,heading,href,excerpt}], mode}`, then with a language model configured `{type:"delta", text}` pieces of an answer citing passages as `[n]`, `{type:"error", message}` if the model fails, and `{type:"done"}`. Rate-limited per person and per client address.',
      requestBody: jsonBody(fromZod(assistantRequestSchema)),
      responses: {
        200: {
          description: 'The answer, streamed',
          content: { 'application/x-ndjson': { schema: { type: 'string' } } },
        },
        ...errorResponses([400, 413, 415, 429]),
      },
    },
  },
  'get /api/notifications/stream': {
    tag: 'Notifications',
    who: { kind: 'person' },
    operation: {
      summary: 'Live unread count (Server-Sent Events)',
      description:
        '`event: unread` with the count at the start and whenever it may change; with `watch=webhook-endpoint:<id>` also `event: changed` when its deliveries change.',
      parameters: [
        {
          name: 'watch',
          in: 'query',
          schema: { type: 'string', pattern: '^webhook-endpoint:\\d{1,12}$' },
        },
      ],
      responses: {
        200: { description: 'The stream', content: { 'text/event-stream': { schema: {} } } },
        ...errorResponses([401, 404, 429]),
      },
    },
  },
  'get /api/analytics/{series}': {
    tag: 'Analytics',
    who: { kind: 'account', rule: 'usage:read' },
    operation: analyticsOperation,
  },
  'put /api/model-files/{id}/parts/{part}': {
    tag: 'Models',
    who: { kind: 'anyone' },
    operation: {
      summary: 'Upload one part of a model file (local disk)',
      description:
        'The URL comes signed from `POST /api/model-files/{id}/upload/part-urls` when the portal stores files on its own disk (on S3 those URLs are the bucket’s): the signature is the authorisation, for 5 minutes. The body is the part’s raw bytes (`application/octet-stream`, exactly `partSize` bytes, the last part the rest); the answer carries its `ETag`.',
      parameters: [
        ...pathParameters('/{id}/parts/{part}'),
        { name: 'expires', in: 'query', required: true, schema: { type: 'integer' } },
        { name: 'signature', in: 'query', required: true, schema: { type: 'string' } },
      ],
      requestBody: {
        required: true,
        content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
      },
      responses: {
        200: ok('Stored', {
          type: 'object',
          properties: { partNumber: { type: 'integer' }, etag: { type: 'string' } },
        }),
        ...errorResponses([400, 403, 404, 411, 413, 415]),
      },
    },
  },
  'get /api/model-files/{id}/content': {
    tag: 'Models',
    who: { kind: 'anyone' },
    operation: {
      summary: 'A model file’s bytes (local disk)',
      description:
        'Where `GET /api/model-files/{id}/download` redirects when files are on the portal’s disk: signed, for 5 minutes, after the access check and the count.',
      parameters: [
        ...pathParameters('/{id}/content'),
        { name: 'expires', in: 'query', required: true, schema: { type: 'integer' } },
        { name: 'signature', in: 'query', required: true, schema: { type: 'string' } },
      ],
      responses: {
        200: {
          description: 'The file',
          content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
        },
        ...errorResponses([403, 404]),
      },
    },
  },
  'get /api/health': {
    tag: 'Portal',
    who: { kind: 'anyone' },
    operation: {
      summary: 'Service health: the verdict and failing parts (details for staff)',
      responses: { 200: ok('Healthy', { type: 'object' }), 503: ok('Some part fails') },
    },
  },
  'get /api/openapi.json': {
    tag: 'Portal',
    who: { kind: 'anyone' },
    operation: {
      summary: 'This document',
      responses: { 200: ok('OpenAPI 3.1', { type: 'object' }) },
    },
  },
  'post /api/graphql': {
    tag: 'GraphQL',
    who: { kind: 'account', rule: 'any' },
    operation: {
      summary: 'GraphQL: the same collections, access rules and key scopes as REST',
      requestBody: jsonBody({
        type: 'object',
        required: ['query'],
        properties: { query: { type: 'string' }, variables: { type: 'object' } },
      }),
      responses: { 200: ok('A GraphQL result', { type: 'object' }) },
    },
  },
}

function published(): Json {
  return {
    type: 'object',
    properties: {
      id: { type: 'string', description: 'The event id (webhook-id of its deliveries).' },
      duplicate: { type: 'boolean' },
    },
  }
}

export function ownPaths(): Record<string, Record<string, Json>> {
  const paths: Record<string, Record<string, Json>> = {}
  for (const [key, { tag, who, operation }] of Object.entries(OWN_ROUTES)) {
    const [method, route] = key.split(' ')
    paths[route] ??= {}
    paths[route][method] = {
      tags: [tag],
      operationId: operationId(method, route),
      ...operation,
      ...security(who),
    }
  }
  return paths
}
