'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'

import { LinkPending } from '@/components/Loading/LinkPending.client'

import { cn } from '@/lib/cn'
import { isCurrentSection } from '@/lib/nav'

export type NavLink = {
  href: string
  label: string
  prefix: string
  isExternal?: boolean
  /** Hidden below 2xl in bars that pass `wideOnlyClassName`. */
  isWideOnly?: boolean
}

/** The section links; the one the page belongs to is marked with `aria-current="page"`. */
export function NavLinks({
  links,
  label,
  className,
  linkClassName,
  wideOnlyClassName,
}: {
  links: NavLink[]
  label: string
  className?: string
  linkClassName?: string
  /** Classes for links marked `isWideOnly` (the drawer passes none and lists them all). */
  wideOnlyClassName?: string
}) {
  const pathname = usePathname()
  return (
    <nav aria-label={label} className={className}>
      <ul className="contents">
        {links.map((link) => {
          const isCurrent = isCurrentSection(pathname, link.prefix)
          return (
            <li key={link.href} className="contents">
              <Link
                href={link.href}
                prefetch={link.isExternal ? false : undefined}
                aria-current={isCurrent ? 'page' : undefined}
                className={cn(
                  'whitespace-nowrap rounded-md px-3 py-2 text-sm hover:bg-muted aria-[current=page]:bg-muted aria-[current=page]:font-semibold',
                  linkClassName,
                  link.isWideOnly && wideOnlyClassName,
                )}
              >
                {link.label}
                {!link.isExternal && <LinkPending />}
              </Link>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
