import Link from 'next/link'

import { Button } from '@/components/ui/button'
import { Input, Select } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { cn } from '@/lib/cn'

export type Filter = {
  name: string
  label: string
  value: string | undefined
  /** The first option, for "no filter": "All statuses". */
  allLabel: string
  options: { value: string; label: string }[]
  className?: string
}

type Props = {
  action: string
  label: string
  filters: Filter[]
  /** Query values kept as they are when filtering (e.g. the sort order). */
  keep?: Record<string, string | undefined>
  /** A text search in front of the filters. */
  search?: { name: string; label: string; value: string | undefined; placeholder?: string }
  /** Shown as "Clear filters" while any filter is set. */
  clearHref?: string
  className?: string
}

/**
 * A list's filters as a GET form: the page reads them from the query string, so a filtered
 * view is a link to share, and it works without JavaScript.
 */
export function FilterBar({
  action,
  label,
  filters,
  search,
  keep = {},
  clearHref,
  className,
}: Props) {
  const isFiltered = Boolean(search?.value) || filters.some((filter) => filter.value)
  return (
    <form
      method="get"
      action={action}
      aria-label={label}
      className={cn('flex flex-wrap items-end gap-3', className)}
    >
      {Object.entries(keep).map(
        ([name, value]) => value && <input key={name} type="hidden" name={name} value={value} />,
      )}
      {search && (
        <div className="w-full space-y-1.5 sm:w-56">
          <Label htmlFor={`filter-${search.name}`}>{search.label}</Label>
          <Input
            id={`filter-${search.name}`}
            type="search"
            name={search.name}
            defaultValue={search.value ?? ''}
            placeholder={search.placeholder}
            maxLength={100}
          />
        </div>
      )}
      {filters.map((filter) => (
        <div key={filter.name} className={cn('w-full space-y-1.5 sm:w-44', filter.className)}>
          <Label htmlFor={`filter-${filter.name}`}>{filter.label}</Label>
          <Select id={`filter-${filter.name}`} name={filter.name} defaultValue={filter.value ?? ''}>
            <option value="">{filter.allLabel}</option>
            {filter.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>
      ))}
      <Button type="submit" variant="outline">
        Apply
      </Button>
      {clearHref && isFiltered && (
        <Link href={clearHref} className="min-h-10 py-2 text-sm text-primary underline">
          Clear filters
        </Link>
      )}
    </form>
  )
}

/** Select options from a list of values and how each reads. */
export const optionsOf = <Value extends string>(
  values: readonly Value[],
  labelOf: (value: Value) => string,
) => values.map((value) => ({ value: String(value), label: labelOf(value) }))
