'use server'

import config from '@payload-config'
import { logout } from '@payloadcms/next/auth'
import { redirect } from 'next/navigation'

export async function logoutAction() {
  await logout({ config })
  redirect('/login?loggedOut=1')
}
