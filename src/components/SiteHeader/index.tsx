import Link from 'next/link'

import { hasRole } from '@/access/roles'
import { NotificationBell } from '@/components/NotificationBell/index.client'
import { ThemeSwitcher } from '@/components/ThemeSwitcher/index.client'
import type { User } from '@/payload-types'
import type { Theme } from '@/lib/theme'

import { UserMenu } from './index.client'

/**
 * The portal's eight sections (Dashboard, API Keys, Models, Community, Showcase, Docs, Status,
 * Settings) get a link here as each one ships; only working sections are linked.
 */
const SECTIONS = [
  { href: '/api-keys', label: 'API keys', needsUser: true },
  { href: '/settings/profile', label: 'Settings', needsUser: true },
] as const

export function SiteHeader({
  user,
  theme,
  unread,
}: {
  user: User | null
  theme: Theme
  unread: number
}) {
  return (
    <header className="border-b border-border">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 font-semibold">
          <span aria-hidden="true" className="inline-block h-6 w-6 rounded bg-primary" />
          TuneTrail Community
        </Link>
        <nav aria-label="Main" className="flex flex-1 flex-wrap items-center gap-4 text-sm">
          {SECTIONS.filter((section) => !section.needsUser || user).map((section) => (
            <Link key={section.href} href={section.href} className="hover:underline">
              {section.label}
            </Link>
          ))}
          {hasRole(user, 'moderator') && (
            <Link href="/admin" prefetch={false} className="hover:underline">
              Admin
            </Link>
          )}
        </nav>
        <div className="flex items-center gap-3">
          <ThemeSwitcher initial={theme} />
          {user ? (
            <>
              <NotificationBell initialCount={unread} />
              <UserMenu name={user.name} username={user.username} />
            </>
          ) : (
            <div className="flex items-center gap-3 text-sm">
              <Link href="/login" className="hover:underline">
                Log in
              </Link>
              <Link
                href="/signup"
                className="rounded-md bg-primary px-3 py-2 text-primary-foreground hover:opacity-90"
              >
                Sign up
              </Link>
            </div>
          )}
        </div>
      </div>
    </header>
  )
}
