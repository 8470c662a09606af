import './globals.css'

import type { Metadata, Viewport } from 'next'
import Link from 'next/link'
import { cookies } from 'next/headers'
import type { ReactNode } from 'react'

import { SiteHeader } from '@/components/SiteHeader'
import { unreadCount } from '@/data/notifications'
import { currentUser } from '@/data/session'
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
  const unread = user ? await unreadCount(user) : 0
  return (
    <html lang="en" data-theme={theme}>
      <body className="flex min-h-screen flex-col antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-primary focus:px-3 focus:py-2 focus:text-primary-foreground"
        >
          Skip to content
        </a>
        <SiteHeader user={user} theme={theme} unread={unread} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
          {children}
        </main>
        <footer className="border-t border-border py-6 text-center text-sm text-muted-foreground">
          TuneTrail Community ·{' '}
          <Link href="/api/health" prefetch={false} className="underline">
            Service health
          </Link>
        </footer>
      </body>
    </html>
  )
}
