'use server'

import { personAction } from '@/actions/formAction'
import { createKeySchema, type IssuedKeyState } from '@/schemas/apiKeys'

/** Creates a key and returns its plaintext once, in the action state (never in a URL or log). */
export const createKeyAction = personAction<typeof createKeySchema, IssuedKeyState>({
  schema: createKeySchema,
  lists: ['scopes'],
  failure: 'The key could not be created. Try again.',
  revalidate: () => ['/api-keys'],
  run: async ({ organization, ...data }, { payload, user, ip }) => {
    const doc = await payload.create({
      collection: 'api-keys',
      data: {
        ...data,
        expiresAt: data.expiresAt?.toISOString() ?? null,
        organization: organization ?? null,
        // Required by the generated type; the collection sets it on create whatever is sent.
        status: 'active',
      },
      depth: 0,
      overrideAccess: false,
      user,
      context: { ip: await ip() },
    })
    if (typeof doc.key !== 'string') throw new Error('the created key came back without its value')
    return {
      status: 'ok',
      message: 'API key created.',
      issued: { id: doc.id, key: doc.key, display: doc.display ?? '', name: doc.name },
    }
  },
})
