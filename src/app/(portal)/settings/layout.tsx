import Link from 'next/link'
import type { ReactNode } from 'react'

const TABS = [
  { href: '/settings/profile', label: 'Profile' },
  { href: '/settings/organization', label: 'Organizations' },
  { href: '/settings/webhooks', label: 'Webhooks' },
  { href: '/settings/notifications', label: 'Notifications' },
]

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="grid gap-6 md:grid-cols-[12rem_1fr]">
      <nav aria-label="Settings" className="flex gap-2 md:flex-col">
        {TABS.map((tab) => (
          <Link
            key={tab.href}
            href={tab.href}
            className="rounded-md px-3 py-2 text-sm hover:bg-muted"
          >
            {tab.label}
          </Link>
        ))}
      </nav>
      <div className="min-w-0 space-y-6">{children}</div>
    </div>
  )
}
