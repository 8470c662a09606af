import { z } from 'zod'

import type { ScopeRule } from '../../keys/collectionScopes'
import type { Who } from './security'
import { errorResponses, fromZod, jsonBody, ok, ref, type Json, type Operation } from './shared'

export const QUERY = {
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

const credentials = z.object({ email: z.email(), password: z.string().min(1) })
const emailOnly = z.object({ email: z.email() })
const newPassword = z.object({ token: z.string(), password: z.string().min(1) })

/** An upload is created as multipart form data: the file, and the other fields as JSON. */
const uploadBody = (slug: string) => ({
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object',
        required: ['file'],
        properties: {
          file: { type: 'string', contentMediaType: 'application/octet-stream' },
          _payload: {
            type: 'string',
            contentMediaType: 'application/json',
            contentSchema: ref(`${slug}.create`),
            description: 'The other fields, as JSON.',
          },
        },
      },
    },
  },
})

type Known = Record<string, { operation: Operation; who: Who }>

/** What Payload's built-in endpoints do, keyed by `method path`, and who may call them. */
export function builtIn(
  slug: string,
  label: string,
  isAuth: boolean,
  isUpload: boolean,
  rules: { read: ScopeRule; write: ScopeRule },
): Known {
  const doc = ref(slug)
  const reading: Who = { kind: 'account', rule: rules.read }
  const writing: Who = { kind: 'account', rule: rules.write }
  const result = (description: string) =>
    ok(description, { type: 'object', properties: { doc, message: { type: 'string' } } })
  const bulk = (description: string) =>
    ok(description, {
      type: 'object',
      properties: { docs: { type: 'array', items: doc }, errors: { type: 'array' } },
    })
  const pageOf = (items: Json): Json => ({
    type: 'object',
    properties: {
      docs: { type: 'array', items },
      totalDocs: { type: 'integer' },
      limit: { type: 'integer' },
      page: { type: 'integer' },
      totalPages: { type: 'integer' },
      hasNextPage: { type: 'boolean' },
      hasPrevPage: { type: 'boolean' },
    },
  })
  const list = pageOf(doc)
  const version = {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      parent: { type: 'integer' },
      version: doc,
      latest: { type: 'boolean' },
      autosave: { type: 'boolean' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  }
  const known: Known = {
    'get /': {
      who: reading,
      operation: {
        summary: `List ${label}`,
        parameters: [QUERY.where, QUERY.limit, QUERY.page, QUERY.sort, QUERY.depth, QUERY.select],
        responses: { 200: ok('A page of documents', list), ...errorResponses([400, 401, 403]) },
      },
    },
    'post /': {
      who: writing,
      operation: {
        summary: `Create a document in ${label}`,
        requestBody: isUpload ? uploadBody(slug) : jsonBody(ref(`${slug}.create`)),
        responses: {
          201: result('Created'),
          ...errorResponses([400, 401, 403, 413, 415, 429]),
        },
      },
    },
    'get /count': {
      who: reading,
      operation: {
        summary: `Count ${label}`,
        parameters: [QUERY.where],
        responses: {
          200: ok('The count', { type: 'object', properties: { totalDocs: { type: 'integer' } } }),
          ...errorResponses([400, 401, 403]),
        },
      },
    },
    'patch /': {
      who: writing,
      operation: {
        summary: `Update every document of ${label} matching \`where\``,
        parameters: [QUERY.where],
        requestBody: jsonBody(ref(`${slug}.update`)),
        responses: { 200: bulk('Updated'), ...errorResponses([400, 401, 403]) },
      },
    },
    'delete /': {
      who: writing,
      operation: {
        summary: `Delete every document of ${label} matching \`where\``,
        parameters: [QUERY.where],
        responses: { 200: bulk('Deleted'), ...errorResponses([400, 401, 403]) },
      },
    },
    'get /{id}': {
      who: reading,
      operation: {
        summary: `Read one document of ${label}`,
        parameters: [QUERY.depth, QUERY.select],
        responses: { 200: ok('The document', doc), ...errorResponses([401, 403, 404]) },
      },
    },
    'patch /{id}': {
      who: writing,
      operation: {
        summary: `Update one document of ${label}`,
        requestBody: jsonBody(ref(`${slug}.update`)),
        responses: { 200: result('Updated'), ...errorResponses([400, 401, 403, 404]) },
      },
    },
    'delete /{id}': {
      who: writing,
      operation: {
        summary: `Delete one document of ${label}`,
        responses: { 200: result('Deleted'), ...errorResponses([401, 403, 404, 409]) },
      },
    },
    // Versions (collections with drafts or history; readVersions access applies).
    'get /versions': {
      who: writing,
      operation: {
        summary: `List versions of ${label} documents`,
        parameters: [QUERY.where, QUERY.limit, QUERY.page, QUERY.sort, QUERY.depth],
        responses: {
          200: ok('A page of versions', pageOf(version)),
          ...errorResponses([400, 401, 403]),
        },
      },
    },
    'get /versions/{id}': {
      who: writing,
      operation: {
        summary: `Read one version of a ${label} document`,
        parameters: [QUERY.depth],
        responses: { 200: ok('The version', version), ...errorResponses([401, 403, 404]) },
      },
    },
    'post /versions/{id}': {
      who: writing,
      operation: {
        summary: `Restore a version of a ${label} document`,
        responses: { 200: result('Restored'), ...errorResponses([401, 403, 404]) },
      },
    },
    'post /{id}/duplicate': {
      who: writing,
      operation: {
        summary: `Duplicate one document of ${label}`,
        responses: { 201: result('The copy'), ...errorResponses([401, 403, 404]) },
      },
    },
    'get /file/{filename}': {
      who: reading,
      operation: {
        summary: `Download the file of an upload in ${label}`,
        responses: { 200: { description: 'The file' }, ...errorResponses([403, 404]) },
      },
    },
  }
  return isAuth ? { ...known, ...authRoutes(slug) } : known
}

/** Payload's auth endpoints of an auth collection. */
function authRoutes(slug: string): Known {
  const anyone: Who = { kind: 'anyone' }
  const person: Who = { kind: 'person' }
  const session = ok('Signed in', {
    type: 'object',
    properties: {
      user: ref(slug),
      token: { type: 'string' },
      exp: { type: 'integer' },
      message: { type: 'string' },
    },
  })
  return {
    'post /login': {
      who: anyone,
      operation: {
        summary: 'Log in: a session token (also set as the payload-token cookie)',
        description:
          'For an account with two-factor authentication the answer holds no token: `{ twoFactorRequired: true, challenge, methods, expiresAt }`. Complete it within 5 minutes with POST /api/users/login/second-factor.',
        requestBody: jsonBody(fromZod(credentials)),
        responses: { 200: session, ...errorResponses([400, 401, 423, 429]) },
      },
    },
    'post /logout': {
      who: person,
      operation: {
        summary: 'End this session (`?allSessions=true`: every session)',
        responses: { 200: ok('Logged out'), ...errorResponses([400, 401, 403]) },
      },
    },
    'get /me': {
      who: { kind: 'account', rule: 'any' },
      operation: {
        summary: 'The signed-in user (`user: null` for an organization key)',
        responses: { 200: session, ...errorResponses([401]) },
      },
    },
    'post /refresh-token': {
      who: person,
      operation: {
        summary: 'Extend this session',
        responses: { 200: session, ...errorResponses([401, 403]) },
      },
    },
    'post /forgot-password': {
      who: anyone,
      operation: {
        summary: 'Mail a password-reset link',
        requestBody: jsonBody(fromZod(emailOnly)),
        responses: { 200: ok('Mailed if the account exists'), ...errorResponses([400, 429]) },
      },
    },
    'post /reset-password': {
      who: anyone,
      operation: {
        summary: 'Choose a new password with the mailed token',
        requestBody: jsonBody(fromZod(newPassword)),
        responses: { 200: session, ...errorResponses([400, 403]) },
      },
    },
    'post /verify/{id}': {
      who: anyone,
      operation: {
        summary: 'Confirm the email of a new account (`id` is the mailed token)',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: ok('Confirmed'), ...errorResponses([400, 403]) },
      },
    },
    'post /unlock': {
      who: person,
      operation: {
        summary: 'Unlock an account after failed logins (staff)',
        requestBody: jsonBody(fromZod(emailOnly)),
        responses: { 200: ok('Unlocked'), ...errorResponses([400, 401, 403]) },
      },
    },
  }
}
