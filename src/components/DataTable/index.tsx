import Link from 'next/link'
import { Fragment, type ReactNode } from 'react'

import { Pagination } from '@/components/Pagination'
import { cn } from '@/lib/cn'

export type SortDirection = 'asc' | 'desc'

export type Column<Row> = {
  /** Names the column, and is the `sort` value when the column is sortable. */
  key: string
  header: string
  cell: (row: Row) => ReactNode
  isSortable?: boolean
  /** The direction a first click sorts in: dates and durations read best newest or longest first. */
  firstDirection?: SortDirection
  /** The header is read by screen readers only (e.g. a column of buttons). */
  isHeaderHidden?: boolean
  /** The cell that names its row (a `th scope="row"`). */
  isRowHeader?: boolean
  className?: string
}

export type TableSort = {
  key: string
  direction: SortDirection
  /** The address of the list sorted by `key` in `direction`, filters kept, on page 1. */
  hrefFor: (key: string, direction: SortDirection) => string
}

export type TablePages = {
  page: number
  totalPages: number
  totalDocs: number
  hrefFor: (page: number) => string
  /** "key", "keys" — for "12 keys · page 1 of 2". */
  noun: [singular: string, plural: string]
}

type Props<Row> = {
  caption: string
  columns: Column<Row>[]
  rows: Row[]
  rowKey: (row: Row) => string | number
  sort?: TableSort
  pages?: TablePages
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode
  /** A full-width row under each row, e.g. a disclosure with the row's details. */
  details?: (row: Row) => ReactNode
  className?: string
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const

/**
 * A table of records: headers that sort by link (the server sorts; `aria-sort` marks the
 * column), a count and pagination, an empty state. Below 640 px each row becomes a card with
 * every cell labelled by its header, so nothing scrolls sideways at 360 px. Roles are set
 * explicitly because a table restyled as blocks loses them in some browsers.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  sort,
  pages,
  empty,
  details,
  className,
}: Props<Row>) {
  if (rows.length === 0 && empty) return <>{empty}</>
  return (
    <div className={cn('space-y-2', className)}>
      {pages && (
        <p className="text-sm text-muted-foreground">
          {pages.totalDocs === 1 ? `1 ${pages.noun[0]}` : `${pages.totalDocs} ${pages.noun[1]}`}
          {pages.totalPages > 1 && ` · page ${pages.page} of ${pages.totalPages}`}
        </p>
      )}
      {sort && <SortLinks columns={columns} sort={sort} />}
      <div tabIndex={0} role="region" aria-label={caption} className="overflow-x-auto">
        <table role="table" className="w-full text-left text-sm max-sm:block">
          <caption className="sr-only">{caption}</caption>
          <thead role="rowgroup" className="max-sm:hidden">
            <tr role="row" className="border-b border-border">
              {columns.map((column) => (
                <th
                  key={column.key}
                  role="columnheader"
                  scope="col"
                  aria-sort={sort?.key === column.key ? ARIA_SORT[sort.direction] : undefined}
                  className="py-2 pr-3 font-medium whitespace-nowrap last:pr-0"
                >
                  <HeaderLabel column={column} sort={sort} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody role="rowgroup" className="max-sm:block max-sm:space-y-3">
            {rows.map((row) => {
              const detail = details?.(row)
              return (
                <Fragment key={rowKey(row)}>
                  <tr
                    role="row"
                    className={cn(
                      'align-top max-sm:block max-sm:rounded-lg max-sm:border max-sm:border-border max-sm:p-3',
                      !detail && 'border-b border-border last:border-0',
                    )}
                  >
                    {columns.map((column) => {
                      const Cell = column.isRowHeader ? 'th' : 'td'
                      return (
                        <Cell
                          key={column.key}
                          role={column.isRowHeader ? 'rowheader' : 'cell'}
                          scope={column.isRowHeader ? 'row' : undefined}
                          data-label={column.isHeaderHidden ? undefined : column.header}
                          className={cn(
                            'py-2 pr-3 font-normal break-words last:pr-0 max-sm:flex max-sm:gap-3 max-sm:py-1 max-sm:pr-0',
                            'max-sm:before:w-28 max-sm:before:shrink-0 max-sm:before:text-muted-foreground max-sm:before:content-[attr(data-label)]',
                            column.className,
                          )}
                        >
                          <div className="min-w-0">{column.cell(row)}</div>
                        </Cell>
                      )
                    })}
                  </tr>
                  {detail && (
                    <tr role="row" className="border-b border-border last:border-0 max-sm:block">
                      <td role="cell" colSpan={columns.length} className="pb-3 max-sm:block">
                        {detail}
                      </td>
                    </tr>
                  )}
                </Fragment>
              )
            })}
          </tbody>
        </table>
      </div>
      {pages && (
        <Pagination
          page={pages.page}
          totalPages={pages.totalPages}
          hrefFor={pages.hrefFor}
          label={`${caption} pages`}
        />
      )}
    </div>
  )
}

/** A second click reverses; a new column starts with what its values read best in. */
const nextDirection = <Row,>(column: Column<Row>, sort: TableSort): SortDirection =>
  sort.key === column.key
    ? sort.direction === 'asc'
      ? 'desc'
      : 'asc'
    : (column.firstDirection ?? 'asc')

/** Below 640 px the headers are hidden (each cell is labelled): the orders as links instead. */
function SortLinks<Row>({ columns, sort }: { columns: Column<Row>[]; sort: TableSort }) {
  const sortable = columns.filter((column) => column.isSortable)
  if (sortable.length === 0) return null
  return (
    <nav
      aria-label="Sort"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm sm:hidden"
    >
      <span className="text-muted-foreground">Sort by</span>
      {sortable.map((column) => {
        const isCurrent = sort.key === column.key
        return (
          <Link
            key={column.key}
            href={sort.hrefFor(column.key, nextDirection(column, sort))}
            aria-current={isCurrent ? 'true' : undefined}
            className="text-primary underline aria-[current=true]:font-semibold"
          >
            {column.header}
            {isCurrent && (
              <>
                <span aria-hidden="true">{sort.direction === 'asc' ? ' ↑' : ' ↓'}</span>
                <span className="sr-only">
                  , sorted {sort.direction === 'asc' ? 'ascending' : 'descending'}
                </span>
              </>
            )}
          </Link>
        )
      })}
    </nav>
  )
}

function HeaderLabel<Row>({ column, sort }: { column: Column<Row>; sort?: TableSort }) {
  if (column.isHeaderHidden) return <span className="sr-only">{column.header}</span>
  if (!sort || !column.isSortable) return <>{column.header}</>
  const isCurrent = sort.key === column.key
  const next = nextDirection(column, sort)
  return (
    <Link
      href={sort.hrefFor(column.key, next)}
      className="inline-flex items-center gap-1 hover:underline"
    >
      {column.header}
      <span aria-hidden="true" className={cn(!isCurrent && 'text-muted-foreground')}>
        {isCurrent ? (sort.direction === 'asc' ? '↑' : '↓') : '↕'}
      </span>
      <span className="sr-only">, sort {next === 'asc' ? 'ascending' : 'descending'}</span>
    </Link>
  )
}

/** `"-createdAt"` ⇄ `{ key: 'createdAt', direction: 'desc' }`, for Payload's `sort`. */
export const parseSort = (value: string): { key: string; direction: SortDirection } =>
  value.startsWith('-')
    ? { key: value.slice(1), direction: 'desc' }
    : { key: value, direction: 'asc' }

export const sortValue = (key: string, direction: SortDirection) =>
  direction === 'desc' ? `-${key}` : key

/** The `sort` of a table whose order is the query value `value` ("-createdAt"). */
export const sortBy = (value: string, hrefFor: (sort: string) => string): TableSort => ({
  ...parseSort(value),
  hrefFor: (key, direction) => hrefFor(sortValue(key, direction)),
})

/** The `pages` of a table showing one page of a Payload `find`. */
export const pagesOf = (
  docs: { page?: number; totalPages: number; totalDocs: number },
  hrefFor: (page: number) => string,
  noun: TablePages['noun'],
): TablePages => ({
  page: docs.page ?? 1,
  totalPages: docs.totalPages,
  totalDocs: docs.totalDocs,
  hrefFor,
  noun,
})
