import 'server-only'

import config from '@payload-config'
import { headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { getPayload } from 'payload'
import { cache } from 'react'

import { clientIpOf } from '@/lib/net/clientAddress'
import type { User } from '@/payload-types'

export const payloadClient = () => getPayload({ config })

/** The signed-in user of this request, or null. Cached per request. */
export const currentUser = cache(async (): Promise<User | null> => {
  const payload = await payloadClient()
  const { user } = await payload.auth({ headers: await headers() })
  return (user as User | null) ?? null
})

export { safeNext } from '@/lib/redirects'

/** The signed-in user, or a redirect to /login that comes back here afterwards. */
export async function requireUser(returnTo: string): Promise<User> {
  const user = await currentUser()
  if (!user) redirect(`/login?next=${encodeURIComponent(returnTo)}`)
  return user
}

/** The client IP our server resolved (src/runtime/server.ts), for rate limits. */
export async function clientIp(): Promise<string> {
  return clientIpOf(await headers()) ?? 'local'
}
