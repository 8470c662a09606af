import type { Metadata } from 'next'
import Link from 'next/link'

import { Badge } from '@/components/ui/badge'
import { invoiceFor, requireBilling } from '@/data/billing'
import { requireUser } from '@/data/session'
import { formatDay, formatPeriod, money } from '@/lib/billing/period'
import type { InvoiceLine } from '@/lib/billing/invoices'
import { count } from '@/lib/usage/labels'

import { PrintButton } from './PrintButton'

export const metadata: Metadata = { title: 'Invoice' }

type Props = { params: Promise<{ invoiceId: string }> }

type BilledTo = {
  legalName?: string | null
  email?: string | null
  address?: string | null
  country?: string | null
  taxId?: string | null
}

/** One invoice, laid out to print (or save as PDF from the browser's print dialog). */
export default async function InvoicePage({ params }: Props) {
  requireBilling()
  const { invoiceId } = await params
  const user = await requireUser(`/settings/billing/invoices/${invoiceId}`)
  const invoice = await invoiceFor(user, invoiceId)
  const lines = (invoice.lines ?? []) as InvoiceLine[]
  const billedTo = (invoice.billedTo ?? {}) as BilledTo
  const period = { start: new Date(invoice.periodStart), end: new Date(invoice.periodEnd) }
  return (
    <article className="invoice space-y-6 rounded-lg border border-border bg-card p-5 sm:p-8">
      <div className="flex flex-wrap items-start justify-between gap-4 print:hidden">
        <Link className="text-sm underline" href={`/settings/billing?account=${invoice.account}`}>
          Back to billing
        </Link>
        <PrintButton />
      </div>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Invoice {invoice.number}</h1>
          <p className="text-sm text-muted-foreground">
            Issued {formatDay(invoice.createdAt)} · period {formatPeriod(period)}
          </p>
        </div>
        <Badge
          tone={
            invoice.status === 'paid' ? 'success' : invoice.status === 'void' ? 'muted' : 'warning'
          }
        >
          {invoice.status === 'paid' && invoice.paidAt
            ? `Paid ${formatDay(invoice.paidAt)}`
            : invoice.status[0].toUpperCase() + invoice.status.slice(1)}
        </Badge>
      </header>
      <section aria-labelledby="parties-heading" className="grid gap-4 text-sm sm:grid-cols-2">
        <h2 id="parties-heading" className="sr-only">
          From and to
        </h2>
        <div>
          <p className="font-semibold">From</p>
          <p>TuneTrail Community</p>
        </div>
        <div>
          <p className="font-semibold">Billed to</p>
          <p>{billedTo.legalName ?? invoice.account}</p>
          {billedTo.address && <p className="whitespace-pre-line">{billedTo.address}</p>}
          {billedTo.country && <p>{billedTo.country}</p>}
          {billedTo.taxId && <p>Tax id: {billedTo.taxId}</p>}
          {billedTo.email && <p>{billedTo.email}</p>}
        </div>
      </section>
      <table className="w-full text-sm">
        <caption className="sr-only">Invoice lines</caption>
        <thead>
          <tr className="border-b border-border text-left">
            <th scope="col" className="py-2 pr-3">
              Description
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Quantity
            </th>
            <th scope="col" className="py-2 pl-3 text-right">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => (
            <tr key={index} className="border-b border-border">
              <td className="py-2 pr-3">{line.description}</td>
              <td className="px-3 py-2 text-right tabular-nums">{count(line.quantity)}</td>
              <td className="py-2 pl-3 text-right tabular-nums">{money(line.amountCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2} className="py-2 pr-3 text-right font-semibold">
              Total ({(invoice.currency ?? 'usd').toUpperCase()})
            </th>
            <td
              className="py-2 pl-3 text-right font-semibold tabular-nums"
              data-testid="invoice-total"
            >
              {money(Number(invoice.totalCents))}
            </td>
          </tr>
        </tfoot>
      </table>
    </article>
  )
}
