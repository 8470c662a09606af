'use server'

import { redirect } from 'next/navigation'

import { personAction, type PersonContext } from '@/actions/formAction'
import { accountKeyHashes, billingAccountFor, type BillingAccount } from '@/lib/billing/accounts'
import { isBillingOn } from '@/lib/billing/config'
import { ENTERPRISE_STAFF_ONLY } from '@/lib/billing/planChange'
import { cancelAtPeriodEnd, resumePlan, saveDetails } from '@/lib/billing/profile'
import { billingProvider } from '@/lib/billing/provider'
import { db } from '@/lib/db'
import { portalUrl } from '@/lib/emails'
import { invalidateKeyHash } from '@/lib/keys/cache'
import type { FormState } from '@/lib/formState'
import { inTransaction } from '@/lib/transactions'
import {
  accountOnlySchema,
  billingDetailsSchema,
  cancelSchema,
  changePlanSchema,
} from '@/schemas/billing'

const NOT_YOURS: FormState = {
  status: 'error',
  message: 'This is not an account whose billing you manage.',
}

const OFF: FormState = { status: 'error', message: 'Billing is not enabled on this portal.' }

/** The account named in the form, when billing is on and the person may manage it. */
async function managed(
  key: string,
  { payload, user }: PersonContext,
): Promise<BillingAccount | FormState> {
  if (!isBillingOn()) return OFF
  return (await billingAccountFor(await db({ payload }), user.id, key)) ?? NOT_YOURS
}

const isAccount = (value: BillingAccount | FormState): value is BillingAccount => 'key' in value

const billingPath = (account: string) => `/settings/billing?account=${account}`

export const changePlanAction = personAction({
  schema: changePlanSchema,
  lists: ['revokeKeyIds'],
  run: async ({ account: key, plan, revokeKeyIds }, context) => {
    const account = await managed(key, context)
    if (!isAccount(account)) return account
    const request = await context.req()
    const result = await inTransaction(request, async () =>
      billingProvider().changePlan({
        db: await db(request),
        account: account.key,
        accountName: account.name,
        to: plan,
        revokeKeyIds,
        actorId: context.user.id,
        email: context.user.email,
        returnUrl: portalUrl('/settings/billing', { account: account.key }),
      }),
    )
    if (result.kind === 'redirect') redirect(result.url)
    // The limiter reads the new plan on the account's next verification.
    for (const hash of await accountKeyHashes(
      await db({ payload: context.payload }),
      account.key,
    )) {
      invalidateKeyHash(hash)
    }
    redirect(`${billingPath(account.key)}&changed=${plan}`)
  },
})

export const saveDetailsAction = personAction({
  schema: billingDetailsSchema,
  revalidate: () => ['/settings/billing'],
  run: async ({ account: key, ...details }, context) => {
    const account = await managed(key, context)
    if (!isAccount(account)) return account
    await saveDetails(
      await db({ payload: context.payload }),
      account.key,
      details,
      billingProvider().name,
    )
    return { status: 'ok', message: 'Billing details saved: they appear on your next invoice.' }
  },
})

export const cancelPlanAction = personAction({
  schema: cancelSchema,
  revalidate: () => ['/settings/billing'],
  run: async ({ account: key, reason, details }, context) => {
    const account = await managed(key, context)
    if (!isAccount(account)) return account
    if (account.plan === 'free') {
      return { status: 'error', message: 'This account is on the free plan: nothing to cancel.' }
    }
    if (account.plan === 'enterprise') return { status: 'error', message: ENTERPRISE_STAFF_ONLY }
    const queryable = await db({ payload: context.payload })
    await billingProvider().setCancelAtPeriodEnd(queryable, account.key, true)
    await cancelAtPeriodEnd(
      queryable,
      account.key,
      details ? `${reason}: ${details}` : reason,
      billingProvider().name,
    )
    return {
      status: 'ok',
      message: 'Your plan ends at the end of this period; until then nothing changes.',
    }
  },
})

export const resumePlanAction = personAction({
  schema: accountOnlySchema,
  revalidate: () => ['/settings/billing'],
  run: async ({ account: key }, context) => {
    const account = await managed(key, context)
    if (!isAccount(account)) return account
    const queryable = await db({ payload: context.payload })
    await billingProvider().setCancelAtPeriodEnd(queryable, account.key, false)
    await resumePlan(queryable, account.key)
    return { status: 'ok', message: 'Your plan continues: the cancellation is withdrawn.' }
  },
})

export const openPortalAction = personAction({
  schema: accountOnlySchema,
  run: async ({ account: key }, context) => {
    const account = await managed(key, context)
    if (!isAccount(account)) return account
    const url = await billingProvider().portalUrl(
      await db({ payload: context.payload }),
      account.key,
      portalUrl('/settings/billing', { account: account.key }),
    )
    if (!url) {
      return {
        status: 'error',
        message: 'There is no payment method on file yet: it is added when you first upgrade.',
      }
    }
    redirect(url)
  },
})
