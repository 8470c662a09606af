import { NotFound, type CollectionBeforeOperationHook } from 'payload'

import { isBillingOn } from '@/lib/billing/config'

/**
 * Without BILLING=on invoices do not exist for requests (REST or GraphQL): every operation one
 * asks for is a 404. The system's own code (the Local API) still reads and writes the table.
 */
export const onlyWithBilling: CollectionBeforeOperationHook = ({ args, req }) => {
  if (!isBillingOn() && req.payloadAPI !== 'local') throw new NotFound(req.t)
  return args
}
