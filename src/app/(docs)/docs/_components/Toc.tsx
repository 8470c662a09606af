import type { TocEntry } from '@/lib/docs/toc'

/** "On this page": the page's h2 and h3 headings. */
export function DocsToc({ entries }: { entries: TocEntry[] }) {
  if (entries.length === 0) return null
  return (
    <nav aria-labelledby="toc-heading" className="text-sm">
      <h2 id="toc-heading" className="mb-2 font-semibold">
        On this page
      </h2>
      <ul className="space-y-1">
        {entries.map((entry) => (
          <li key={entry.id} className={entry.level === 3 ? 'pl-3' : undefined}>
            <a
              href={`#${entry.id}`}
              className="text-muted-foreground hover:text-primary hover:underline"
            >
              {entry.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
