import Link from 'next/link'

import type { DocsPageLink } from '@/data/docs'
import { cn } from '@/lib/cn'
import { DOCS_SECTIONS, docsPath } from '@/lib/docs/sections'

/** Every published page by section; the current one marked. */
export function DocsSidebar({ pages, current }: { pages: DocsPageLink[]; current?: number }) {
  return (
    <nav aria-label="Docs" className="text-sm">
      <ul className="space-y-5">
        {DOCS_SECTIONS.map((section) => {
          const inSection = pages.filter((page) => page.section === section.value)
          if (inSection.length === 0) return null
          return (
            <li key={section.value}>
              <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted-foreground">
                {section.label}
              </h2>
              <ul className="space-y-0.5 border-l border-border">
                {inSection.map((page) => (
                  <li key={page.id}>
                    <Link
                      href={docsPath(page)}
                      aria-current={page.id === current ? 'page' : undefined}
                      className={cn(
                        '-ml-px block border-l-2 py-1 pl-3 hover:text-foreground',
                        page.id === current
                          ? 'border-primary font-semibold text-primary'
                          : 'border-transparent text-muted-foreground',
                      )}
                    >
                      {page.title}
                    </Link>
                  </li>
                ))}
              </ul>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
