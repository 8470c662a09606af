import Link from 'next/link'

type Props = {
  page: number
  totalPages: number
  /** The address of a page (the current filters kept). */
  hrefFor: (page: number) => string
  label?: string
}

/** Previous / next links with "Page n of m"; nothing when there is one page. */
export function Pagination({ page, totalPages, hrefFor, label = 'Pagination' }: Props) {
  if (totalPages <= 1) return null
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-3 pt-2">
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} rel="prev" className="text-primary underline">
          Previous page
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-muted-foreground">
        Page {page} of {totalPages}
      </span>
      {page < totalPages ? (
        <Link href={hrefFor(page + 1)} rel="next" className="text-primary underline">
          Next page
        </Link>
      ) : (
        <span />
      )}
    </nav>
  )
}

/** `base?name=value&page=n` with empty values and page 1 left out. */
export function pageHref(base: string, params: Record<string, string | number | undefined>) {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === '' || (name === 'page' && Number(value) <= 1)) continue
    search.set(name, String(value))
  }
  const query = search.toString()
  return query ? `${base}?${query}` : base
}
