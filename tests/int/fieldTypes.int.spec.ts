import type { Field } from 'payload'
import { describe, expect, it } from 'vitest'

import { dataProblem, pathProblem, whereProblem } from '@/lib/api/fieldTypes'

const fields: Field[] = [
  { name: 'title', type: 'text' },
  { name: 'count', type: 'number' },
  { name: 'tags', type: 'text', hasMany: true },
  { name: 'owner', type: 'relationship', relationTo: 'users' },
  { name: 'done', type: 'checkbox' },
  { name: 'due', type: 'date' },
  { name: 'secret', type: 'text', hidden: true },
  {
    type: 'row',
    fields: [{ name: 'inRow', type: 'number' }],
  },
  { name: 'meta', type: 'group', fields: [{ name: 'level', type: 'number' }] },
  {
    name: 'links',
    type: 'array',
    fields: [{ name: 'url', type: 'text' }],
  },
]

describe('data checked against field definitions', () => {
  it('accepts values of the right types and ignores unknown keys', () => {
    expect(
      dataProblem(fields, {
        title: 'x',
        count: 2,
        tags: ['a'],
        owner: 3,
        done: false,
        due: '2026-11-30',
        inRow: 1,
        meta: { level: 2 },
        links: [{ url: 'https://x' }],
        whatever: { anything: true },
      }),
    ).toBeNull()
    expect(dataProblem(fields, { owner: { id: 4 }, title: null })).toBeNull()
  })

  it('names the first value of the wrong type, however deep', () => {
    expect(dataProblem(fields, { title: [1, 2] })?.path).toBe('title')
    expect(dataProblem(fields, { count: '7' })?.path).toBe('count')
    expect(dataProblem(fields, { tags: 'one' })?.path).toBe('tags')
    expect(dataProblem(fields, { owner: 'abc' })?.path).toBe('owner')
    expect(dataProblem(fields, { owner: 2147483648 })?.path).toBe('owner')
    expect(dataProblem(fields, { inRow: {} })?.path).toBe('inRow')
    expect(dataProblem(fields, { meta: { level: 'high' } })?.path).toBe('meta.level')
    expect(dataProblem(fields, { links: [{ url: 5 }] })?.path).toBe('links.0.url')
    expect(dataProblem(fields, [])?.path).toBe('data')
  })
})

describe('queries checked against field definitions', () => {
  it('accepts conditions a field can answer', () => {
    expect(
      whereProblem(fields, {
        and: [{ count: { greater_than: '3' } }, { or: [{ owner: { in: '1,2' } }] }],
        due: { less_than: '2026-12-01' },
        title: { like: 'night' },
        done: { equals: 'true' },
        'meta.level': { exists: 'true' },
        'owner.email': { equals: 'anything' },
      }),
    ).toBeNull()
  })

  it('refuses operators, types and nesting a field cannot answer', () => {
    expect(whereProblem(fields, { count: { equals: 'many' } })?.path).toBe('where.count.equals')
    expect(whereProblem(fields, { id: { contains: '1' } })?.message).toMatch(/text fields only/)
    expect(whereProblem(fields, { due: { equals: 'soon' } })?.path).toBe('where.due.equals')
    expect(whereProblem(fields, { title: { bogus: 'x' } })?.path).toBe('where.title.bogus')
    expect(whereProblem(fields, { owner: { in: ['1', 'x'] } })?.path).toBe('where.owner.in')
    expect(whereProblem(fields, { title: { all: 'x' } })?.message).toMatch(/several values/)
    expect(whereProblem(fields, { tags: { all: 'x,y' } })).toBeNull()
    expect(whereProblem(fields, { title: 'x' })?.message).toMatch(/needs an operator/)
    let deep: Record<string, unknown> = { title: { equals: 'x' } }
    for (let i = 0; i < 12; i++) deep = { and: [deep] }
    expect(whereProblem(fields, deep)?.message).toMatch(/nested too deeply/)
  })

  it('sorts and selects only on fields a caller can see', () => {
    expect(pathProblem(fields, 'title', 'sort')).toBeNull()
    expect(pathProblem(fields, 'meta.level', 'select')).toBeNull()
    expect(pathProblem(fields, 'secret', 'sort')?.path).toBe('sort')
    expect(pathProblem(fields, 'nope', 'select')?.path).toBe('select')
  })
})
