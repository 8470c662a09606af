import type { Task } from 'graphile-worker'

import { isBillingOn } from '@/lib/billing/config'
import { issueInvoices } from '@/lib/billing/invoices'

/** Hourly: the invoices of the period that ended (once each; a no-op without BILLING=on). */
export const billing__invoice: Task = async (_payload, helpers) => {
  if (!isBillingOn()) return
  const issued = await helpers.withPgClient((client) => issueInvoices(client))
  if (issued) helpers.logger.info(`issued ${issued} invoices`)
}
