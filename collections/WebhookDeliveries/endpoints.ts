import type { Endpoint } from 'payload'

import { redeliver } from '@/lib/webhooks/manage'

/** POST /api/webhook-deliveries/:id/redeliver */
export const redeliverEndpoint: Endpoint = {
  path: '/:id/redeliver',
  method: 'post',
  handler: async (req) => {
    if (!req.user) {
      return Response.json(
        { errors: [{ message: 'Sign in to manage webhooks.' }] },
        { status: 401 },
      )
    }
    const id = await redeliver(req, String(req.routeParams?.id ?? ''))
    return Response.json({ redelivering: id }, { status: 202 })
  },
}
