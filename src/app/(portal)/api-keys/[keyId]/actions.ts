'use server'

import { revalidatePath } from 'next/cache'
import { createLocalReq, type TypedUser } from 'payload'

import { getKey } from '@/data/apiKeys'
import { clientIp, currentUser, payloadClient } from '@/data/session'
import { formError, parseForm, zodFormError } from '@/lib/forms'
import type { FormState } from '@/lib/formState'
import { revokeKey, rotateKey } from '@/lib/keys/manage'
import type { User } from '@/payload-types'
import {
  formObject,
  GRACE_PERIOD_LABELS,
  keyIdSchema,
  rotateKeySchema,
  updateKeySchema,
  type IssuedKeyState,
} from '@/schemas/apiKeys'

const signedOut: FormState = { status: 'error', message: 'Your session has ended. Log in again.' }

function revalidateKey(id: number) {
  revalidatePath('/api-keys')
  revalidatePath(`/api-keys/${id}`)
}

/** A Payload request for manage.ts, carrying the user and the client IP for the audit log. */
async function localRequest(user: User) {
  const payload = await payloadClient()
  return createLocalReq(
    { user: { ...user, collection: 'users' } as TypedUser, context: { ip: await clientIp() } },
    payload,
  )
}

/** Edits name, scopes, expiry, IP allowlist and notes (access rules apply). */
export async function updateKeyAction(
  _state: IssuedKeyState,
  formData: FormData,
): Promise<IssuedKeyState> {
  const user = await currentUser()
  if (!user) return signedOut
  const withScopes = (state: FormState): FormState => ({
    ...state,
    values: { ...state.values, scopes: formData.getAll('scopes').map(String).join(',') },
  })
  const parsed = updateKeySchema.safeParse(formObject(formData, ['scopes']))
  if (!parsed.success) return withScopes(zodFormError(parsed.error, formData))
  const { id, expiresAt, ...data } = parsed.data
  const current = await getKey(user, id)
  if (!current) return { status: 'error', message: 'This key no longer exists.' }
  if (current.status === 'revoked') {
    return { status: 'error', message: 'A revoked key cannot be changed.' }
  }
  // The form has minute precision: an unchanged expiry keeps its seconds (and no audit entry).
  const isSameExpiry =
    Boolean(current.expiresAt) === Boolean(expiresAt) &&
    (!expiresAt ||
      Math.abs(new Date(current.expiresAt ?? 0).getTime() - expiresAt.getTime()) < 60_000)
  try {
    const payload = await payloadClient()
    await payload.update({
      collection: 'api-keys',
      id,
      data: {
        ...data,
        ...(isSameExpiry ? {} : { expiresAt: expiresAt?.toISOString() ?? null }),
      },
      depth: 0,
      overrideAccess: false,
      user,
      context: { ip: await clientIp() },
    })
  } catch (error) {
    return withScopes(formError(error, formData, 'The changes could not be saved. Try again.'))
  }
  revalidateKey(id)
  return { status: 'ok', message: 'Changes saved.' }
}

/** Issues a successor; the plaintext comes back once, in the action state. */
export async function rotateKeyAction(
  _state: IssuedKeyState,
  formData: FormData,
): Promise<IssuedKeyState> {
  const user = await currentUser()
  if (!user) return signedOut
  const parsed = parseForm(rotateKeySchema, formData)
  if (!parsed.data) return parsed.state
  const { id, gracePeriodSeconds } = parsed.data
  let issued: NonNullable<IssuedKeyState['issued']>
  try {
    const fresh = await rotateKey(await localRequest(user), id, gracePeriodSeconds)
    if (typeof fresh.key !== 'string')
      throw new Error('the rotated key came back without its value')
    issued = { id: fresh.id, key: fresh.key, display: fresh.display ?? '', name: fresh.name }
  } catch (error) {
    return formError(error, formData, 'The key could not be rotated. Try again.')
  }
  revalidateKey(id)
  return {
    status: 'ok',
    message:
      gracePeriodSeconds === 0
        ? 'The old key was revoked.'
        : `The old key keeps working for ${GRACE_PERIOD_LABELS[gracePeriodSeconds]}, then expires.`,
    issued,
  }
}

/** Revokes a key at once. */
export async function revokeKeyAction(_state: FormState, formData: FormData): Promise<FormState> {
  const user = await currentUser()
  if (!user) return signedOut
  const parsed = parseForm(keyIdSchema, formData)
  if (!parsed.data) return parsed.state
  try {
    await revokeKey(await localRequest(user), parsed.data.id)
  } catch (error) {
    return formError(error, formData, 'The key could not be revoked. Try again.')
  }
  revalidateKey(parsed.data.id)
  return { status: 'ok', message: 'API key revoked.' }
}
