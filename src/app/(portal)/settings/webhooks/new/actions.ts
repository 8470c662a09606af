'use server'

import { revalidatePath } from 'next/cache'

import { clientIp, currentUser, payloadClient } from '@/data/session'
import { formError, zodFormError } from '@/lib/forms'
import { formObject } from '@/schemas/apiKeys'
import { createEndpointSchema, type CreatedEndpointState } from '@/schemas/webhooks'

const signedOut: CreatedEndpointState = {
  status: 'error',
  message: 'Your session has ended. Log in again.',
}

/** Form state keeps every ticked event (keptValues would keep only the last). */
function withEvents(state: CreatedEndpointState, formData: FormData): CreatedEndpointState {
  return {
    ...state,
    values: { ...state.values, events: formData.getAll('events').map(String).join(',') },
  }
}

/**
 * Adds an endpoint and returns its signing secret once, in the action state (never in a URL or
 * log). The server refuses URLs that resolve to private addresses, on the `url` field.
 */
export async function createEndpointAction(
  _state: CreatedEndpointState,
  formData: FormData,
): Promise<CreatedEndpointState> {
  const user = await currentUser()
  if (!user) return signedOut
  const parsed = createEndpointSchema.safeParse(formObject(formData, ['events']))
  if (!parsed.success) return withEvents(zodFormError(parsed.error, formData), formData)
  const { organization, ...data } = parsed.data
  try {
    const payload = await payloadClient()
    const doc = await payload.create({
      collection: 'webhook-endpoints',
      data: { ...data, organization: organization ?? null },
      depth: 0,
      overrideAccess: false,
      user,
      context: { ip: await clientIp() },
    })
    if (typeof doc.secret !== 'string') {
      throw new Error('the created endpoint came back without its secret')
    }
    revalidatePath('/settings/webhooks')
    return {
      status: 'ok',
      message: 'Endpoint added.',
      created: { id: doc.id, url: doc.url, secret: doc.secret },
    }
  } catch (error) {
    return withEvents(
      formError(error, formData, 'The endpoint could not be added. Try again.'),
      formData,
    )
  }
}
