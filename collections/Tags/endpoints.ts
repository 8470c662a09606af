import { z } from 'zod'

import { defineEndpoint } from '@/lib/api/endpoint'
import { mergeTags } from '@/lib/forum/actions'

/** POST /api/tags/merge — moderators only. */
export const mergeTagsEndpoint = defineEndpoint({
  path: '/merge',
  method: 'post',
  summary: 'Merge tags (moderators)',
  description: 'Discussions tagged with any of `from` get `into`; the `from` tags are deleted.',
  caller: 'person',
  doing: 'merge tags',
  body: z.object({
    from: z.array(z.number().int().positive()).min(1).max(50),
    into: z.number().int().positive(),
  }),
  response: {
    description: 'How many taggings moved',
    body: z.object({ merged: z.number().int() }),
  },
  handler: async (req, { body }) => Response.json(await mergeTags(req, body.from, body.into)),
})
