import type { Metadata } from 'next'
import Link from 'next/link'

import { Card } from '@/components/ui/card'
import { requestNow } from '@/data/now'
import { payloadClient, requireUser } from '@/data/session'
import { securityLogPage } from '@/data/securityLog'
import { listPasskeys } from '@/lib/auth/passkeys'
import { listSessions } from '@/lib/auth/sessions'
import { pendingTotpSecret, twoFactorState } from '@/lib/auth/twoFactor'

import { PasskeysCard } from './_components/PasskeysCard'
import { PasswordCard } from './_components/PasswordCard'
import { SecurityLogTable } from './_components/SecurityLogTable'
import { SessionsCard } from './_components/SessionsCard'
import { TwoFactorCard } from './_components/TwoFactorCard'

export const metadata: Metadata = { title: 'Security settings' }

export default async function SecuritySettingsPage() {
  const user = await requireUser('/settings/security')
  const payload = await payloadClient()
  const db = { payload }
  const [state, pendingSecret, passkeys, sessions, log] = await Promise.all([
    twoFactorState(db, user.id),
    pendingTotpSecret(db, user.id),
    listPasskeys(db, user.id),
    listSessions(db, user.id),
    securityLogPage(user, 1, 10),
  ])
  const now = requestNow()
  const currentId = (user as { _sid?: string })._sid
  return (
    <>
      <h1 className="text-2xl font-semibold">Security</h1>
      <TwoFactorCard
        state={state}
        pendingSecret={state.isTotpEnabled ? null : pendingSecret}
        email={user.email}
      />
      <PasskeysCard passkeys={passkeys} now={now} />
      <PasswordCard />
      <SessionsCard sessions={sessions} currentId={currentId} now={now} />
      <Card aria-labelledby="log-heading" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="log-heading" className="text-lg font-semibold">
            Recent security events
          </h2>
          <Link href="/settings/security/log" className="text-sm text-primary underline">
            Full security log
          </Link>
        </div>
        <SecurityLogTable entries={log.docs} now={now} />
      </Card>
    </>
  )
}
