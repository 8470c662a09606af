import type { Field, Where } from 'payload'

/**
 * Checks of what a request says against a collection's field definitions — the values of a
 * create or update, and `where`, `sort` and `select` of a query — so that a value of the wrong
 * type gets a 400 naming its field instead of reaching a hook or the database (where it would
 * end as a 500). Derived from the fields, so every collection is covered as it is written.
 */
export type Problem = { path: string; message: string }

type Kind = 'id' | 'number' | 'date' | 'boolean' | 'text' | 'point' | 'any'

const MAX_INT = 2_147_483_647
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

type Named = Field & { name: string }
const hasName = (field: Field): field is Named => 'name' in field && typeof field.name === 'string'

/** The fields at one level, with unnamed containers (rows, collapsibles, unnamed tabs) opened. */
export function levelFields(fields: Field[]): Named[] {
  const out: Named[] = []
  for (const field of fields) {
    if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        if ('name' in tab && tab.name) out.push({ ...tab, type: 'group' } as unknown as Named)
        else out.push(...levelFields(tab.fields))
      }
    } else if ((field.type === 'row' || field.type === 'collapsible') && !hasName(field)) {
      out.push(...levelFields(field.fields))
    } else if (hasName(field)) {
      out.push(field)
    }
  }
  return out
}

const fieldNamed = (fields: Field[], name: string) =>
  levelFields(fields).find((field) => field.name === name)

function kindOf(field: Named): Kind {
  switch (field.type) {
    case 'relationship':
    case 'upload':
      return 'id'
    case 'number':
      return 'number'
    case 'date':
      return 'date'
    case 'checkbox':
      return 'boolean'
    case 'point':
      return 'point'
    case 'json':
    case 'richText':
    case 'group':
    case 'array':
    case 'blocks':
    case 'join':
      return 'any'
    default:
      return 'text'
  }
}

/** What a `where`/`sort`/`select` path names: undefined when no field has it. */
export function resolvePath(
  fields: Field[],
  path: string,
): { kind: Kind; field?: Named } | undefined {
  if (path === 'id') return { kind: 'id' }
  let level = fields
  const segments = path.split('.')
  for (let index = 0; index < segments.length; index++) {
    const field = fieldNamed(level, segments[index])
    if (!field) return undefined
    const isLast = index === segments.length - 1
    if (isLast) return { kind: kindOf(field), field }
    if (field.type === 'group' || field.type === 'array') {
      level = (field as unknown as { fields: Field[] }).fields
      continue
    }
    // Past a relationship the path is the related collection's (Payload checks it there).
    if (field.type === 'relationship' || field.type === 'upload') return { kind: 'any', field }
    return { kind: 'any', field }
  }
  return undefined
}

const isNumeric = (value: unknown) =>
  (typeof value === 'number' && Number.isFinite(value)) ||
  (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))

const isId = (value: unknown) =>
  isNumeric(value) &&
  Number.isInteger(Number(value)) &&
  Number(value) >= 1 &&
  Number(value) <= MAX_INT

const isDate = (value: unknown) =>
  (typeof value === 'string' && value.length <= 64 && !Number.isNaN(Date.parse(value))) ||
  (typeof value === 'number' && Number.isFinite(value))

function scalarProblem(kind: Kind, value: unknown, path: string): Problem | null {
  if (value === null) return null
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? { path, message: `${path} is not a date.` } : null
  }
  if (Array.isArray(value) || isObject(value)) {
    return kind === 'any' ? null : { path, message: `${path} must be a single value.` }
  }
  if (kind === 'id' && !isId(value))
    return { path, message: `${path} must be an id (a positive whole number).` }
  if (kind === 'number' && !isNumeric(value)) return { path, message: `${path} must be a number.` }
  if (kind === 'date' && !isDate(value))
    return { path, message: `${path} must be a date, like 2026-11-30.` }
  if (kind === 'boolean' && !['true', 'false', true, false].includes(value as string)) {
    return { path, message: `${path} must be true or false.` }
  }
  return null
}

const OPERATORS = new Set([
  'equals',
  'not_equals',
  'in',
  'not_in',
  'all',
  'exists',
  'like',
  'not_like',
  'contains',
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
  'near',
  'within',
  'intersects',
])
const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])
const GEO_OPERATORS = new Set(['near', 'within', 'intersects'])
const MAX_WHERE_DEPTH = 8

/** A `where` the collection can answer, or the first problem with it. */
export function whereProblem(
  fields: Field[],
  where: unknown,
  at = 'where',
  depth = 0,
): Problem | null {
  if (depth > MAX_WHERE_DEPTH) return { path: at, message: `${at} is nested too deeply.` }
  if (!isObject(where)) return { path: at, message: `${at} must be an object of conditions.` }
  for (const [key, value] of Object.entries(where as Where)) {
    const path = `${at}.${key}`
    if (key === 'and' || key === 'or') {
      const list = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : null
      if (!list || list.length > 50)
        return { path, message: `${path} must be a list of up to 50 conditions.` }
      for (const [index, item] of list.entries()) {
        const problem = whereProblem(fields, item, `${path}.${index}`, depth + 1)
        if (problem) return problem
      }
      continue
    }
    if (!isObject(value)) {
      return { path, message: `${path} needs an operator, like where[${key}][equals]=…` }
    }
    // An unknown path is Payload's to refuse (it names it, with a 400).
    const resolved = resolvePath(fields, key)
    const kind = resolved?.kind ?? 'any'
    const isList = Boolean(resolved?.field && 'hasMany' in resolved.field && resolved.field.hasMany)
    for (const [operator, operand] of Object.entries(value)) {
      const at2 = `${path}.${operator}`
      if (!OPERATORS.has(operator)) return { path: at2, message: `${operator} is not an operator.` }
      if (GEO_OPERATORS.has(operator)) {
        if (kind !== 'point' && kind !== 'any') {
          return { path: at2, message: `${operator} works on location fields only.` }
        }
        continue
      }
      if (operator === 'exists') {
        if (!['true', 'false', true, false].includes(operand as string)) {
          return { path: at2, message: `${at2} must be true or false.` }
        }
        continue
      }
      if (operator === 'all' && resolved?.field && kind !== 'any' && !isList) {
        return { path: at2, message: 'all works on fields that hold several values.' }
      }
      if (LIST_OPERATORS.has(operator)) {
        const items = Array.isArray(operand)
          ? operand
          : isObject(operand)
            ? Object.values(operand)
            : typeof operand === 'string'
              ? operand.split(',')
              : [operand]
        if (items.length > 500) return { path: at2, message: `${at2} lists more than 500 values.` }
        for (const item of items) {
          const problem = scalarProblem(kind, item, at2)
          if (problem) return problem
        }
        continue
      }
      const isTextOperator =
        operator === 'like' || operator === 'not_like' || operator === 'contains'
      if (
        isTextOperator &&
        (kind === 'id' || kind === 'number' || kind === 'date' || kind === 'boolean')
      ) {
        return { path: at2, message: `${operator} works on text fields only.` }
      }
      const problem = scalarProblem(isTextOperator ? 'text' : kind, operand, at2)
      if (problem) return problem
    }
  }
  return null
}

/** Field paths of `sort` (`-createdAt,name`) or `select` keys that name no visible field. */
export function pathProblem(fields: Field[], path: string, at: string): Problem | null {
  const resolved = resolvePath(fields, path)
  if (!resolved || (resolved.field && 'hidden' in resolved.field && resolved.field.hidden)) {
    return { path: at, message: `${at}: there is no field "${path.slice(0, 80)}".` }
  }
  return null
}

const MAX_JSON_BYTES = 200_000

/** The first value of `data` whose type its field cannot take. Unknown keys are ignored. */
export function dataProblem(fields: Field[], data: unknown, at = ''): Problem | null {
  if (!isObject(data))
    return { path: at || 'data', message: `${at || 'The body'} must be an object.` }
  for (const field of levelFields(fields)) {
    if (!(field.name in data)) continue
    const value = data[field.name]
    const path = at ? `${at}.${field.name}` : field.name
    const problem = valueProblem(field, value, path)
    if (problem) return problem
  }
  return null
}

function valueProblem(field: Named, value: unknown, path: string): Problem | null {
  if (value === null || value === undefined) return null
  const many = 'hasMany' in field && field.hasMany === true
  const each = (check: (item: unknown, itemPath: string) => Problem | null): Problem | null => {
    if (!Array.isArray(value)) return { path, message: `${path} must be a list.` }
    for (const [index, item] of value.entries()) {
      const problem = check(item, `${path}.${index}`)
      if (problem) return problem
    }
    return null
  }
  const text = (item: unknown, itemPath: string) =>
    typeof item === 'string' ? null : { path: itemPath, message: `${itemPath} must be text.` }
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'code':
    case 'select':
    case 'radio':
      return many ? each(text) : text(value, path)
    case 'number': {
      const number = (item: unknown, itemPath: string) =>
        typeof item === 'number' && Number.isFinite(item)
          ? null
          : { path: itemPath, message: `${itemPath} must be a number.` }
      return many ? each(number) : number(value, path)
    }
    case 'checkbox':
      return typeof value === 'boolean' ? null : { path, message: `${path} must be true or false.` }
    case 'date':
      return isDate(value)
        ? null
        : { path, message: `${path} must be a date, like 2026-11-30T10:00:00Z.` }
    case 'point':
      return Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === 'number')
        ? null
        : { path, message: `${path} must be [longitude, latitude].` }
    case 'relationship':
    case 'upload': {
      const isPolymorphic = Array.isArray(field.relationTo)
      const reference = (item: unknown, itemPath: string) => {
        const id = isObject(item) ? (isPolymorphic ? item.value : item.id) : item
        if (isPolymorphic && !(isObject(item) && typeof item.relationTo === 'string')) {
          return { path: itemPath, message: `${itemPath} must be { relationTo, value }.` }
        }
        return isId(isObject(id) ? id.id : id)
          ? null
          : { path: itemPath, message: `${itemPath} must be an id (a positive whole number).` }
      }
      return many ? each(reference) : reference(value, path)
    }
    case 'group':
      return dataProblem(field.fields, value, path)
    case 'array':
      return each((item, itemPath) => dataProblem(field.fields, item, itemPath))
    case 'blocks':
      return each((item, itemPath) => {
        const blockType = isObject(item) ? item.blockType : undefined
        const block = field.blocks.find((candidate) => candidate.slug === blockType)
        if (!block) return { path: itemPath, message: `${itemPath} needs a known blockType.` }
        return dataProblem(block.fields, item, itemPath)
      })
    case 'json':
    case 'richText': {
      const size = JSON.stringify(value)?.length ?? 0
      if (field.type === 'richText' && !isObject(value)) {
        return { path, message: `${path} must be a rich-text document.` }
      }
      return size > MAX_JSON_BYTES ? { path, message: `${path} is too large.` } : null
    }
    default:
      return null
  }
}
