import { DataTable, type TablePages } from '@/components/DataTable'
import { RelativeTime } from '@/components/RelativeTime/index.client'
import { Badge } from '@/components/ui/badge'
import { describeUserAgent } from '@/lib/userAgent'
import type { AuditLog } from '@/payload-types'

const FAILURES = new Set(['auth.login_failed'])

/** Entries of the security log: when, what, from where. */
export function SecurityLogTable({
  entries,
  now,
  pages,
}: {
  entries: AuditLog[]
  now: number
  pages?: TablePages
}) {
  return (
    <DataTable
      caption="Security log"
      rows={entries}
      rowKey={(entry) => entry.id}
      pages={pages}
      empty={<p className="text-sm text-muted-foreground">Nothing logged yet.</p>}
      columns={[
        {
          key: 'createdAt',
          header: 'When',
          cell: (entry) => <RelativeTime date={entry.createdAt} now={now} />,
          className: 'whitespace-nowrap',
        },
        {
          key: 'summary',
          header: 'Event',
          isRowHeader: true,
          cell: (entry) => (
            <span className="flex flex-wrap items-center gap-2">
              {FAILURES.has(entry.action) && <Badge tone="danger">Failed</Badge>}
              {entry.summary}
            </span>
          ),
        },
        {
          key: 'ip',
          header: 'From',
          cell: (entry) => (
            <span className="text-muted-foreground">
              {[entry.ip, entry.userAgent ? describeUserAgent(entry.userAgent) : null]
                .filter(Boolean)
                .join(' · ') || '—'}
            </span>
          ),
        },
      ]}
    />
  )
}
