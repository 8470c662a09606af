import Link from 'next/link'

import { LinkRow } from '@/components/LinkRow'
import { cn } from '@/lib/cn'
import { FOOTER_LINKS } from '@/lib/nav'

/** The mark and name at the start of every header (the name shortens on narrow phones). */
export function SiteLogo() {
  return (
    <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold">
      <span aria-hidden="true" className="inline-block h-6 w-6 rounded bg-primary" />
      <span className="max-[400px]:sr-only">TuneTrail</span>
      <span className="sr-only sm:not-sr-only">Community</span>
    </Link>
  )
}

/** The footer every page ends with; `width` matches the layout's content. */
export function SiteFooter({ width = 'max-w-6xl' }: { width?: string }) {
  return (
    <footer className="border-t border-border py-6 text-sm text-muted-foreground">
      <div className={cn('mx-auto flex flex-wrap items-center justify-between gap-3 px-4', width)}>
        <span>TuneTrail Community</span>
        <LinkRow label="Footer" links={FOOTER_LINKS} />
      </div>
    </footer>
  )
}
