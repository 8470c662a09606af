import { z } from 'zod'

import { defineEndpoint } from '@/lib/api/endpoint'
import { errorJson } from '@/lib/api/errors'
import { recordFeedback } from '@/lib/docs/feedback'

export const feedbackBody = z.object({
  helpful: z.boolean({ error: 'helpful: send true or false.' }),
  comment: z.string().trim().max(1000, 'comment: at most 1,000 characters.').optional(),
})

/**
 * POST /api/docs-pages/:id/feedback — "was this helpful?": one vote per person and page; voting
 * again changes the vote. Answers the page's totals.
 */
export const feedbackEndpoint = defineEndpoint({
  path: '/:id/feedback',
  method: 'post',
  summary: 'Rate a docs page',
  description: '`{ helpful: true | false, comment? }`; one vote per person and page.',
  caller: 'person',
  doing: 'rate docs pages',
  body: feedbackBody,
  response: {
    description: "The page's totals and your vote",
    body: z.object({ helpful: z.number().int(), notHelpful: z.number().int(), yours: z.boolean() }),
  },
  handler: async (req, { body, id }) => {
    const result = await recordFeedback(req, Number(id), body)
    if (!result) return errorJson(404, 'Not found.')
    return Response.json(result)
  },
})
