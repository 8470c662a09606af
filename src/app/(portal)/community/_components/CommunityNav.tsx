import Link from 'next/link'

import { hasRole } from '@/access/roles'
import type { User } from '@/payload-types'

const LINKS = [
  { href: '/community', label: 'Categories' },
  { href: '/community/discussions', label: 'Discussions' },
]

/** The community's own tabs (and the review queue for moderators). */
export function CommunityNav({ current, viewer }: { current: string; viewer: User | null }) {
  const links = [
    ...LINKS,
    ...(hasRole(viewer, 'moderator')
      ? [
          { href: '/community/moderation', label: 'Review queue' },
          { href: '/community/moderation/tags', label: 'Tags' },
        ]
      : []),
  ]
  return (
    <nav aria-label="Community" className="flex flex-wrap gap-2">
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={current === link.href ? 'page' : undefined}
          className="rounded-full border border-border px-3 py-1 text-sm aria-[current=page]:bg-primary aria-[current=page]:text-primary-foreground"
        >
          {link.label}
        </Link>
      ))}
    </nav>
  )
}
