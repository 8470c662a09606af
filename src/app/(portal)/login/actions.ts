'use server'

import config from '@payload-config'
import { login } from '@payloadcms/next/auth'
import { redirect } from 'next/navigation'

import { publicAction } from '@/actions/formAction'
import { safeNext } from '@/data/session'
import { loginSchema } from '@/schemas/account'

export const loginAction = publicAction({
  schema: loginSchema,
  run: async ({ email, password, next }) => {
    await login({ collection: 'users', config, email, password })
    redirect(safeNext(next))
  },
})
