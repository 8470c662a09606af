import 'server-only'

import { cache } from 'react'

import { usersWithSecondFactor } from '@/lib/auth/twoFactor'
import type { KeyUser } from '@/lib/keys/collectionScopes'
import type { User } from '@/payload-types'

import { payloadClient } from './session'

/**
 * The organizations of the person that require two-factor authentication they have
 * not turned on (for the banner on every page). Cached per request.
 */
export const organizationsAwaitingTwoFactor = cache(
  async (user: User): Promise<{ id: number; name: string }[]> => {
    if ((user as KeyUser).apiKey) return []
    const payload = await payloadClient()
    const { docs } = await payload.find({
      collection: 'organizations',
      where: {
        and: [{ 'members.user': { equals: user.id } }, { requireTwoFactor: { equals: true } }],
      },
      depth: 0,
      pagination: false,
      sort: 'name',
      overrideAccess: false,
      user,
      select: { name: true },
    })
    if (docs.length === 0) return []
    const has = await usersWithSecondFactor({ payload }, [user.id])
    return has.has(Number(user.id)) ? [] : docs.map((doc) => ({ id: doc.id, name: doc.name }))
  },
)

/** Which members of an organization have a second factor (for its managers). */
export async function membersWithSecondFactor(memberIds: number[]): Promise<Set<number>> {
  const payload = await payloadClient()
  return usersWithSecondFactor({ payload }, memberIds)
}
