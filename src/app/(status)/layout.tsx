import '../(portal)/globals.css'

import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'

import { StaticShell } from '@/components/StaticShell'

export const metadata: Metadata = {
  title: { default: 'Status', template: '%s · TuneTrail Status' },
  description: 'Live state, uptime, incidents and maintenance of the TuneTrail API and portal.',
  alternates: {
    types: {
      'application/rss+xml': '/status/feed.rss',
      'application/atom+xml': '/status/feed.atom',
    },
  },
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

/**
 * The status page's own root layout: the portal's shell without any per-request read, so the
 * pages are static (cached and revalidated on every change, src/lib/status/cache.ts).
 */
export default function StatusLayout({ children }: { children: ReactNode }) {
  return (
    <StaticShell loginNext="/status" hasOutageBanner={false}>
      {children}
    </StaticShell>
  )
}
