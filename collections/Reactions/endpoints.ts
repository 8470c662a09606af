import { z } from 'zod'

import { defineEndpoint } from '@/lib/api/endpoint'
import { toggleReaction } from '@/lib/forum/actions'
import { REACTION_KEYS } from '@/lib/forum/config'
import { refuseWithoutScope } from '@/lib/forum/http'

export const reactionBody = z
  .object({
    discussion: z.number().int().positive().optional(),
    reply: z.number().int().positive().optional(),
    reaction: z.enum(REACTION_KEYS as [string, ...string[]]),
  })
  .refine((body) => (body.discussion === undefined) !== (body.reply === undefined), {
    path: ['discussion'],
    message: 'discussion: name one post, `discussion` or `reply`.',
  })

const toggle = defineEndpoint({
  path: '/toggle',
  method: 'post',
  summary: 'React to a post, or take the reaction back',
  description: `\`{ discussion | reply, reaction }\` with a reaction of ${REACTION_KEYS.join(', ')}.`,
  caller: 'account',
  doing: 'react',
  body: reactionBody,
  response: {
    description: 'Whether you now react so, and how many do',
    body: z.object({ isReacted: z.boolean(), count: z.number().int() }),
  },
  handler: async (req, { body }) =>
    refuseWithoutScope(req) ?? Response.json(await toggleReaction(req, body as never)),
})

export const reactionEndpoints = [toggle]
