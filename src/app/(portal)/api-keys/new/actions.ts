'use server'

import { revalidatePath } from 'next/cache'

import { clientIp, currentUser, payloadClient } from '@/data/session'
import { formError, zodFormError } from '@/lib/forms'
import { createKeySchema, formObject, type IssuedKeyState } from '@/schemas/apiKeys'

const signedOut: IssuedKeyState = {
  status: 'error',
  message: 'Your session has ended. Log in again.',
}

/** Form state keeps every ticked scope (keptValues would keep only the last). */
function withScopes(state: IssuedKeyState, formData: FormData): IssuedKeyState {
  return {
    ...state,
    values: { ...state.values, scopes: formData.getAll('scopes').map(String).join(',') },
  }
}

/** Creates a key and returns its plaintext once, in the action state (never in a URL or log). */
export async function createKeyAction(
  _state: IssuedKeyState,
  formData: FormData,
): Promise<IssuedKeyState> {
  const user = await currentUser()
  if (!user) return signedOut
  const parsed = createKeySchema.safeParse(formObject(formData, ['scopes']))
  if (!parsed.success) return withScopes(zodFormError(parsed.error, formData), formData)
  const { organization, ...data } = parsed.data
  try {
    const payload = await payloadClient()
    const doc = await payload.create({
      collection: 'api-keys',
      data: {
        ...data,
        expiresAt: data.expiresAt?.toISOString() ?? null,
        organization: organization ?? null,
        // Required by the generated type; the collection sets it on create whatever is sent.
        status: 'active',
      },
      depth: 0,
      overrideAccess: false,
      user,
      context: { ip: await clientIp() },
    })
    if (typeof doc.key !== 'string') throw new Error('the created key came back without its value')
    revalidatePath('/api-keys')
    return {
      status: 'ok',
      message: 'API key created.',
      issued: { id: doc.id, key: doc.key, display: doc.display ?? '', name: doc.name },
    }
  } catch (error) {
    return withScopes(
      formError(error, formData, 'The key could not be created. Try again.'),
      formData,
    )
  }
}
