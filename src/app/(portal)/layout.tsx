import './globals.css'

import type { Metadata, Viewport } from 'next'
import { cookies } from 'next/headers'
import type { ReactNode } from 'react'

import { SiteHeader } from '@/components/SiteHeader'
import { SiteFooter } from '@/components/SiteHeader/parts'
import { isOutage, OutageBanner } from '@/components/Status/OutageBanner'
import { Toaster } from '@/components/Toaster/index.client'
import { TwoFactorBanner } from '@/components/TwoFactorBanner'
import { currentAccount } from '@/data/account'
import { unreadCount } from '@/data/notifications'
import { currentUser } from '@/data/session'
import { organizationsAwaitingTwoFactor } from '@/data/twoFactorRequirement'
import { statusSnapshot } from '@/data/status'
import { logger } from '@/lib/logger'
import { parseTheme } from '@/lib/theme'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = {
  title: { default: 'TuneTrail Community', template: '%s · TuneTrail Community' },
  description:
    'Manage TuneTrail API keys, share models, discuss and follow service status: the hub for developers building on TuneTrail.',
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const theme = parseTheme((await cookies()).get('tt-theme')?.value)
  const user = await currentUser()
  const [unread, account, awaitingTwoFactor] = user
    ? await Promise.all([
        unreadCount(user),
        currentAccount(user),
        organizationsAwaitingTwoFactor(user),
      ])
    : ([0, null, []] as const)
  // The status page's state (cached): a banner on every page during an outage. A failure to
  // read it never takes a page down.
  const overall = await statusSnapshot()
    .then((status) => status.overall)
    .catch((err: unknown) => {
      logger.warn({ msg: 'status not read for the outage banner', err: String(err) })
      return null
    })
  return (
    <html lang="en" data-theme={theme}>
      <body className="flex min-h-screen flex-col antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-primary focus:px-3 focus:py-2 focus:text-primary-foreground"
        >
          Skip to content
        </a>
        <SiteHeader user={user} theme={theme} unread={unread} account={account} />
        {overall && isOutage(overall) && <OutageBanner description={overall.description} />}
        <TwoFactorBanner organizations={awaitingTwoFactor.map((org) => org.name)} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
          {children}
        </main>
        <SiteFooter />
        <Toaster />
      </body>
    </html>
  )
}
