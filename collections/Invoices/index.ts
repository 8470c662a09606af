import type { CollectionConfig, Field } from 'payload'

import { invoiceReaderOrStaff } from '@/access/invoiceAccess'
import { nobody } from '@/access/nobody'
import { staffOrAbove, staffOrAboveField } from '@/access/staffOrAbove'
import { systemField, systemOnly } from '@/fields/systemField'
import { isBillingOn } from '@/lib/billing/config'
import { PLANS } from '@/lib/plans'

import { onlyWithBilling } from './hooks/onlyWithBilling'
import { stampPayment } from './hooks/stampPayment'

/** A JSON field only the system writes, shown read-only in /admin with the portal's own viewer. */
const json = (name: string, label: string): Field => ({
  name,
  label,
  type: 'json',
  access: { create: systemOnly, update: systemOnly },
  admin: { readOnly: true, components: { Field: '@/components/JsonView#JsonView' } },
})

/**
 * Invoices, written by the worker's monthly billing__invoice (numbered without gaps) and read on
 * /settings/billing. Staff change only the state: with the manual provider they mark an
 * invoice paid once the money arrived.
 */
export const Invoices: CollectionConfig = {
  slug: 'invoices',
  access: {
    read: invoiceReaderOrStaff,
    create: nobody,
    update: staffOrAbove,
    delete: nobody,
  },
  admin: {
    useAsTitle: 'number',
    defaultColumns: ['number', 'account', 'periodStart', 'totalCents', 'status'],
    group: 'Billing',
    hidden: () => !isBillingOn(),
    description: 'Mark an invoice paid once its payment arrived (manual provider).',
  },
  fields: [
    systemField({ name: 'number', type: 'text', required: true, unique: true, index: true }),
    systemField({ name: 'account', type: 'text', required: true, index: true }),
    systemField({ name: 'owner', type: 'relationship', relationTo: 'users', index: true }),
    systemField({
      name: 'organization',
      type: 'relationship',
      relationTo: 'organizations',
      index: true,
    }),
    systemField({ name: 'periodStart', type: 'date', required: true, index: true }),
    systemField({ name: 'periodEnd', type: 'date', required: true }),
    systemField({
      name: 'plan',
      type: 'select',
      options: PLANS.map((plan) => ({ label: plan[0].toUpperCase() + plan.slice(1), value: plan })),
    }),
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'open',
      options: [
        { label: 'Open', value: 'open' },
        { label: 'Paid', value: 'paid' },
        { label: 'Void', value: 'void' },
      ],
      access: { update: staffOrAboveField },
      admin: { position: 'sidebar' },
    },
    {
      // Stamped by the hook when staff mark the invoice paid.
      name: 'paidAt',
      type: 'date',
      access: { create: staffOrAboveField, update: staffOrAboveField },
      admin: { readOnly: true, position: 'sidebar' },
    },
    systemField({ name: 'currency', type: 'text', defaultValue: 'usd' }),
    systemField({ name: 'subtotalCents', label: 'Subtotal (cents)', type: 'number' }),
    systemField({ name: 'totalCents', label: 'Total (cents)', type: 'number', required: true }),
    json('lines', 'Lines'),
    json('billedTo', 'Billed to'),
    systemField({ name: 'provider', type: 'text' }),
    systemField({ name: 'providerRef', label: 'Provider reference', type: 'text' }),
  ],
  // Only the SaaS edition bills: with BILLING off no REST route answers (plugins/inputGuard.ts)
  // and GraphQL's invoice queries and mutations are not found.
  custom: { isAvailable: isBillingOn },
  hooks: {
    beforeOperation: [onlyWithBilling],
    beforeChange: [stampPayment],
  },
}
