import type { Metadata } from 'next'

import { requireUser } from '@/data/session'
import { accountDataFor } from '@/data/accountData'
import { requestNow } from '@/data/now'

import { DeleteAccountCard } from './_components/DeleteAccountCard'
import { ExportCard } from './_components/ExportCard'

export const metadata: Metadata = { title: 'Account data' }

export default async function AccountDataPage() {
  const user = await requireUser('/settings/account')
  const { exports, deletion, soleOwned, secondFactors } = await accountDataFor(user)
  return (
    <>
      <h1 className="text-2xl font-semibold">Account data</h1>
      <ExportCard exports={exports} email={user.email} now={requestNow()} />
      <DeleteAccountCard
        deletion={deletion}
        soleOwned={soleOwned}
        secondFactors={secondFactors}
        now={requestNow()}
      />
    </>
  )
}
