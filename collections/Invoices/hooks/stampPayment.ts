import type { CollectionBeforeChangeHook } from 'payload'

/** Marking an invoice paid records when; reopening it clears that. */
export const stampPayment: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  if (data.status === 'paid' && originalDoc?.status !== 'paid')
    data.paidAt = new Date().toISOString()
  if (data.status && data.status !== 'paid') data.paidAt = null
  return data
}
