import type { ReactNode } from 'react'

import { requireBilling } from '@/data/billing'

/** Billing exists only with BILLING=on: otherwise every page under it is a 404. */
export default function BillingLayout({ children }: { children: ReactNode }) {
  requireBilling()
  return children
}
