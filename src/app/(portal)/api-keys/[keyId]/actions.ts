'use server'

import { personAction } from '@/actions/formAction'
import { getKey } from '@/data/apiKeys'
import { revokeKey, rotateKey } from '@/lib/keys/manage'
import {
  GRACE_PERIOD_LABELS,
  keyIdSchema,
  rotateKeySchema,
  updateKeySchema,
  type IssuedKeyState,
} from '@/schemas/apiKeys'

const pagesOf = ({ id }: { id: number }) => ['/api-keys', `/api-keys/${id}`]

/** Edits name, scopes, expiry, IP allowlist and notes (access rules apply). */
export const updateKeyAction = personAction<typeof updateKeySchema, IssuedKeyState>({
  schema: updateKeySchema,
  lists: ['scopes'],
  failure: 'The changes could not be saved. Try again.',
  revalidate: pagesOf,
  run: async ({ id, expiresAt, ...data }, { payload, user, ip }) => {
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
      context: { ip: await ip() },
    })
    return { status: 'ok', message: 'Changes saved.' }
  },
})

/** Issues a successor; the plaintext comes back once, in the action state. */
export const rotateKeyAction = personAction<typeof rotateKeySchema, IssuedKeyState>({
  schema: rotateKeySchema,
  failure: 'The key could not be rotated. Try again.',
  revalidate: pagesOf,
  run: async ({ id, gracePeriodSeconds }, { req }) => {
    const fresh = await rotateKey(await req(), id, gracePeriodSeconds)
    if (typeof fresh.key !== 'string')
      throw new Error('the rotated key came back without its value')
    return {
      status: 'ok',
      message:
        gracePeriodSeconds === 0
          ? 'The old key was revoked.'
          : `The old key keeps working for ${GRACE_PERIOD_LABELS[gracePeriodSeconds]}, then expires.`,
      issued: { id: fresh.id, key: fresh.key, display: fresh.display ?? '', name: fresh.name },
    }
  },
})

/** Revokes a key at once. */
export const revokeKeyAction = personAction({
  schema: keyIdSchema,
  failure: 'The key could not be revoked. Try again.',
  revalidate: pagesOf,
  run: async ({ id }, { req }) => {
    await revokeKey(await req(), id)
    return { status: 'ok', message: 'API key revoked.' }
  },
})
