import '../(portal)/globals.css'

import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'

import { StaticShell } from '@/components/StaticShell'

export const metadata: Metadata = {
  title: { default: 'Docs', template: '%s · TuneTrail Docs' },
  description: 'Guides and reference for building on the TuneTrail music-ML API.',
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

/**
 * The docs' own root layout: the portal's shell without any per-request read, so every docs
 * page can be static. The signed-in corner loads in the browser.
 */
export default function DocsLayout({ children }: { children: ReactNode }) {
  return <StaticShell loginNext="/docs">{children}</StaticShell>
}
