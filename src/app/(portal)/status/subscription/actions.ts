'use server'

import { z } from 'zod'

import { publicAction } from '@/actions/formAction'
import { confirmSubscription } from '@/lib/status/subscriptions'
import { readStatusToken } from '@/lib/status/tokens'

const INVALID =
  'This confirmation link is not valid or has expired. Subscribe again on the status page.'

/** The signed token of the confirmation mail is the authorisation: no login needed. */
export const confirmSubscriptionAction = publicAction({
  schema: z.object({
    token: z.string().transform((token, ctx) => {
      const claims = readStatusToken(token, 'confirm')
      if (!claims) ctx.addIssue({ code: 'custom', message: INVALID })
      return claims ?? z.NEVER
    }),
  }),
  isHidden: true,
  run: async ({ token }, { payload }) => {
    const confirmation = await confirmSubscription(payload, token)
    if (!confirmation) {
      return { status: 'error', message: 'This subscription no longer exists. Subscribe again.' }
    }
    return {
      status: confirmation.isConfirmed ? 'ok' : 'error',
      message: confirmation.message,
    }
  },
})
