'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

const TABS = [
  { href: '/settings/profile', label: 'Profile' },
  { href: '/settings/organization', label: 'Organizations' },
  { href: '/settings/billing', label: 'Billing', isBilling: true },
  { href: '/settings/webhooks', label: 'Webhooks' },
  { href: '/settings/notifications', label: 'Notifications' },
  { href: '/settings/security', label: 'Security' },
  { href: '/settings/account', label: 'Account data' },
]

/** The settings sections; Billing only in the SaaS edition (BILLING=on). */
export const settingsTabs = (hasBilling: boolean) =>
  TABS.filter((tab) => hasBilling || !tab.isBilling)

/** The settings sections: a column beside the page, wrapping rows above it on a phone. */
export function SettingsNav({ hasBilling = false }: { hasBilling?: boolean }) {
  const pathname = usePathname()
  return (
    <nav aria-label="Settings" className="flex flex-wrap gap-2 md:flex-col">
      {settingsTabs(hasBilling).map((tab) => (
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
