import 'server-only'

import { cookies } from 'next/headers'
import { cache } from 'react'

import type { User } from '@/payload-types'

import { managedOrganizations } from './apiKeys'

/** The cookie holding the account the header's switcher chose: `personal` or an organization id. */
export const ACCOUNT_COOKIE = 'tt-account'

/** Every account, the person's own, or one organization they own or administer. */
export type AccountChoice = 'all' | 'personal' | number

export type AccountOption = { value: string; label: string; role?: string }

export type CurrentAccount = {
  choice: AccountChoice
  label: string
  /** What the switcher offers; empty when the person manages no organization. */
  options: AccountOption[]
}

/** Reads a cookie or form value as a choice; anything else (a stranger's org included) is `all`. */
export function parseAccountChoice(value: unknown, organizationIds: number[]): AccountChoice {
  if (value === 'personal') return 'personal'
  if (typeof value === 'string' && /^\d{1,12}$/.test(value)) {
    const id = Number(value)
    if (organizationIds.includes(id)) return id
  }
  return 'all'
}

/**
 * The account the pages follow (the key and webhook lists, and the dashboard once it ships),
 * as chosen in the header's switcher. Cached per request.
 */
export const currentAccount = cache(async (user: User): Promise<CurrentAccount> => {
  const organizations = await managedOrganizations(user)
  const choice = parseAccountChoice(
    (await cookies()).get(ACCOUNT_COOKIE)?.value,
    organizations.map((org) => org.id),
  )
  const options: AccountOption[] =
    organizations.length === 0
      ? []
      : [
          { value: 'all', label: 'All accounts' },
          { value: 'personal', label: 'Personal' },
          ...organizations.map((org) => ({
            value: String(org.id),
            label: org.name,
            role: org.myRole,
          })),
        ]
  const label =
    choice === 'all'
      ? 'All accounts'
      : choice === 'personal'
        ? 'Personal'
        : (organizations.find((org) => org.id === choice)?.name ?? 'All accounts')
  return { choice, label, options }
})

/** The filter a list applies for the current account: `undefined` for every account. */
export const accountFilter = (choice: AccountChoice): 'personal' | number | undefined =>
  choice === 'all' ? undefined : choice
