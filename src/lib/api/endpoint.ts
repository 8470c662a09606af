import type { Endpoint, PayloadRequest } from 'payload'
import type { z } from 'zod'

import type { KeyUser } from '../keys/collectionScopes'
import { errorJson } from './errors'
import type { EndpointDoc, EndpointResponse } from './openapi/collections'

/**
 * Who may call an endpoint:
 * - `anyone`: no sign-in (a signed token in the request is the authorisation);
 * - `person`: a signed-in person, never an API key (keys cannot manage keys or memberships);
 * - `account`: a person, or an API key acting for its account (the collection's access rules
 *   and the key's scopes apply to what the handler does with `req`).
 */
export type Caller = 'anyone' | 'person' | 'account'

type Spec<Body extends z.ZodType | undefined> = {
  path: string
  method: Endpoint['method']
  summary: string
  description?: string
  caller: Caller
  /** What the caller does, for refusals: "manage webhooks" → "Sign in to manage webhooks." */
  doing: string
  /** The JSON body, checked before the handler runs; an absent body reads as `{}`. */
  body?: Body
  /** Query parameters it reads, by name, with what they mean (for the OpenAPI document). */
  query?: Record<string, string>
  /** What it answers on success (for the OpenAPI document): a zod schema or JSON Schema. */
  response: EndpointResponse
  handler: (
    req: PayloadRequest,
    input: { body: Body extends z.ZodType ? z.infer<Body> : undefined; id: string },
  ) => Promise<Response>
}

const MAX_ID = 2_147_483_647

/** A zod issue as one message that names its field. */
function describeIssue(issue: z.core.$ZodIssue): { field: string; message: string } {
  const field = issue.path.map(String).join('.') || 'body'
  const message = issue.message.startsWith(field) ? issue.message : `${field}: ${issue.message}`
  return { field, message }
}

/**
 * One of our custom REST endpoints: the caller checked, the body parsed with zod (a 400 naming
 * the field), errors in the one format (thrown errors reach the afterError hook), and its
 * OpenAPI description (`custom.openapi`) derived from the same spec.
 */
export function defineEndpoint<Body extends z.ZodType | undefined = undefined>(
  spec: Spec<Body>,
): Endpoint {
  const doc: EndpointDoc = {
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.body ? { body: spec.body } : {}),
    ...(spec.query ? { query: spec.query } : {}),
    response: spec.response,
    caller: spec.caller,
  }
  return {
    path: spec.path,
    method: spec.method,
    custom: { openapi: doc },
    handler: async (req) => {
      if (spec.caller !== 'anyone') {
        if (!req.user) {
          return errorJson(
            401,
            `Sign in${spec.caller === 'account' ? ' or send an API key' : ''} to ${spec.doing}.`,
          )
        }
        if (spec.caller === 'person' && (req.user as KeyUser).apiKey) {
          return errorJson(403, `API keys cannot ${spec.doing}: sign in.`, {
            code: 'INSUFFICIENT_SCOPE',
          })
        }
      }
      const id = String(req.routeParams?.id ?? '')
      // A record id is a positive Postgres integer; anything else names no record.
      if (
        spec.path.includes(':id') &&
        !(/^\d{1,10}$/.test(id) && Number(id) <= MAX_ID && Number(id) > 0)
      ) {
        return errorJson(404, 'Not found.')
      }
      let body: unknown
      if (spec.body) {
        const raw: unknown = await req.json?.().catch(() => undefined)
        const parsed = spec.body.safeParse(raw ?? {})
        if (!parsed.success) {
          const { field, message } = describeIssue(parsed.error.issues[0])
          return errorJson(400, message, { field })
        }
        body = parsed.data
      }
      return spec.handler(req, {
        body: body as Body extends z.ZodType ? z.infer<Body> : undefined,
        id,
      })
    },
  }
}
