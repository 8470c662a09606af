import { z } from 'zod'

import { defineEndpoint } from '@/lib/api/endpoint'
import { ref } from '@/lib/api/openapi/shared'
import { GRACE_PERIODS, revokeKey, rotateKey, type GracePeriod } from '@/lib/keys/manage'

/** POST /api/api-keys/:id/revoke */
export const revokeEndpoint = defineEndpoint({
  path: '/:id/revoke',
  method: 'post',
  summary: 'Revoke a key at once',
  caller: 'person',
  doing: 'revoke or rotate keys',
  response: {
    description: 'The revoked key',
    body: {
      type: 'object',
      properties: { doc: ref('api-keys'), message: { type: 'string' } },
    },
  },
  handler: async (req, { id }) =>
    Response.json({ doc: await revokeKey(req, id), message: 'API key revoked.' }),
})

const rotateBody = z.object({
  gracePeriodSeconds: z.union(
    GRACE_PERIODS.map((value) => z.literal(value)),
    { error: `gracePeriodSeconds must be one of ${GRACE_PERIODS.join(', ')}.` },
  ),
})

/** POST /api/api-keys/:id/rotate with { gracePeriodSeconds } */
export const rotateEndpoint = defineEndpoint({
  path: '/:id/rotate',
  method: 'post',
  summary: 'Rotate a key',
  description:
    'Issues a successor (its plaintext comes back once, as `doc.key`); the old key keeps working for the grace period, then expires.',
  caller: 'person',
  doing: 'revoke or rotate keys',
  body: rotateBody,
  response: {
    status: 201,
    description: 'The successor, with its plaintext once as doc.key',
    body: {
      type: 'object',
      properties: {
        doc: {
          allOf: [ref('api-keys'), { type: 'object', properties: { key: { type: 'string' } } }],
        },
        message: { type: 'string' },
      },
    },
  },
  handler: async (req, { id, body }) => {
    const doc = await rotateKey(req, id, body.gracePeriodSeconds as GracePeriod)
    return Response.json({ doc, message: 'API key rotated.' }, { status: 201 })
  },
})
