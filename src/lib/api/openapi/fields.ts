import type {
  FieldAccess,
  FlattenedField,
  PayloadRequest,
  SanitizedCollectionConfig,
} from 'payload'

import type { Json } from './shared'

/** Properties the system writes: never in a request body. */
const SYSTEM = ['id', 'createdAt', 'updatedAt', 'collection']

/**
 * An API key acting for a member (no staff role): whose field access decides what "a caller"
 * may write. Staff-only fields are then left out, as the portal's own forms leave them out.
 */
const KEY_CALLER = {
  id: 0,
  collection: 'users',
  roles: ['member'],
  apiKey: { id: 0, scopes: [], organizationId: null },
}

/** True unless the field's access rule refuses a caller outright (async rules count as open). */
function allows(rule: FieldAccess | undefined): boolean {
  if (!rule) return true
  const answer: unknown = rule({ req: { user: KEY_CALLER } as unknown as PayloadRequest })
  return answer instanceof Promise ? true : Boolean(answer)
}

const isHidden = (field: FlattenedField) => 'hidden' in field && field.hidden === true

/** Read-only in the admin panel: set by hooks or by Payload (an upload's filename, size …). */
const isReadOnly = (field: FlattenedField) =>
  Boolean(field.admin && 'readOnly' in field.admin && field.admin.readOnly)

type Shape = { properties: Json; required: string[] }

function pick(schema: Json, keep: (name: string) => boolean, required: string[]): Json {
  const { properties = {} } = schema as Partial<Shape>
  const kept = Object.fromEntries(Object.entries(properties).filter(([name]) => keep(name)))
  return {
    ...schema,
    properties: kept,
    required: required.filter((name) => name in kept),
  }
}

/**
 * A collection's document as a caller reads it and as they write it, from Payload's own JSON
 * Schema of the collection (configToJSONSchema) narrowed by the collection's fields: hidden
 * fields (hashes, salts, tokens) are never shown, and fields the system or staff alone write
 * (field access, or read-only in the admin panel) are left out of request bodies.
 */
export function collectionSchemas(
  collection: SanitizedCollectionConfig,
  schema: Json,
): { read: Json; create: Json; update: Json } {
  const fields = new Map(collection.flattenedFields.map((field) => [field.name, field]))
  const isReadable = (name: string) => {
    const field = fields.get(name)
    if (name === 'password') return false
    return !field || !isHidden(field)
  }
  const isWritable = (name: string) => {
    if (name === 'password') return Boolean(collection.auth)
    const field = fields.get(name)
    if (SYSTEM.includes(name) || !field || isHidden(field) || isReadOnly(field)) return false
    const access = 'access' in field ? field.access : undefined
    return allows(access?.create) || allows(access?.update)
  }
  const required = ((schema.required as string[] | undefined) ?? []).filter((name) => {
    const field = fields.get(name)
    return !(field && 'defaultValue' in field && field.defaultValue !== undefined)
  })
  const readRequired = (schema.required as string[] | undefined) ?? []
  return {
    read: pick(schema, isReadable, readRequired),
    create: pick(schema, isWritable, collection.auth ? [...required, 'password'] : required),
    update: pick(schema, isWritable, []),
  }
}
