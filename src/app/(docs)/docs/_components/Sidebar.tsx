import Link from 'next/link'

import type { DocsPageLink } from '@/data/docs'
import { cn } from '@/lib/cn'
import { DOCS_SECTIONS, docsPath } from '@/lib/docs/sections'
import { DOCS_TOOLS } from '@/lib/nav'

const linkClass = (isCurrent: boolean) =>
  cn(
    '-ml-px block border-l-2 py-1 pl-3 hover:text-foreground',
    isCurrent
      ? 'border-primary font-semibold text-primary'
      : 'border-transparent text-muted-foreground',
  )

/** Every published page by section, then the interactive pages; the current one marked. */
export function DocsSidebar({ pages, current }: { pages: DocsPageLink[]; current?: number }) {
  return (
    <nav aria-label="Docs" className="text-sm">
      <ul className="space-y-5">
        <li>
          <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted-foreground">
            Try the API
          </h2>
          <ul className="space-y-0.5 border-l border-border">
            {DOCS_TOOLS.map((tool) => (
              <li key={tool.href}>
                <Link href={tool.href} className={linkClass(false)}>
                  {tool.label}
                </Link>
              </li>
            ))}
          </ul>
        </li>
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
                      className={linkClass(page.id === current)}
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
