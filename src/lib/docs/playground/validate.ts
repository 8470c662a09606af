import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema'

import type { JsonSchema } from './operations'

/** A problem with one input, named so the reader can find it: `body.url`, `path.id`, `query.limit`. */
export type FieldError = { field: string; message: string }

/** Keywords that only say "something below failed": their children carry the useful message. */
const CONTAINERS = new Set([
  '$ref',
  '$dynamicRef',
  'properties',
  'patternProperties',
  'additionalProperties',
  'items',
  'prefixItems',
  'contains',
  'allOf',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'unevaluatedProperties',
  'unevaluatedItems',
  'propertyNames',
])

/** `#/links/0/url` → `links[0].url`; `#` → `` (the value itself). */
export function fieldPath(instanceLocation: string): string {
  return instanceLocation
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part),
      '',
    )
}

const join = (prefix: string, path: string) =>
  path
    ? prefix
      ? path.startsWith('[')
        ? `${prefix}${path}`
        : `${prefix}.${path}`
      : path
    : prefix

/** cfworker's messages, said of the field (“must …”). */
const REWRITES: [RegExp, (match: RegExpExecArray) => string][] = [
  [
    /^String is too short \((\d+) < (\d+)\)\.$/,
    (m) => `must have at least ${m[2]} character${m[2] === '1' ? '' : 's'}`,
  ],
  [/^String is too long \((\d+) > (\d+)\)\.$/, (m) => `must have at most ${m[2]} characters`],
  [/^String does not match format "(.+)"\.$/, (m) => `must be a valid ${m[1]}`],
  [/^String does not match pattern\.$/, () => 'does not have the expected form'],
  [/^Instance does not match any of (.+)\.$/, (m) => `must be one of ${m[1]}`],
  [
    /^Array has too few items \((\d+) < (\d+)\)\.$/,
    (m) => `must have at least ${m[2]} item${m[2] === '1' ? '' : 's'}`,
  ],
  [/^Array has too many items \((\d+) > (\d+)\)\.$/, (m) => `must have at most ${m[2]} items`],
  [/^.+ is less than or equal to\s+(.+)\.$/, (m) => `must be more than ${m[1]}`],
  [/^.+ is less than\s+(.+)\.$/, (m) => `must be at least ${m[1]}`],
  [/^.+ is greater than or equal to\s+(.+)\.$/, (m) => `must be less than ${m[1]}`],
  [/^.+ is greater than\s+(.+)\.$/, (m) => `must be at most ${m[1]}`],
]

function describe(unit: OutputUnit, prefix: string): FieldError {
  const path = fieldPath(unit.instanceLocation)
  const required = /^Instance does not have required property "(.+)"\.$/.exec(unit.error)
  if (required) return { field: join(prefix, join(path, required[1])), message: 'is required' }
  const type = /^Instance type "(\w+)" is invalid\. Expected (.+)\.$/.exec(unit.error)
  if (type) {
    const expected = type[2].replace(/"/g, '').replace(/, (?=[^,]*$)/, ' or ')
    return { field: join(prefix, path), message: `must be ${expected}, not ${type[1]}` }
  }
  if (unit.keyword === 'false') {
    return { field: join(prefix, path), message: 'is not a field this operation accepts' }
  }
  for (const [pattern, say] of REWRITES) {
    const match = pattern.exec(unit.error)
    if (match) return { field: join(prefix, path), message: say(match) }
  }
  return { field: join(prefix, path), message: unit.error.replace(/^Instance /, 'the value ') }
}

/**
 * A validator for one schema of the document, by JSON Schema 2020-12 (OpenAPI 3.1's dialect),
 * through @cfworker/json-schema: no eval or `new Function`, which the strict CSP forbids.
 * References (`#/components/schemas/…`) resolve against the document's components.
 */
export function schemaValidator(
  schema: JsonSchema,
  components: Record<string, unknown> | undefined,
  prefix = '',
): (value: unknown) => FieldError[] {
  const root = {
    $id: 'https://portal.invalid/openapi.json',
    $ref: '#/$defs/target',
    $defs: { target: structuredClone(schema) },
    components: structuredClone(components ?? {}),
  }
  const validator = new Validator(root as unknown as Schema, '2020-12', false)
  return (value) => {
    const { valid, errors } = validator.validate(value)
    if (valid) return []
    const seen = new Set<string>()
    return errors
      .filter((unit) => !CONTAINERS.has(unit.keyword))
      .map((unit) => describe(unit, prefix))
      .filter((error) => {
        const id = `${error.field} ${error.message}`
        if (seen.has(id)) return false
        seen.add(id)
        return true
      })
  }
}
