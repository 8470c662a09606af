'use server'

import { z } from 'zod'

import { publicAction } from '@/actions/formAction'
import { applyUnsubscribe } from '@/lib/notifications/preferences'
import { readUnsubscribeToken } from '@/lib/notifications/unsubscribe'

const INVALID = 'This unsubscribe link is not valid.'

/** The signed token is the authorisation: no login needed. */
export const unsubscribeAction = publicAction({
  schema: z.object({
    token: z.string().transform((token, ctx) => {
      const target = readUnsubscribeToken(token)
      if (!target) ctx.addIssue({ code: 'custom', message: INVALID })
      return target ?? z.NEVER
    }),
  }),
  isHidden: true,
  run: async ({ token: target }, { payload }) => ({
    status: 'ok',
    message: await applyUnsubscribe(payload, target),
  }),
})
