import config from '@payload-config'
import { Validator } from '@seriousme/openapi-schema-validator'
import type { SanitizedConfig } from 'payload'
import { describe, expect, it } from 'vitest'

import { openApiDocument } from '@/lib/api/openapi'

type Doc = {
  paths: Record<string, Record<string, { operationId: string; security: object[] }>>
  components: {
    schemas: Record<string, { properties: Record<string, unknown>; required: string[] }>
  }
}

const build = (sanitized: SanitizedConfig) =>
  openApiDocument(sanitized, 'http://localhost:3000') as unknown as Doc

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = build(await config)
    const result = await new Validator().validate(doc as unknown as Record<string, unknown>)
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
  })

  it('is refused by the validator when broken (the check can fail)', async () => {
    const doc = build(await config) as unknown as Record<string, unknown>
    const components = doc.components as { schemas: Record<string, unknown> }
    // A component name with a colon: what the document had before names were made valid.
    const badName = { ...doc, components: { ...components, schemas: { 'users:input': {} } } }
    const noIn = { ...doc, paths: { '/api/x': { get: { parameters: [{ name: 'q' }] } } } }
    expect((await new Validator().validate(badName)).valid).toBe(false)
    expect((await new Validator().validate(noIn)).valid).toBe(false)
  })

  it('writes summaries as plain text', async () => {
    const { paths } = build(await config)
    const summaries = Object.values(paths).flatMap((operations) =>
      Object.values(operations).map(
        (operation) => (operation as unknown as { summary: string }).summary,
      ),
    )
    expect(summaries.filter((summary) => summary.includes('`'))).toEqual([])
    expect(summaries).toContain('The signed-in user (user: null for an organization key)')
  })

  it('gives every operation a unique operationId', async () => {
    const ids = Object.values(build(await config).paths).flatMap((operations) =>
      Object.values(operations).map((operation) => operation.operationId),
    )
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('never shows hidden fields, and leaves what only the system writes out of bodies', async () => {
    const { schemas } = build(await config).components
    expect(Object.keys(schemas['api-keys'].properties)).not.toContain('keyHash')
    expect(Object.keys(schemas.users.properties)).not.toEqual(expect.arrayContaining(['hash']))
    for (const secret of ['salt', 'hash', 'resetPasswordToken', '_verificationToken', 'password']) {
      expect(schemas.users.properties).not.toHaveProperty(secret)
    }
    expect(schemas['users.create'].properties).toHaveProperty('password')
    expect(schemas['users.create'].properties).not.toHaveProperty('roles')
    expect(schemas['api-keys'].properties).toHaveProperty('status')
    expect(schemas['api-keys.update'].properties).not.toHaveProperty('status')
    expect(schemas['api-keys.update'].properties).not.toHaveProperty('id')
    // Read-only in the admin panel: hooks or Payload set them.
    expect(schemas['organization-invitations.create'].properties).not.toHaveProperty('acceptedAt')
    expect(schemas['media.create'].properties).not.toHaveProperty('filename')
    expect(schemas['media.create'].properties).toHaveProperty('alt')
  })

  it('takes uploads as multipart form data, and names only schemas it defines', async () => {
    const doc = build(await config)
    const body = JSON.stringify(doc.paths['/api/media'].post)
    expect(body).toContain('multipart/form-data')
    const refs = [...JSON.stringify(doc).matchAll(/"#\/components\/schemas\/([^"]+)"/g)]
    for (const [, name] of refs) expect(doc.components.schemas, name).toHaveProperty([name])
    expect(Object.keys(doc.components.schemas).some((name) => name.startsWith('payload-'))).toBe(
      false,
    )
  })

  it("lists a key's scope on each operation, and closes to keys what keys cannot use", async () => {
    const { paths } = build(await config)
    expect(paths['/api/webhook-endpoints'].get.security).toContainEqual({
      apiKey: ['webhooks:manage'],
    })
    expect(paths['/api/keys/verify'].post.security).toEqual([{ apiKey: ['keys:verify'] }])
    expect(paths['/api/users/me'].get.security).toContainEqual({ apiKey: [] })
    expect(JSON.stringify(paths['/api/api-keys/{id}/revoke'].post.security)).not.toContain('apiKey')
    expect(JSON.stringify(paths['/api/organization-invitations'].get.security)).not.toContain(
      'apiKey',
    )
  })

  it('changes when a collection field changes', async () => {
    const sanitized = await config
    const color = { name: 'color', type: 'text', required: true } as const
    const changed = {
      ...sanitized,
      collections: sanitized.collections.map((collection) =>
        collection.slug === 'webhook-endpoints'
          ? {
              ...collection,
              fields: [...collection.fields, color],
              flattenedFields: [...collection.flattenedFields, color],
            }
          : collection,
      ),
    } as SanitizedConfig
    const before = build(sanitized).components.schemas
    const after = build(changed).components.schemas
    expect(before['webhook-endpoints'].properties).not.toHaveProperty('color')
    expect(after['webhook-endpoints'].properties.color).toEqual({ type: 'string' })
    expect(after['webhook-endpoints.create'].required).toContain('color')
    expect(after['webhook-endpoints.update'].properties).toHaveProperty('color')
  })
})

describe('the TuneTrail API in the document', () => {
  it('lists the /v1 surface every non-service scope is for, on the TuneTrail API server', async () => {
    const doc = openApiDocument(await config, 'http://localhost:3000') as {
      paths: Record<string, Record<string, Record<string, unknown>>>
    }
    const v1 = Object.entries(doc.paths)
      .filter(([route]) => route.startsWith('/v1/'))
      .flatMap(([, operations]) => Object.values(operations))
    const scopes = new Set(v1.flatMap((operation) => operation['x-required-scopes'] as string[]))
    for (const scope of ['tracks:read', 'tracks:write', 'recommendations:read', 'audio:process']) {
      expect(scopes).toContain(scope)
    }
    for (const scope of ['models:read', 'models:train']) expect(scopes).toContain(scope)
    for (const operation of v1) {
      expect(operation['x-tunetrail-api']).toBe(true)
      expect(operation.servers).toEqual([
        { url: 'https://api.tunetrail.dev', description: 'The TuneTrail API' },
      ])
    }
    // Bodies come from the zod schemas (src/schemas/tunetrail.ts).
    const create = doc.paths['/v1/tracks'].post.requestBody as {
      content: { 'application/json': { schema: { required: string[] } } }
    }
    expect(create.content['application/json'].schema.required).toEqual(['title', 'artist'])
  })
})

describe('custom endpoints in the document', () => {
  it('describe what they answer, from the same schemas', async () => {
    const doc = openApiDocument(await config, 'http://localhost:3000') as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>
    }
    const rotate = doc.paths['/api/api-keys/{id}/rotate'].post.responses
    expect(Object.keys(rotate)).toContain('201')
    expect(JSON.stringify(rotate['201'])).toContain('#/components/schemas/api-keys')
    const replay = doc.paths['/api/webhook-endpoints/{id}/replay'].post.responses['202']
    expect(replay).toMatchObject({
      content: {
        'application/json': {
          schema: { properties: { replayed: { type: 'integer' } }, required: ['replayed'] },
        },
      },
    })
    // No custom endpoint is left with the generic answer.
    expect(JSON.stringify(doc.paths)).not.toContain('"description":"Done"')
  })
})
