import type { ReactNode } from 'react'

import { CommandPalette } from '@/components/AppShell/CommandPalette.client'
import { MobileNav } from '@/components/AppShell/MobileNav.client'
import { NavLinks, type NavLink } from '@/components/AppShell/NavLinks.client'
import { SiteFooter, SiteLogo } from '@/components/SiteHeader/parts'
import { sectionsFor } from '@/lib/nav'

import { LiveOutageBanner } from '@/components/Status/OutageBanner.client'

import { ShellAccount } from './Account.client'
import { ThemeChoice } from './ThemeChoice.client'

/**
 * Applies the reader's theme (the portal's `tt-theme` cookie) before the first paint, so a
 * static page needs no server read and shows no flash. Static pages are served with a script
 * policy that allows inline scripts (src/lib/net/securityHeaders.ts explains why).
 */
const THEME_SCRIPT = `(function(){var m=document.cookie.match(/(?:^|; )tt-theme=(light|dark|contrast)/);document.documentElement.dataset.theme=m?m[1]:(matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light')})()`

/**
 * The portal's shell without any per-request read, for the root layouts of static pages (the
 * docs, the status page): the public sections, search, theme, and the signed-in corner loaded
 * in the browser. `loginNext` is where Log in comes back to.
 */
export function StaticShell({
  children,
  loginNext,
  hasOutageBanner = true,
}: {
  children: ReactNode
  loginNext: string
  /** The portal-wide outage banner (the status page says it in its own words). */
  hasOutageBanner?: boolean
}) {
  const links: NavLink[] = sectionsFor(false).map(({ href, label, prefix }) => ({
    href,
    label,
    prefix,
  }))
  return (
    <html lang="en" data-theme="light" suppressHydrationWarning>
      {/* A root layout's own <head> (App Router), not the Pages Router's next/head. */}
      {/* eslint-disable-next-line @next/next/no-head-element */}
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="flex min-h-screen flex-col antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-primary focus:px-3 focus:py-2 focus:text-primary-foreground"
        >
          Skip to content
        </a>
        <header className="sticky top-0 z-40 border-b border-border bg-background">
          <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-4 md:gap-4">
            <MobileNav links={links}>
              <div className="border-t border-border pt-4">
                <ThemeChoice />
              </div>
            </MobileNav>
            <SiteLogo />
            <NavLinks links={links} label="Main" className="hidden items-center gap-1 lg:flex" />
            <div className="ml-auto flex items-center gap-2">
              <CommandPalette destinations={links} />
              <div className="hidden lg:block">
                <ThemeChoice />
              </div>
              <ShellAccount next={loginNext} />
            </div>
          </div>
        </header>
        {hasOutageBanner && <LiveOutageBanner />}
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-8">
          {children}
        </main>
        <SiteFooter width="max-w-7xl" />
      </body>
    </html>
  )
}
