import { z } from 'zod'

import { ERROR_CODES } from '../errors'

export type Json = Record<string, unknown>
export type Operation = Json & { summary: string }

/** Component names may hold letters, digits, `.`, `-` and `_` only. */
export const componentName = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_')

export const ref = (name: string) => ({ $ref: `#/components/schemas/${componentName(name)}` })

/** A zod schema as JSON Schema, as the code parses it (defaults filled in, so not required). */
export const fromZod = (schema: z.ZodType): Json => {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json
  delete json.$schema
  return json
}

export const jsonBody = (schema: Json) => ({
  required: true,
  content: { 'application/json': { schema } },
})

export const ok = (description: string, schema?: Json) => ({
  description,
  ...(schema ? { content: { 'application/json': { schema } } } : {}),
})

/** The one error format (src/lib/api/errors.ts) for each status. */
export const errorResponses = (statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: ERROR_CODES[status] ?? 'Error',
        content: { 'application/json': { schema: ref('Error') } },
      },
    ]),
  )

export const errorSchema: Json = {
  type: 'object',
  required: ['errors'],
  description:
    'Every error of the portal: `{ errors: [{ code, message, field? }] }` with the status of the table in src/lib/api/errors.ts. Service endpoints add finer codes (INVALID_BODY, UNKNOWN_KEY, INSUFFICIENT_SCOPE …).',
  properties: {
    errors: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: {
            type: 'string',
            description: `One of ${[...new Set(Object.values(ERROR_CODES)), 'VALIDATION_ERROR'].join(', ')}, or a finer code of the endpoint.`,
          },
          message: { type: 'string' },
          field: { type: 'string', description: 'The field or parameter at fault.' },
        },
      },
    },
    requestId: { type: 'string', description: 'Quote it when reporting an internal error.' },
  },
}

/** `/:id/api-key/reveal` → `/{id}/api-key/reveal`; optional params (`:id?`) become required. */
export const templatePath = (path: string) => path.replace(/:([A-Za-z_]+)\??/g, '{$1}')

export const pathParameters = (path: string) =>
  [...path.matchAll(/\{([A-Za-z_]+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: name === 'id' ? { type: 'integer', minimum: 1 } : { type: 'string' },
  }))

/** `post` + `/api/webhook-endpoints/{id}/rotate-secret` → `postWebhookEndpointsByIdRotateSecret`. */
export function operationId(method: string, route: string): string {
  const words = route
    .replace(/^\/api\//, '')
    .split(/[^A-Za-z0-9{}]+/)
    .filter(Boolean)
    .map((word) => (word.startsWith('{') ? `by-${word.slice(1, -1)}` : word))
    .flatMap((word) => word.split('-'))
  return [method, ...words.map((word) => word[0].toUpperCase() + word.slice(1))].join('')
}
