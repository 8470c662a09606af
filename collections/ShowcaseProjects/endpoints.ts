import { z } from 'zod'

import { defineEndpoint } from '@/lib/api/endpoint'
import { requireKeyScope } from '@/lib/models/http'
import { featureProjectAs, reviewProjectAs, setMakerAs } from '@/lib/showcase/review'
import { setVote } from '@/lib/showcase/votes'

const voteAnswer = z.object({ votes: z.number().int(), voted: z.boolean() })
const projectAnswer = z.object({
  doc: z.object({ id: z.number().int(), slug: z.string(), status: z.string() }),
})
const answer = (doc: { id: number; slug: string; status: string; featured?: boolean | null }) =>
  Response.json({ doc: { id: doc.id, slug: doc.slug, status: doc.status, featured: doc.featured } })

const vote = (method: 'post' | 'delete') =>
  defineEndpoint({
    path: '/:id/vote',
    method,
    summary: method === 'post' ? 'Upvote a project' : 'Withdraw your upvote',
    description:
      'Once per person and project (voting again changes nothing), never on your own project; at most 30 a minute. Votes of accounts younger than a day count in the ranking a day later.',
    caller: 'account',
    doing: 'vote on projects',
    response: { description: 'The project’s votes', body: voteAnswer },
    handler: async (req, { id }) => {
      requireKeyScope(req, 'community:write')
      return Response.json(await setVote(req, Number(id), method === 'post'))
    },
  })

const feature = (method: 'post' | 'delete') =>
  defineEndpoint({
    path: '/:id/feature',
    method,
    summary: method === 'post' ? 'Feature a project (staff)' : 'Stop featuring a project (staff)',
    caller: 'person',
    doing: 'feature projects',
    response: { description: 'The project', body: projectAnswer },
    handler: async (req, { id }) =>
      answer(await featureProjectAs(req, Number(id), method === 'post')),
  })

const maker = (method: 'post' | 'delete') =>
  defineEndpoint({
    path: '/:id/maker',
    method,
    summary: method === 'post' ? 'Accept being listed as a maker' : 'Leave a project’s makers',
    caller: 'person',
    doing: 'change makers',
    response: { description: 'The project', body: projectAnswer },
    handler: async (req, { id }) => answer(await setMakerAs(req, Number(id), method === 'post')),
  })

export const projectEndpoints = [
  vote('post'),
  vote('delete'),
  defineEndpoint({
    path: '/:id/review',
    method: 'post',
    summary: 'Approve or reject a submitted project, or a published one’s changes (moderators)',
    description:
      'A rejection needs a reason; the makers are told either way. A decision on a published project’s changes waiting for review names their `version` (what the moderation panel shows): changes edited since are refused with 409.',
    caller: 'person',
    doing: 'review projects',
    body: z.object({
      decision: z.enum(['approve', 'reject']),
      reason: z.string().trim().max(1000).optional(),
      version: z.string().max(64).optional(),
    }),
    response: { description: 'The project', body: projectAnswer },
    handler: async (req, { body, id }) =>
      answer(
        await reviewProjectAs(req, Number(id), body.decision, body.reason ?? '', body.version),
      ),
  }),
  feature('post'),
  feature('delete'),
  maker('post'),
  maker('delete'),
]
