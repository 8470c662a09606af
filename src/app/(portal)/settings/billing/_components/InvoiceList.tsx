import Link from 'next/link'

import { DataTable } from '@/components/DataTable'
import { Badge } from '@/components/ui/badge'
import { formatPeriod, money } from '@/lib/billing/period'
import type { Invoice } from '@/payload-types'

const TONE = { open: 'warning', paid: 'success', void: 'muted' } as const

export function InvoiceList({ invoices }: { invoices: Invoice[] }) {
  return (
    <DataTable
      caption="Invoices"
      rows={invoices}
      rowKey={(invoice) => invoice.id}
      empty={
        <p className="text-sm text-muted-foreground">
          No invoices yet: the first one is issued when this period ends.
        </p>
      }
      columns={[
        {
          key: 'number',
          header: 'Invoice',
          isRowHeader: true,
          cell: (invoice) => (
            <Link
              className="font-medium underline"
              href={`/settings/billing/invoices/${invoice.id}`}
            >
              {invoice.number}
            </Link>
          ),
        },
        {
          key: 'period',
          header: 'Period',
          cell: (invoice) =>
            formatPeriod({
              start: new Date(invoice.periodStart),
              end: new Date(invoice.periodEnd),
            }),
        },
        {
          key: 'total',
          header: 'Total',
          className: 'tabular-nums',
          cell: (invoice) => money(Number(invoice.totalCents)),
        },
        {
          key: 'status',
          header: 'Status',
          cell: (invoice) => (
            <Badge tone={TONE[invoice.status]}>
              {invoice.status[0].toUpperCase() + invoice.status.slice(1)}
            </Badge>
          ),
        },
      ]}
    />
  )
}
