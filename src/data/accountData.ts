import 'server-only'

import { listExports } from '@/lib/accountData/exports'
import { deletionOf, soleOwnedOrganizations } from '@/lib/accountData/deletion'
import { deletionFactors } from '@/lib/accountData/secondFactor'
import { db } from '@/lib/db'
import type { User } from '@/payload-types'

import { payloadClient } from './session'

/** What /settings/account shows: recent exports, the deletion state, what blocks deletion. */
export async function accountDataFor(user: User) {
  const payload = await payloadClient()
  const queryable = await db({ payload })
  const [exports, deletion, soleOwned, secondFactors] = await Promise.all([
    listExports(queryable, user.id),
    deletionOf(queryable, user.id),
    soleOwnedOrganizations(queryable, user.id),
    deletionFactors(payload, user),
  ])
  return { exports, deletion, soleOwned, secondFactors }
}
