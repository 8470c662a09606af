import { z } from 'zod'

import { defineEndpoint } from '@/lib/api/endpoint'
import { acceptAnswer, setVote, setWatch } from '@/lib/forum/actions'
import { refuseWithoutScope } from '@/lib/forum/http'

const accept = defineEndpoint({
  path: '/:id/accept',
  method: 'post',
  summary: 'Accept a reply as the answer to a question',
  description:
    'The question’s author or a moderator; `{ reply: <reply id> }`, or `{ reply: null }` to clear it.',
  caller: 'account',
  doing: 'accept an answer',
  body: z.object({ reply: z.number().int().positive().nullable() }),
  response: {
    description: 'The accepted answer',
    body: z.object({ acceptedAnswer: z.number().int().nullable() }),
  },
  handler: async (req, { body, id }) =>
    refuseWithoutScope(req) ?? Response.json(await acceptAnswer(req, Number(id), body.reply)),
})

const vote = defineEndpoint({
  path: '/:id/vote',
  method: 'post',
  summary: 'Upvote a feature request (once per member)',
  description: '`{ vote: true }` adds your vote, `{ vote: false }` takes it back.',
  caller: 'account',
  doing: 'vote',
  body: z.object({ vote: z.boolean() }),
  response: {
    description: 'The votes now',
    body: z.object({ voteCount: z.number().int(), hasVoted: z.boolean() }),
  },
  handler: async (req, { body, id }) =>
    refuseWithoutScope(req) ?? Response.json(await setVote(req, Number(id), body.vote)),
})

const watch = defineEndpoint({
  path: '/:id/watch',
  method: 'post',
  summary: 'Watch a discussion (a notification for each new reply)',
  caller: 'account',
  doing: 'watch discussions',
  body: z.object({ watch: z.boolean() }),
  response: { description: 'Whether you watch it', body: z.object({ isWatching: z.boolean() }) },
  handler: async (req, { body, id }) =>
    refuseWithoutScope(req) ?? Response.json(await setWatch(req, Number(id), body.watch)),
})

export const discussionEndpoints = [accept, vote, watch]
