import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import type { KeyUser } from '@/lib/keys/collectionScopes'
import { GRACE_PERIODS, revokeKey, rotateKey, type GracePeriod } from '@/lib/keys/manage'

const idOf = (req: PayloadRequest) => String(req.routeParams?.id ?? '')

const isKeyCaller = (req: PayloadRequest) => Boolean((req.user as KeyUser | null)?.apiKey)

const keyRefused = () =>
  Response.json(
    {
      errors: [
        { code: 'INSUFFICIENT_SCOPE', message: 'API keys cannot revoke or rotate keys: sign in.' },
      ],
    },
    { status: 403 },
  )

const unauthorized = () =>
  Response.json(
    { errors: [{ message: 'Sign in or send an API key to manage keys.' }] },
    { status: 401 },
  )

/** POST /api/api-keys/:id/revoke */
export const revokeEndpoint: Endpoint = {
  path: '/:id/revoke',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return unauthorized()
    if (isKeyCaller(req)) return keyRefused()
    const doc = await revokeKey(req, idOf(req))
    return Response.json({ doc, message: 'API key revoked.' })
  },
}

const rotateBody = z.object({
  gracePeriodSeconds: z.union(
    GRACE_PERIODS.map((value) => z.literal(value)),
    {
      error: `gracePeriodSeconds must be one of ${GRACE_PERIODS.join(', ')}.`,
    },
  ),
})

/** POST /api/api-keys/:id/rotate with { gracePeriodSeconds } */
export const rotateEndpoint: Endpoint = {
  path: '/:id/rotate',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return unauthorized()
    if (isKeyCaller(req)) return keyRefused()
    const body = await req.json?.().catch(() => null)
    const parsed = rotateBody.safeParse(body ?? {})
    if (!parsed.success) {
      return Response.json(
        { errors: [{ message: parsed.error.issues[0].message, field: 'gracePeriodSeconds' }] },
        { status: 400 },
      )
    }
    const doc = await rotateKey(req, idOf(req), parsed.data.gracePeriodSeconds as GracePeriod)
    return Response.json({ doc, message: 'API key rotated.' }, { status: 201 })
  },
}
