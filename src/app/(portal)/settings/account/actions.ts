'use server'

import { redirect } from 'next/navigation'

import { personAction, SIGNED_OUT } from '@/actions/formAction'
import { currentUser, payloadClient } from '@/data/session'
import { scheduleDeletion } from '@/lib/accountData/deletion'
import { requestExport } from '@/lib/accountData/exports'
import { isPasswordCorrect } from '@/lib/accountData/password'
import { deletionFactorProblem, deletionPasskeyOptions } from '@/lib/accountData/secondFactor'
import { db } from '@/lib/db'
import type { FormState } from '@/lib/formState'
import type { KeyUser } from '@/lib/keys/collectionScopes'
import { hitLimit } from '@/lib/rateLimit'
import { inTransaction } from '@/lib/transactions'
import { deleteAccountSchema, requestExportSchema } from '@/schemas/accountData'

export const requestExportAction = personAction({
  schema: requestExportSchema,
  revalidate: () => ['/settings/account'],
  run: async (_data, { req, user }) => {
    const request = await req()
    await inTransaction(request, async () => requestExport(await db(request), user.id))
    return {
      status: 'ok',
      message: `We are preparing your archive: a download link arrives at ${user.email} shortly.`,
    }
  },
})

const CONFIRM_ATTEMPTS = 5
const CONFIRM_WINDOW_MS = 15 * 60_000

export const deleteAccountAction = personAction({
  schema: deleteAccountSchema,
  run: async (
    { password, code, passkey, passkeyChallenge, reason },
    { req, user },
  ): Promise<FormState> => {
    // The password check is a guessing oracle: a few tries per quarter hour and account.
    const limit = await hitLimit(`account-delete:${user.id}`, CONFIRM_ATTEMPTS, CONFIRM_WINDOW_MS)
    if (!limit.isAllowed) {
      return {
        status: 'error',
        message: 'Too many attempts. Wait a quarter of an hour and try again.',
      }
    }
    const request = await req()
    const queryable = await db(request)
    if (!(await isPasswordCorrect(queryable, user.id, password))) {
      return { status: 'error', errors: { password: 'This password is not correct.' } }
    }
    const factorProblem = await deletionFactorProblem(request.payload, user, {
      code,
      passkey,
      passkeyChallenge,
    })
    if (factorProblem) return factorProblem
    await inTransaction(request, async () =>
      scheduleDeletion(await db(request), { id: user.id, email: user.email }, reason),
    )
    redirect('/login?deletionScheduled=1&next=%2Fsettings%2Faccount')
  },
})

/** Options to confirm the deletion with one of the account's passkeys (and their challenge). */
export async function deletionPasskeyOptionsAction() {
  const user = await currentUser()
  if (!user || (user as KeyUser).apiKey) return { error: SIGNED_OUT.message }
  const started = await deletionPasskeyOptions(await payloadClient(), user)
  if (!started) return { error: 'This account has no passkey.' }
  return started
}
