import type { Field } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { auditChanges } from '@/components/AuditChanges'
import { stringRecord } from '@/data/webhooks'

import { testPayload } from '../helpers/payload'

type Config = Awaited<ReturnType<typeof testPayload>>['config']
let config: Config

beforeAll(async () => {
  config = (await testPayload()).config
})

/** Every field with its dotted path, through groups, rows, collapsibles, tabs, arrays, blocks. */
function walk(fields: Field[], prefix = ''): { path: string; field: Field }[] {
  return fields.flatMap((field) => {
    const path = 'name' in field && field.name ? `${prefix}${field.name}` : prefix
    const nested: Field[] = [
      ...('fields' in field ? field.fields : []),
      ...('tabs' in field ? field.tabs.flatMap((tab) => tab.fields) : []),
      ...('blocks' in field ? field.blocks.flatMap((block) => block.fields) : []),
    ]
    return [{ path, field }, ...walk(nested, path ? `${path}.` : prefix)]
  })
}

describe('the admin loads nothing from outside the deployment', () => {
  it('shows the built-in avatar, never Gravatar', () => {
    expect(config.admin.avatar).toBe('default')
  })

  it('gives every JSON and code field its own component, so Monaco never loads from a CDN', () => {
    // Payload's own collections (preferences, key-value store) are never shown in the admin.
    const shown = config.collections.filter((collection) => !collection.slug.startsWith('payload-'))
    const editors = [...shown, ...config.globals].flatMap((entity) =>
      walk(entity.fields)
        .filter(({ field }) => field.type === 'json' || field.type === 'code')
        .filter(({ field }) => !('hidden' in field && field.hidden))
        .map(({ path, field }) => ({
          field: `${entity.slug}.${path}`,
          hasComponent: Boolean(field.admin?.components && 'Field' in field.admin.components),
        })),
    )
    expect(editors.map((editor) => editor.field)).toEqual(
      expect.arrayContaining(['webhook-deliveries.attempts', 'audit-logs.changes']),
    )
    expect(editors.filter((editor) => !editor.hasComponent)).toEqual([])
  })
})

describe('readable JSON in the admin', () => {
  it('reads header maps as strings only', () => {
    expect(stringRecord({ 'x-a': '1' })).toEqual({ 'x-a': '1' })
    expect(stringRecord({ 'x-a': 1 })).toBeNull()
    expect(stringRecord(['x'])).toBeNull()
  })

  it('turns audit changes into before/after rows, and set values into rows without a before', () => {
    expect(
      auditChanges({ name: { from: 'Old', to: 'New' }, scopes: ['tracks:read'], notes: null }),
    ).toEqual([
      { field: 'name', before: 'Old', after: 'New' },
      { field: 'scopes', after: ['tracks:read'] },
      { field: 'notes', after: null },
    ])
    expect(auditChanges(null)).toEqual([])
  })
})
