'use server'

import { z } from 'zod'

import { publicAction } from '@/actions/formAction'
import { endSubscription } from '@/lib/status/subscriptions'
import { readStatusToken } from '@/lib/status/tokens'

/** The signed token of a notice's link is the authorisation: no login needed. */
export const endSubscriptionAction = publicAction({
  schema: z.object({
    token: z.string().transform((token, ctx) => {
      const claims = readStatusToken(token, 'unsubscribe')
      if (!claims) ctx.addIssue({ code: 'custom', message: 'This unsubscribe link is not valid.' })
      return claims ?? z.NEVER
    }),
  }),
  isHidden: true,
  run: async ({ token }, { payload }) => ({
    status: 'ok',
    message: await endSubscription(payload, token.subscriberId),
  }),
})
