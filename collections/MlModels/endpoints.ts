import { z } from 'zod'

import { defineEndpoint } from '@/lib/api/endpoint'
import { requireKeyScope } from '@/lib/models/http'
import { forkModel, starModel, unstarModel } from '@/lib/models/actions'
import { forkSchema } from '@/schemas/models'

const starAnswer = z.object({ stars: z.number().int(), starred: z.boolean() })

export const modelEndpoints = [
  defineEndpoint({
    path: '/:id/star',
    method: 'post',
    summary: 'Star a model',
    description: 'Once per person and model; starring again changes nothing. The owners are told.',
    caller: 'account',
    doing: 'star models',
    response: { description: 'The model’s stars', body: starAnswer },
    handler: async (req, { id }) => {
      requireKeyScope(req, 'models:write')
      return Response.json(await starModel(req, Number(id)))
    },
  }),
  defineEndpoint({
    path: '/:id/star',
    method: 'delete',
    summary: 'Remove your star from a model',
    caller: 'account',
    doing: 'star models',
    response: { description: 'The model’s stars', body: starAnswer },
    handler: async (req, { id }) => {
      requireKeyScope(req, 'models:write')
      return Response.json(await unstarModel(req, Number(id)))
    },
  }),
  defineEndpoint({
    path: '/:id/fork',
    method: 'post',
    summary: 'Fork a model',
    description:
      'A copy of a published model you can see, owned by you (or an organization you manage), with `baseModel` pointing back; its files reference the originals (nothing is copied).',
    caller: 'account',
    doing: 'fork models',
    body: forkSchema,
    response: {
      status: 201,
      description: 'The fork',
      body: z.object({
        doc: z.object({ id: z.number().int(), slug: z.string(), ownerHandle: z.string() }),
      }),
    },
    handler: async (req, { body, id }) => {
      requireKeyScope(req, 'models:write')
      const doc = await forkModel(req, Number(id), body)
      return Response.json({ doc }, { status: 201 })
    },
  }),
]
