import { defineEndpoint } from '@/lib/api/endpoint'
import { redeliver } from '@/lib/webhooks/manage'

/** POST /api/webhook-deliveries/:id/redeliver */
export const redeliverEndpoint = defineEndpoint({
  path: '/:id/redeliver',
  method: 'post',
  summary: 'Attempt a delivery again now, with the same webhook-id',
  caller: 'account',
  doing: 'manage webhooks',
  response: {
    status: 202,
    description: 'The delivery being attempted again',
    body: { type: 'object', properties: { redelivering: { type: 'integer' } } },
  },
  handler: async (req, { id }) =>
    Response.json({ redelivering: await redeliver(req, id) }, { status: 202 }),
})
