'use server'

import { personAction } from '@/actions/formAction'
import { createEndpointSchema, type CreatedEndpointState } from '@/schemas/webhooks'

/**
 * Adds an endpoint and returns its signing secret once, in the action state (never in a URL or
 * log). The server refuses URLs that resolve to private addresses, on the `url` field.
 */
export const createEndpointAction = personAction<typeof createEndpointSchema, CreatedEndpointState>(
  {
    schema: createEndpointSchema,
    lists: ['events'],
    failure: 'The endpoint could not be added. Try again.',
    revalidate: () => ['/settings/webhooks'],
    run: async ({ organization, ...data }, { payload, user, ip }) => {
      const doc = await payload.create({
        collection: 'webhook-endpoints',
        data: { ...data, organization: organization ?? null },
        depth: 0,
        overrideAccess: false,
        user,
        context: { ip: await ip() },
      })
      if (typeof doc.secret !== 'string') {
        throw new Error('the created endpoint came back without its secret')
      }
      return {
        status: 'ok',
        message: 'Endpoint added.',
        created: { id: doc.id, url: doc.url, secret: doc.secret },
      }
    },
  },
)
