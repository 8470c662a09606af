'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'
import { createLocalReq, type TypedUser } from 'payload'

import { clientIp, currentUser, payloadClient } from '@/data/session'
import { formError, parseForm, zodFormError } from '@/lib/forms'
import type { FormState } from '@/lib/formState'
import { formatDateTime } from '@/lib/time'
import {
  enableEndpoint,
  redeliver,
  replayFailed,
  revealSecret,
  rotateSecret,
  SECRET_OVERLAP_MS,
  sendTestEvent,
} from '@/lib/webhooks/manage'
import type { User } from '@/payload-types'
import { formObject } from '@/schemas/apiKeys'
import {
  endpointIdSchema,
  redeliverSchema,
  replaySchema,
  secretSchema,
  testEventSchema,
  updateEndpointSchema,
  type CreatedEndpointState,
  type SecretState,
} from '@/schemas/webhooks'

const LIST = '/settings/webhooks'

const signedOut: FormState = { status: 'error', message: 'Your session has ended. Log in again.' }

function revalidateEndpoint(id: number) {
  revalidatePath(LIST)
  revalidatePath(`${LIST}/${id}`)
}

/** A Payload request for manage.ts, carrying the user and the client IP for the audit log. */
async function localRequest(user: User) {
  const payload = await payloadClient()
  return createLocalReq(
    { user: { ...user, collection: 'users' } as TypedUser, context: { ip: await clientIp() } },
    payload,
  )
}

/** Edits URL, description, events, headers and rate (access rules and the SSRF check apply). */
export async function updateEndpointAction(
  _state: CreatedEndpointState,
  formData: FormData,
): Promise<CreatedEndpointState> {
  const user = await currentUser()
  if (!user) return signedOut
  const withEvents = (state: FormState): FormState => ({
    ...state,
    values: { ...state.values, events: formData.getAll('events').map(String).join(',') },
  })
  const parsed = updateEndpointSchema.safeParse(formObject(formData, ['events']))
  if (!parsed.success) return withEvents(zodFormError(parsed.error, formData))
  const { id, ...data } = parsed.data
  try {
    const payload = await payloadClient()
    await payload.update({
      collection: 'webhook-endpoints',
      id,
      data,
      depth: 0,
      overrideAccess: false,
      user,
      context: { ip: await clientIp() },
    })
  } catch (error) {
    return withEvents(formError(error, formData, 'The changes could not be saved. Try again.'))
  }
  revalidateEndpoint(id)
  return { status: 'ok', message: 'Changes saved.' }
}

/** Reveals the current signing secret, or rotates it (the old one signs 24 hours more). */
export async function secretAction(_state: SecretState, formData: FormData): Promise<SecretState> {
  const user = await currentUser()
  if (!user) return signedOut
  const parsed = parseForm(secretSchema, formData)
  if (!parsed.data) return parsed.state
  const { id, intent } = parsed.data
  try {
    const req = await localRequest(user)
    if (intent === 'reveal') {
      return { status: 'ok', kind: 'revealed', secret: await revealSecret(req, id) }
    }
    const secret = await rotateSecret(req, id)
    revalidateEndpoint(id)
    return {
      status: 'ok',
      kind: 'rotated',
      secret,
      message: `The previous secret also signs deliveries until ${formatDateTime(new Date(Date.now() + SECRET_OVERLAP_MS))}.`,
    }
  } catch (error) {
    return formError(
      error,
      formData,
      intent === 'reveal'
        ? 'The secret could not be revealed. Try again.'
        : 'The secret could not be rotated. Try again.',
    )
  }
}

/** Sends the example payload of a type to this endpoint only. */
export async function sendTestEventAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const user = await currentUser()
  if (!user) return signedOut
  const parsed = parseForm(testEventSchema, formData)
  if (!parsed.data) return parsed.state
  const { id, type } = parsed.data
  let eventId: string
  try {
    ;({ eventId } = await sendTestEvent(await localRequest(user), id, type))
  } catch (error) {
    return formError(error, formData, 'The test event could not be sent. Try again.')
  }
  revalidateEndpoint(id)
  return {
    status: 'ok',
    message: `Test event ${eventId} (${type}) queued. Reload the page in a few seconds to see its delivery below.`,
    values: { type },
  }
}

/** Turns deliveries back on after the endpoint was disabled. */
export async function enableEndpointAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const user = await currentUser()
  if (!user) return signedOut
  const parsed = parseForm(endpointIdSchema, formData)
  if (!parsed.data) return parsed.state
  try {
    await enableEndpoint(await localRequest(user), parsed.data.id)
  } catch (error) {
    return formError(error, formData, 'The endpoint could not be re-enabled. Try again.')
  }
  revalidateEndpoint(parsed.data.id)
  return { status: 'ok', message: 'Endpoint re-enabled. New events are delivered again.' }
}

/** Attempts one delivery again now, with the same webhook-id. */
export async function redeliverAction(_state: FormState, formData: FormData): Promise<FormState> {
  const user = await currentUser()
  if (!user) return signedOut
  const parsed = parseForm(redeliverSchema, formData)
  if (!parsed.data) return parsed.state
  try {
    await redeliver(await localRequest(user), parsed.data.delivery)
  } catch (error) {
    return formError(error, formData, 'The delivery could not be queued. Try again.')
  }
  revalidateEndpoint(parsed.data.id)
  return { status: 'ok', message: 'Redelivery queued.' }
}

/** Sends every failed delivery since a date again. */
export async function replayAction(_state: FormState, formData: FormData): Promise<FormState> {
  const user = await currentUser()
  if (!user) return signedOut
  const parsed = parseForm(replaySchema, formData)
  if (!parsed.data) return parsed.state
  const { id, since } = parsed.data
  let count: number
  try {
    count = await replayFailed(await localRequest(user), id, since)
  } catch (error) {
    return formError(error, formData, 'The deliveries could not be replayed. Try again.')
  }
  revalidateEndpoint(id)
  return {
    status: 'ok',
    message:
      count === 0
        ? `No delivery failed since ${formatDateTime(since)}.`
        : `${count === 1 ? '1 failed delivery' : `${count} failed deliveries`} queued again.`,
  }
}

/** Deletes the endpoint, then goes back to the list. */
export async function deleteEndpointAction(
  _state: FormState,
  formData: FormData,
): Promise<FormState> {
  const user = await currentUser()
  if (!user) return signedOut
  const parsed = parseForm(endpointIdSchema, formData)
  if (!parsed.data) return parsed.state
  try {
    const payload = await payloadClient()
    await payload.delete({
      collection: 'webhook-endpoints',
      id: parsed.data.id,
      overrideAccess: false,
      user,
      context: { ip: await clientIp() },
    })
  } catch (error) {
    return formError(error, formData, 'The endpoint could not be deleted. Try again.')
  }
  revalidatePath(LIST)
  redirect(`${LIST}?deleted=1`)
}
