'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

import { LinkPending } from '@/components/Loading/LinkPending.client'

export type Tab = { href: string; label: string }

/**
 * A record's sections as tabs that are links: each has its own URL (shareable, Back works), and
 * the current one is marked `aria-current="page"`. Scrolls sideways on its own on a phone.
 */
export function TabNav({ label, tabs }: { label: string; tabs: Tab[] }) {
  const pathname = usePathname()
  return (
    <nav aria-label={label} className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <ul className="flex min-w-max gap-1 border-b border-border">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              scroll={false}
              aria-current={pathname === tab.href ? 'page' : undefined}
              className="-mb-px inline-block min-h-10 border-b-2 border-transparent px-3 py-2 text-sm text-muted-foreground hover:text-foreground aria-[current=page]:border-primary aria-[current=page]:font-semibold aria-[current=page]:text-foreground"
            >
              {tab.label}
              <LinkPending />
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
