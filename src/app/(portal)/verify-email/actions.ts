'use server'

import { redirect } from 'next/navigation'
import { z } from 'zod'

import { publicAction } from '@/actions/formAction'

const tokenSchema = z.object({
  token: z.string().min(10, 'This confirmation link is incomplete.'),
})

const USED =
  'This confirmation link is invalid or was already used. Try logging in, or sign up again.'

export const verifyEmailAction = publicAction({
  schema: tokenSchema,
  isHidden: true,
  // Whatever Payload says, the person needs the same advice.
  onError: () => ({ status: 'error', message: USED }),
  run: async ({ token }, { payload }) => {
    await payload.verifyEmail({ collection: 'users', token })
    redirect('/login?verified=1')
  },
})
