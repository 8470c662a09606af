import Link from 'next/link'

import { cn } from '@/lib/cn'

/** A labelled row of links (the footer's, an error page's ways back). */
export function LinkRow({
  label,
  links,
  className,
  linkClassName = 'underline',
}: {
  label: string
  links: readonly { href: string; label: string }[]
  className?: string
  linkClassName?: string
}) {
  return (
    <nav aria-label={label}>
      <ul className={cn('flex flex-wrap gap-4', className)}>
        {links.map((link) => (
          <li key={link.href}>
            <Link href={link.href} className={linkClassName}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
