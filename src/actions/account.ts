'use server'

import { cookies } from 'next/headers'
import { z } from 'zod'

import { personAction } from '@/actions/formAction'
import { ACCOUNT_COOKIE, parseAccountChoice } from '@/data/account'
import { managedOrganizations } from '@/data/apiKeys'
import { serverUrl } from '@/lib/defaults'

const switchSchema = z.object({
  account: z
    .string({ error: 'Choose an account.' })
    .regex(/^(all|personal|\d{1,12})$/, 'Choose an account.'),
})

/** The header's account switcher: remembers the choice; pages following it refresh. */
export const switchAccountAction = personAction({
  schema: switchSchema,
  revalidate: () => [{ layout: '/' }],
  run: async ({ account }, { user }) => {
    const organizations = await managedOrganizations(user)
    const choice = parseAccountChoice(
      account,
      organizations.map((org) => org.id),
    )
    if (String(choice) !== account) {
      return { status: 'error', message: 'You do not manage that organization.' }
    }
    const jar = await cookies()
    if (choice === 'all') jar.delete(ACCOUNT_COOKIE)
    else {
      jar.set(ACCOUNT_COOKIE, String(choice), {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        secure: serverUrl().startsWith('https:'),
        maxAge: 31_536_000,
      })
    }
    const organization = organizations.find((org) => org.id === choice)
    return {
      status: 'ok',
      message: organization
        ? `Showing ${organization.name}.`
        : choice === 'personal'
          ? 'Showing your personal account.'
          : 'Showing all accounts.',
    }
  },
})
