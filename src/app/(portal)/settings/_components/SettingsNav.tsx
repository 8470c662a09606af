'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

const TABS = [
  { href: '/settings/profile', label: 'Profile' },
  { href: '/settings/organization', label: 'Organizations' },
  { href: '/settings/webhooks', label: 'Webhooks' },
  { href: '/settings/notifications', label: 'Notifications' },
  { href: '/settings/security', label: 'Security' },
]

/** The settings sections: a column beside the page, wrapping rows above it on a phone. */
export function SettingsNav() {
  const pathname = usePathname()
  return (
    <nav aria-label="Settings" className="flex flex-wrap gap-2 md:flex-col">
      {TABS.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={
            pathname === tab.href || pathname.startsWith(`${tab.href}/`) ? 'page' : undefined
          }
          className="rounded-md px-3 py-2 text-sm hover:bg-muted aria-[current=page]:bg-muted aria-[current=page]:font-semibold"
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  )
}
