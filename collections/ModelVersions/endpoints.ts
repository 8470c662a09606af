import { z } from 'zod'

import { defineEndpoint } from '@/lib/api/endpoint'
import { requireKeyScope } from '@/lib/models/http'
import { requestPublish } from '@/lib/models/publish'

export const versionEndpoints = [
  defineEndpoint({
    path: '/:id/publish',
    method: 'post',
    summary: 'Publish a model version',
    description:
      'The version must have files, all uploaded. It waits for their safety scans (`scanning`), then goes live as the latest version (`published`); the first publishes the model.',
    caller: 'account',
    doing: 'publish models',
    response: {
      description: 'The version',
      body: z.object({
        doc: z.object({ id: z.number().int(), status: z.enum(['draft', 'scanning', 'published']) }),
      }),
    },
    handler: async (req, { id }) => {
      requireKeyScope(req, 'models:write')
      return Response.json({ doc: await requestPublish(req, Number(id)) })
    },
  }),
]
