import Link from 'next/link'

import { logoutAction } from '@/actions/session'
import { hasRole } from '@/access/roles'
import { AccountSwitcher } from '@/components/AppShell/AccountSwitcher.client'
import { CommandPalette } from '@/components/AppShell/CommandPalette.client'
import { MobileNav } from '@/components/AppShell/MobileNav.client'
import { NavLinks, type NavLink } from '@/components/AppShell/NavLinks.client'
import { NotificationBell } from '@/components/NotificationBell/index.client'
import { ThemeSwitcher } from '@/components/ThemeSwitcher/index.client'
import type { CurrentAccount } from '@/data/account'
import { sectionsFor } from '@/lib/nav'
import type { Theme } from '@/lib/theme'
import type { User } from '@/payload-types'

import { UserMenu } from './index.client'
import { SiteLogo } from './parts'

const drawerLink = 'block rounded-md px-3 py-2 text-sm hover:bg-muted'

/**
 * The shell's header on every portal page: the sections (the current one marked), search
 * (⌘K), and for a signed-in person the account switcher, the bell and their menu. Below `md`
 * it stays one row and the rest moves into a drawer.
 */
export function SiteHeader({
  user,
  theme,
  unread,
  account,
}: {
  user: User | null
  theme: Theme
  unread: number
  account: CurrentAccount | null
}) {
  const links: NavLink[] = sectionsFor(Boolean(user)).map(
    ({ href, label, prefix, isWideOnly }) => ({ href, label, prefix, isWideOnly }),
  )
  if (hasRole(user, 'moderator')) {
    links.push({ href: '/admin', label: 'Admin', prefix: '/admin', isExternal: true })
  }
  const switcher = account && account.options.length > 0 && (
    <AccountSwitcher
      current={String(account.choice)}
      label={account.label}
      options={account.options}
    />
  )
  return (
    <header className="sticky top-0 z-40 border-b border-border bg-background">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-4 md:gap-4">
        <MobileNav links={links}>
          {switcher && (
            <section aria-label="Account" className="space-y-2 border-t border-border pt-4">
              <h2 className="text-xs font-semibold uppercase text-muted-foreground">Account</h2>
              {switcher}
            </section>
          )}
          <div className="border-t border-border pt-4">
            <ThemeSwitcher initial={theme} />
          </div>
          <div className="border-t border-border pt-4">
            {user ? (
              <>
                <p className="px-3 pb-2 text-xs text-muted-foreground">
                  Signed in as @{user.username}
                </p>
                <Link href="/settings/profile" className={drawerLink}>
                  Profile
                </Link>
                <Link href="/notifications" className={drawerLink}>
                  Notifications
                </Link>
                <form action={logoutAction}>
                  <button type="submit" className={`${drawerLink} w-full text-left`}>
                    Log out
                  </button>
                </form>
              </>
            ) : (
              <>
                <Link href="/login" className={drawerLink}>
                  Log in
                </Link>
                <Link href="/signup" className={drawerLink}>
                  Sign up
                </Link>
              </>
            )}
          </div>
        </MobileNav>
        <SiteLogo />
        {/* Eight sections, the account switcher and the menu share 1280 px: tighter links below
            2xl, and Settings there lives in the account menu only. */}
        <NavLinks
          links={links}
          label="Main"
          className="hidden items-center gap-0 lg:flex 2xl:gap-1"
          linkClassName="px-1.5 2xl:px-3"
          wideOnlyClassName="hidden 2xl:block"
        />
        <div className="ml-auto flex items-center gap-2">
          <CommandPalette destinations={links.filter((link) => !link.isExternal)} />
          {switcher && <div className="hidden lg:block">{switcher}</div>}
          <div className="hidden lg:block">
            <ThemeSwitcher initial={theme} />
          </div>
          {user ? (
            <>
              <NotificationBell initialCount={unread} />
              <div className="hidden lg:block">
                <UserMenu name={user.name} username={user.username} />
              </div>
            </>
          ) : (
            <>
              <Link href="/login" className="rounded-md px-3 py-2 text-sm hover:bg-muted">
                Log in
              </Link>
              <Link
                href="/signup"
                className="hidden rounded-md bg-primary px-3 py-2 text-sm text-primary-foreground hover:opacity-90 sm:inline-block"
              >
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  )
}
