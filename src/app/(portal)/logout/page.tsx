import type { Metadata } from 'next'

import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'

import { logoutAction } from '@/actions/session'

export const metadata: Metadata = { title: 'Log out' }

/** A page to log out from (a link elsewhere can point here); the form posts, so no GET logs anyone out. */
export default function LogoutPage() {
  return (
    <Card className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-semibold">Log out</h1>
      <form action={logoutAction}>
        <Button type="submit">Log out of TuneTrail Community</Button>
      </form>
    </Card>
  )
}
