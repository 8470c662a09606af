/**
 * The playground's view of the OpenAPI document (GET /api/openapi.json): every operation with
 * what the form needs — parameters, the JSON body's schema, and who may call it (an API key
 * with which scope, or a signed-in session only). Pure: the browser and the tests share it.
 */

export type JsonSchema = Record<string, unknown>

export type OpenApiDocument = {
  servers?: { url: string }[]
  paths?: Record<string, Record<string, unknown>>
  components?: { schemas?: Record<string, JsonSchema> }
  tags?: { name: string }[]
}

export type Parameter = {
  name: string
  in: 'path' | 'query'
  required: boolean
  description?: string
  schema: JsonSchema
  /** `deepObject` query parameters (Payload's `where`) are objects sent as `name[a][b]=v`. */
  isObject: boolean
}

/**
 * Who may call an operation with a key: `scope` for a key holding that scope, `any` for any key
 * of the account, `none` when keys are refused (sessions only), `public` when no one has to
 * authenticate (a key, if sent, is still checked and counted).
 */
export type KeyAccess =
  { kind: 'scope'; scope: string } | { kind: 'any' } | { kind: 'none' } | { kind: 'public' }

export type PlaygroundOperation = {
  /** `get /api/users/me` */
  id: string
  method: string
  path: string
  operationId?: string
  summary: string
  description?: string
  tag: string
  parameters: Parameter[]
  /** The schema of an `application/json` body, when the operation takes one. */
  body?: { schema: JsonSchema; required: boolean }
  /** A body that is not JSON (uploads): the playground cannot build it. */
  hasOtherBody: boolean
  access: KeyAccess
  /**
   * The server of an operation served elsewhere (the TuneTrail API, `x-tunetrail-api`): the
   * playground prints its requests for that server and cannot send them from this page.
   */
  elsewhere?: string
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const

type RawOperation = {
  tags?: string[]
  operationId?: string
  summary?: string
  description?: string
  parameters?: {
    name?: string
    in?: string
    required?: boolean
    description?: string
    style?: string
    schema?: JsonSchema
  }[]
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> }
  security?: Record<string, string[]>[]
  servers?: { url?: string }[]
  'x-tunetrail-api'?: boolean
}

export function keyAccess(security: Record<string, string[]>[] | undefined): KeyAccess {
  const requirements = security ?? []
  if (requirements.length === 0 || requirements.some((r) => Object.keys(r).length === 0)) {
    return { kind: 'public' }
  }
  const keyRequirement = requirements.find((r) => r.apiKey !== undefined)
  if (!keyRequirement) return { kind: 'none' }
  const [scope] = keyRequirement.apiKey
  return scope ? { kind: 'scope', scope } : { kind: 'any' }
}

function parametersOf(raw: RawOperation['parameters']): Parameter[] {
  return (raw ?? []).flatMap((parameter) => {
    if (!parameter.name || (parameter.in !== 'path' && parameter.in !== 'query')) return []
    const schema = parameter.schema ?? {}
    return [
      {
        name: parameter.name,
        in: parameter.in,
        required: parameter.in === 'path' || Boolean(parameter.required),
        description: parameter.description,
        schema,
        isObject: parameter.style === 'deepObject' || schema.type === 'object',
      },
    ]
  })
}

/** Every operation of the document, in the document's order of paths and methods. */
export function listOperations(document: OpenApiDocument): PlaygroundOperation[] {
  const home = document.servers?.[0]?.url
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const raw = item[method] as RawOperation | undefined
      if (!raw) return []
      const server =
        raw.servers?.[0]?.url ?? (item.servers as { url?: string }[] | undefined)?.[0]?.url
      const isElsewhere =
        raw['x-tunetrail-api'] === true || (server !== undefined && server !== home)
      const content = raw.requestBody?.content ?? {}
      const json = content['application/json']
      return [
        {
          id: `${method} ${path}`,
          method,
          path,
          operationId: raw.operationId,
          summary: raw.summary ?? `${method.toUpperCase()} ${path}`,
          description: raw.description,
          tag: raw.tags?.[0] ?? 'Other',
          parameters: parametersOf(raw.parameters),
          body: json
            ? { schema: json.schema ?? {}, required: Boolean(raw.requestBody?.required) }
            : undefined,
          hasOtherBody: !json && Object.keys(content).length > 0,
          access: keyAccess(raw.security),
          ...(isElsewhere ? { elsewhere: server ?? home } : {}),
        },
      ]
    }),
  )
}

/** Operations by tag, tags in the document's order (then any others). */
export function groupByTag(
  operations: PlaygroundOperation[],
  tagOrder: string[] = [],
): [string, PlaygroundOperation[]][] {
  const groups = new Map<string, PlaygroundOperation[]>()
  for (const tag of tagOrder) groups.set(tag, [])
  for (const operation of operations) {
    groups.set(operation.tag, [...(groups.get(operation.tag) ?? []), operation])
  }
  return [...groups].filter(([, list]) => list.length > 0)
}

/** True when every word of `query` is in the operation's method, path, summary or tag. */
export function matchesQuery(operation: PlaygroundOperation, query: string): boolean {
  const haystack =
    `${operation.method} ${operation.path} ${operation.summary} ${operation.tag} ${operation.operationId ?? ''}`.toLowerCase()
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word))
}

export const accessLabel = (access: KeyAccess) => {
  switch (access.kind) {
    case 'scope':
      return `API key with the ${access.scope} scope`
    case 'any':
      return 'Any API key of the account'
    case 'none':
      return 'A signed-in session only: API keys are refused'
    case 'public':
      return 'Anyone (a key, if sent, is checked and counted)'
  }
}
