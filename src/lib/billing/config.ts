import { env } from '@/lib/env'

/** The SaaS edition's billing: off unless BILLING=on (then its pages, nav entry and jobs exist). */
export const isBillingOn = () => env().BILLING === 'on'
