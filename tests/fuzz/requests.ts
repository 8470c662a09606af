import fc from 'fast-check'

/**
 * Malformed requests over every operation of the OpenAPI document (GET /api/openapi.json), for
 * the fuzz test (tests/e2e/fuzz.e2e.spec.ts) and `npm run bench:fuzz`. Each request is one
 * operation with something wrong with it: its method, path parameters, query, body, content
 * type or credentials. New routes are fuzzed as soon as the document lists them.
 */

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema }
type Operation = {
  /** Served by the TuneTrail API, not this portal (src/lib/api/openapi/tunetrail.ts). */
  'x-tunetrail-api'?: boolean
  parameters?: { name: string; in: string }[]
  requestBody?: { content?: Record<string, { schema?: Schema & { $ref?: string } }> }
}
export type OpenApi = {
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Schema> }
}

export type Credentials = {
  /** `Authorization` values by kind; the fuzz picks one per request. */
  member: string
  memberKey: string
  serviceKey: string
  /** Ids that exist, so some requests reach real documents. */
  ids: number[]
}

export type FuzzRequest = {
  method: string
  path: string
  headers: Record<string, string>
  body?: string
}

export type Target = { route: string; method: string; operation: Operation }

/** Every operation of the document this portal serves (not the TuneTrail API's /v1). */
export function targets(document: OpenApi): Target[] {
  return Object.entries(document.paths).flatMap(([route, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => !operation['x-tunetrail-api'])
      .map(([method, operation]) => ({ route, method, operation })),
  )
}

const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS', 'HEAD']

const HOSTILE_STRINGS = [
  '',
  ' ',
  'abc',
  '0',
  '-1',
  '1.5',
  '1e309',
  '9007199254740993',
  '2147483648',
  'null',
  'true',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '🎵🎶',
  '\u0000',
  'a'.repeat(300),
]

const pathValue = (ids: number[]) =>
  fc.oneof(
    fc.constantFrom(...ids.map(String)),
    fc.constantFrom('1', '0', '-1', '2147483648', '99999999999999999999', 'abc', '1.5', 'null'),
    fc.constantFrom(...HOSTILE_STRINGS.filter(Boolean)).map((value) => encodeURIComponent(value)),
  )

const FIELD_NAMES = [
  'id',
  'email',
  'hash',
  'salt',
  'password',
  'roles',
  'keyHash',
  'secretSealed',
  'createdAt',
  'name',
  'members.user',
  'owner.email',
  'doesNotExist',
  '__proto__',
  'constructor',
]
const OPERATORS = [
  'equals',
  'not_equals',
  'in',
  'not_in',
  'all',
  'exists',
  'like',
  'contains',
  'greater_than',
  'less_than_equal',
  'near',
  'within',
  'bogus',
]

const scalar = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.integer().map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom('2026-11-30', 'not-a-date', '1,2,3'),
)

/** `where[...]` query fragments: nested, on hidden or unknown fields, with odd operators. */
const whereQuery = (fields: string[]): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.integer({ min: 0, max: 12 }),
      fc.constantFrom(...fields, ...FIELD_NAMES),
      fc.constantFrom(...OPERATORS),
      scalar,
      fc.boolean(),
    )
    .map(([depth, field, operator, value, isArray]) => {
      let prefix = 'where'
      for (let level = 0; level < depth; level++) prefix += `[${level % 2 ? 'or' : 'and'}][0]`
      const key = `${prefix}[${field}][${operator}]${isArray ? '[0]' : ''}`
      return `${encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(value)}`
    })

const queryString = (fields: string[]): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        whereQuery(fields),
        scalar.map((value) => `limit=${encodeURIComponent(value)}`),
        fc.constantFrom('limit=-1', 'limit=0', 'limit=100000', 'page=-1', 'page=0'),
        fc.constantFrom('depth=1000', 'depth=-1', 'depth=abc', 'depth=3'),
        fc.constantFrom(...fields, ...FIELD_NAMES).map((field) => `sort=-${field}`),
        fc.constantFrom(...fields, ...FIELD_NAMES).map((field) => `select[${field}]=true`),
        fc.constantFrom('draft=true', 'locale=xx', 'trash=true', 'populate[users][email]=true'),
      ),
      { maxLength: 4 },
    )
    .map((parts) => parts.join('&'))

/** A JSON value shaped like the property's type, or deliberately not. */
const valueFor = (schema: Schema | undefined): fc.Arbitrary<unknown> => {
  const wrong = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.constantFrom(0, -1, 1e308, 2147483648, -2147483649, 1.5),
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.constant('x'.repeat(70_000)),
    fc.constant(Array.from({ length: 2000 }, (_, i) => i)),
    fc.constant([1, 2]),
    fc.constant({ nested: { deeper: { deepest: [1, { a: 'b' }] } } }),
    fc.constant(JSON.parse('{"__proto__": {"isAdmin": true}}') as unknown),
  )
  const types = Array.isArray(schema?.type) ? schema.type : schema?.type ? [schema.type] : []
  const right = types.includes('string')
    ? fc.string({ maxLength: 40 })
    : types.includes('number') || types.includes('integer')
      ? fc.integer({ min: 0, max: 100 })
      : types.includes('boolean')
        ? fc.boolean()
        : types.includes('array')
          ? fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 })
          : fc.constant({})
  return fc.oneof({ weight: 1, arbitrary: right }, { weight: 3, arbitrary: wrong })
}

const bodySchema = (document: OpenApi, operation: Operation): Schema | undefined => {
  const schema = operation.requestBody?.content?.['application/json']?.schema
  if (schema?.$ref) return document.components.schemas[schema.$ref.split('/').pop() as string]
  return schema
}

/** A body: a JSON object of right and wrong values, or text that is not the promised type. */
const body = (
  document: OpenApi,
  operation: Operation,
): fc.Arbitrary<{ type?: string; text?: string }> => {
  const properties = Object.entries(bodySchema(document, operation)?.properties ?? {})
  const object =
    properties.length === 0
      ? fc.dictionary(fc.constantFrom(...FIELD_NAMES), valueFor(undefined), { maxKeys: 3 })
      : fc.record(
          Object.fromEntries(properties.map(([name, schema]) => [name, valueFor(schema)])),
          { requiredKeys: [] },
        )
  const json = object.map((value) => JSON.stringify(value))
  return fc.oneof(
    { weight: 6, arbitrary: json.map((text) => ({ type: 'application/json', text })) },
    {
      weight: 1,
      arbitrary: json.map((text) => ({
        type: 'application/json',
        text: text.slice(0, Math.max(1, Math.floor(text.length / 2))),
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { type: 'application/json', text: '' },
        { type: 'application/json', text: 'null' },
        { type: 'application/json', text: '[1,2,3]' },
        { type: 'application/json', text: '"string"' },
        { type: 'multipart/form-data; boundary=xyz', text: 'not a multipart body' },
        { type: 'multipart/form-data', text: '--xyz\r\n' },
        {
          type: 'multipart/form-data; boundary=xyz',
          text: '--xyz\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n{broken\r\n--xyz--\r\n',
        },
        { type: 'text/plain', text: 'hello' },
        { type: 'application/x-www-form-urlencoded', text: 'email=a&email=b&password[x]=1' },
        { type: 'application/xml', text: '<a/>' },
        { type: undefined, text: '{"a":1}' },
      ),
    },
  )
}

const authorization = (credentials: Credentials) =>
  fc.constantFrom<string | undefined>(
    undefined,
    credentials.member,
    credentials.memberKey,
    credentials.serviceKey,
    'Bearer tt_test_0000000000000000000000000000000000000A',
    `JWT ${'x'.repeat(5000)}`,
    'JWT eyJhbGciOiJub25lIn0.eyJpZCI6MX0.',
    'Basic YWRtaW46YWRtaW4=',
    'Bearer not-a-key',
  )

const GRAPHQL_QUERIES = [
  '{ Users { docs { id email } } }',
  '{ meUser { user { email } } }',
  '{ Users(where: { id: { equals: "abc" } }) { docs { id } } }',
  '{ Users(limit: -1, page: 0) { docs { id } } }',
  '{ ApiKeys(where: { keyHash: { exists: true } }) { docs { id } } }',
  `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: Users { totalDocs }`).join(' ')} }`,
  `{ Users { docs { ${'avatar { '.repeat(30)}id${' }'.repeat(30)} } } }`,
  '{ __schema { types { name fields { name } } } }',
  'mutation { createUser(data: { email: [1, 2] }) { id } }',
  'mutation { loginUser(email: "a@b.c", password: "x") { token } }',
  'query ($id: Int!) { Organization(id: $id) { name } }',
  '{ Users {',
  '',
]

const graphqlBody = fc
  .tuple(
    fc.constantFrom(...GRAPHQL_QUERIES),
    fc.constantFrom<unknown>(undefined, {}, { id: 'x' }, { id: 2 ** 40 }, []),
  )
  .map(([query, variables]) => ({
    type: 'application/json',
    text: JSON.stringify({ query, variables }),
  }))

/** One malformed request against one target. */
export function requestFor(
  document: OpenApi,
  target: Target,
  credentials: Credentials,
): fc.Arbitrary<FuzzRequest> {
  const fields = Object.keys(
    document.components.schemas[target.route.split('/')[2] ?? '']?.properties ?? {},
  )
  const parameters = [...target.route.matchAll(/\{([A-Za-z_]+)\}/g)].map(([, name]) => name)
  return fc
    .record({
      method: fc.oneof(
        { weight: 9, arbitrary: fc.constant(target.method.toUpperCase()) },
        { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
      ),
      values: fc.tuple(...parameters.map(() => pathValue(credentials.ids))),
      query: queryString(fields),
      body:
        target.route === '/api/graphql'
          ? fc.oneof(graphqlBody, body(document, target.operation))
          : body(document, target.operation),
      authorization: authorization(credentials),
    })
    .map(({ method, values, query, body: content, authorization: auth }) => {
      let path = target.route
      parameters.forEach((name, index) => {
        path = path.replace(`{${name}}`, values[index] as string)
      })
      const headers: Record<string, string> = {}
      if (auth) headers.authorization = auth
      const hasBody = !['GET', 'HEAD', 'OPTIONS'].includes(method)
      if (hasBody && content.type) headers['content-type'] = content.type
      return {
        method,
        path: query ? `${path}?${query}` : path,
        headers,
        body: hasBody ? content.text : undefined,
      }
    })
}

/** Any target's malformed requests, targets weighted equally. */
export function anyRequest(document: OpenApi, credentials: Credentials): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...targets(document).map((target) => requestFor(document, target, credentials)))
}

export type Outcome = { status: number; ms: number; request: FuzzRequest }

/** Sends one request; a hang past `timeoutMs` counts as status 0. */
export async function send(
  baseUrl: string,
  request: FuzzRequest,
  timeoutMs = 10_000,
): Promise<Outcome> {
  const started = performance.now()
  try {
    const response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
    // An event stream (GET /api/notifications/stream) answers with its headers and stays open:
    // that is its answer, so it is closed here rather than read to an end it never reaches.
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
      await response.body?.cancel()
    } else {
      await response.arrayBuffer()
    }
    return { status: response.status, ms: performance.now() - started, request }
  } catch {
    return { status: 0, ms: performance.now() - started, request }
  }
}
