import type { Organization } from '@/payload-types'

import type { Column } from './index'

/** A short list of codes as chips (scopes, event types), the rest counted. */
export function CodeChips({ items, label, max }: { items: string[]; label: string; max?: number }) {
  const shown = max ? items.slice(0, max) : items
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label={label}>
      {shown.map((item) => (
        <li key={item}>
          <code className="rounded bg-muted px-1.5 py-0.5 text-xs">{item}</code>
        </li>
      ))}
      {items.length > shown.length && (
        <li className="text-xs text-muted-foreground">+{items.length - shown.length} more</li>
      )}
    </ul>
  )
}

/** Whose a record is: its organization's name, or "Personal". */
export function ownerColumn<Row extends { organization?: unknown }>(): Column<Row> {
  return {
    key: 'owner',
    header: 'Owner',
    cell: (row) =>
      typeof row.organization === 'object' && row.organization
        ? (row.organization as Organization).name
        : 'Personal',
  }
}
