import { z } from 'zod'

import { personId } from '@/lib/accounts'
import { defineEndpoint } from '@/lib/api/endpoint'
import { isFollowing, setFollowing } from '@/lib/status/follow'

const following = z.object({ following: z.boolean() })

/** GET /api/status-components/follow — whether the signed-in person follows the status page. */
export const followStateEndpoint = defineEndpoint({
  path: '/follow',
  method: 'get',
  summary: 'Whether you follow the status page',
  description: 'Followers get incidents and maintenance notices in the portal (the bell).',
  caller: 'person',
  doing: 'follow the status page',
  response: { description: 'Whether you follow it', body: following },
  handler: async (req) =>
    Response.json(
      { following: await isFollowing(req.payload, personId(req.user) as number, req) },
      { headers: { 'Cache-Control': 'private, no-store' } },
    ),
})

/** POST /api/status-components/follow — `{ follow: true | false }`. */
export const followEndpoint = defineEndpoint({
  path: '/follow',
  method: 'post',
  summary: 'Follow or stop following the status page',
  description:
    'Turns the status notices (incidents and maintenance) on or off in the portal; mail stays as set under Settings → Notifications.',
  caller: 'person',
  doing: 'follow the status page',
  body: z.object({ follow: z.boolean({ error: 'follow: true or false.' }) }),
  response: { description: 'Whether you now follow it', body: following },
  handler: async (req, { body }) =>
    Response.json({
      following: await setFollowing(req.payload, personId(req.user) as number, body.follow, req),
    }),
})
