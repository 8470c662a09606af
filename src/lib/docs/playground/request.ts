import type { JsonSchema, Parameter, PlaygroundOperation } from './operations'
import { schemaValidator, type FieldError } from './validate'

/** What the reader typed: parameter values as text, the body as JSON text. */
export type RequestInputs = {
  path: Record<string, string>
  query: Record<string, string>
  body: string
}

/** A request ready to send or to print as code. */
export type BuiltRequest = {
  method: string
  url: string
  headers: [string, string][]
  /** The JSON value of the body (printed as code), when there is one. */
  json?: unknown
}

/** `where` + `{ status: { equals: 'active' } }` → `where[status][equals]=active`. */
export function deepObjectEntries(name: string, value: unknown): [string, string][] {
  if (value === null || value === undefined) return []
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => deepObjectEntries(`${name}[${index}]`, item))
  }
  if (typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      deepObjectEntries(`${name}[${key}]`, item),
    )
  }
  return [[name, String(value)]]
}

const typesOf = (schema: JsonSchema) =>
  (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(Boolean) as string[]

/** A parameter's text as the value its schema describes (a number for integers …). */
function parameterValue(parameter: Parameter, text: string): unknown {
  const types = typesOf(parameter.schema)
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(text)) {
    return Number(text)
  }
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true'
  return text
}

/** `https://api.example/base/` + `/v1/x` → `https://api.example/base/v1/x`. */
const joinUrl = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`

/**
 * Checks the inputs against the operation (parameters by their schemas, the body by its
 * request schema) and builds the request: absolute URL on `origin` (or on the operation's
 * own server when it is served elsewhere), the key as a Bearer header, JSON body. Any problem
 * comes back named by field instead of a request.
 */
export function buildRequest(
  operation: PlaygroundOperation,
  inputs: RequestInputs,
  origin: string,
  options: {
    key?: string
    components?: Record<string, unknown>
    /** The body's validator, made once per operation (bodyValidator). */
    validateBody?: (value: unknown) => FieldError[]
  } = {},
): { request: BuiltRequest; errors: [] } | { request?: undefined; errors: FieldError[] } {
  const errors: FieldError[] = []
  let path = operation.path
  const query: [string, string][] = []

  for (const parameter of operation.parameters) {
    const text =
      (parameter.in === 'path' ? inputs.path : inputs.query)[parameter.name]?.trim() ?? ''
    const field = `${parameter.in}.${parameter.name}`
    if (!text) {
      if (parameter.required) errors.push({ field, message: 'is required' })
      continue
    }
    if (parameter.isObject) {
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch {
        errors.push({
          field,
          message: 'must be a JSON object, like {"status": {"equals": "active"}}',
        })
        continue
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        errors.push({ field, message: 'must be a JSON object' })
        continue
      }
      query.push(...deepObjectEntries(parameter.name, value))
      continue
    }
    // Parameter schemas are inline (no references).
    const problems = schemaValidator(
      parameter.schema,
      undefined,
      field,
    )(parameterValue(parameter, text))
    if (problems.length > 0) {
      errors.push(...problems)
      continue
    }
    if (parameter.in === 'path')
      path = path.replace(`{${parameter.name}}`, encodeURIComponent(text))
    else query.push([parameter.name, text])
  }

  let json: unknown
  let hasBody = false
  if (operation.body) {
    const text = inputs.body.trim()
    if (!text) {
      if (operation.body.required) errors.push({ field: 'body', message: 'is required (JSON)' })
    } else {
      try {
        json = JSON.parse(text)
        hasBody = true
      } catch (error) {
        errors.push({ field: 'body', message: `is not valid JSON: ${(error as Error).message}` })
      }
      if (hasBody) {
        const validate = options.validateBody ?? bodyValidator(operation, options.components)
        errors.push(...validate(json))
      }
    }
  }
  if (errors.length > 0) return { errors }

  const url = new URL(joinUrl(operation.elsewhere ?? origin, path))
  for (const [name, value] of query) url.searchParams.append(name, value)
  const headers: [string, string][] = [['Accept', 'application/json']]
  if (options.key) headers.push(['Authorization', `Bearer ${options.key}`])
  if (hasBody) headers.push(['Content-Type', 'application/json'])
  return {
    request: {
      method: operation.method.toUpperCase(),
      url: url.toString(),
      headers,
      ...(hasBody ? { json } : {}),
    },
    errors: [],
  }
}

/** Validates a body against the operation's request schema (no body schema: anything goes). */
export const bodyValidator = (
  operation: PlaygroundOperation,
  components: Record<string, unknown> | undefined,
): ((value: unknown) => FieldError[]) =>
  operation.body ? schemaValidator(operation.body.schema, components, 'body') : () => []

/**
 * A starting body for the editor: the schema's required properties with a placeholder of
 * their type (an example or the first enum value when the schema has one).
 */
export function exampleBody(
  schema: JsonSchema | undefined,
  components: Record<string, unknown> | undefined,
  depth = 0,
): unknown {
  if (!schema || depth > 4) return null
  const resolved = resolveRef(schema, components)
  if (resolved.example !== undefined) return resolved.example
  if (Array.isArray(resolved.examples) && resolved.examples.length > 0) return resolved.examples[0]
  if (Array.isArray(resolved.enum) && resolved.enum.length > 0) return resolved.enum[0]
  if (resolved.const !== undefined) return resolved.const
  const [type] = typesOf(resolved).filter((t) => t !== 'null')
  const properties = (resolved.properties ?? {}) as Record<string, JsonSchema>
  if (type === 'object' || (!type && resolved.properties)) {
    const required = (resolved.required ?? []) as string[]
    return Object.fromEntries(
      required.map((name) => [name, exampleBody(properties[name], components, depth + 1)]),
    )
  }
  if (type === 'array') return []
  if (type === 'string') {
    if (resolved.format === 'uri' || resolved.format === 'url') return 'https://example.com/'
    return Number(resolved.minLength ?? 0) > 0 ? 'example' : ''
  }
  if (type === 'integer' || type === 'number') return Number(resolved.minimum ?? 0)
  if (type === 'boolean') return false
  return null
}

function resolveRef(schema: JsonSchema, components: Record<string, unknown> | undefined) {
  const ref = typeof schema.$ref === 'string' ? schema.$ref : undefined
  const match = ref && /^#\/components\/schemas\/(.+)$/.exec(ref)
  if (!match) return schema
  const schemas = (components?.schemas ?? {}) as Record<string, JsonSchema>
  return schemas[match[1]] ?? schema
}
