import Link from 'next/link'

import type { DocsPageLink } from '@/data/docs'
import { docsPath, sectionLabel } from '@/lib/docs/sections'

/** The pages before and after this one in reading order (across sections). */
export function PrevNext({ pages, current }: { pages: DocsPageLink[]; current: number }) {
  const index = pages.findIndex((page) => page.id === current)
  const previous = index > 0 ? pages[index - 1] : null
  const next = index >= 0 && index < pages.length - 1 ? pages[index + 1] : null
  if (!previous && !next) return null
  const card = 'block rounded-md border border-border p-4 hover:border-primary'
  return (
    <nav aria-label="Previous and next page" className="grid gap-3 sm:grid-cols-2">
      {previous ? (
        <Link href={docsPath(previous)} rel="prev" className={card}>
          <span className="block text-xs text-muted-foreground">
            Previous · {sectionLabel(previous.section)}
          </span>
          <span className="font-semibold text-primary">{previous.title}</span>
        </Link>
      ) : (
        <span />
      )}
      {next && (
        <Link href={docsPath(next)} rel="next" className={`${card} sm:text-right`}>
          <span className="block text-xs text-muted-foreground">
            Next · {sectionLabel(next.section)}
          </span>
          <span className="font-semibold text-primary">{next.title}</span>
        </Link>
      )}
    </nav>
  )
}
