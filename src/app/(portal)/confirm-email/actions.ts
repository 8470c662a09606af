'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'

import { confirmEmailChange, EMAIL_CHANGE_PROBLEMS } from '@collections/Users/emailChange'
import { publicAction } from '@/actions/formAction'

const tokenSchema = z.object({
  token: z.string().min(20, EMAIL_CHANGE_PROBLEMS.INVALID).max(200, EMAIL_CHANGE_PROBLEMS.INVALID),
})

export const confirmEmailChangeAction = publicAction({
  schema: tokenSchema,
  isHidden: true,
  // Another account took the address between the check and the write (its unique index).
  failure: EMAIL_CHANGE_PROBLEMS.TAKEN,
  run: async ({ token }, { payload }) => {
    const result = await confirmEmailChange(payload, token)
    if (!result.ok) return { status: 'error', message: EMAIL_CHANGE_PROBLEMS[result.problem] }
    redirect('/settings/profile?emailChanged=1')
  },
})
