'use server'

import { revalidatePath } from 'next/cache'
import { redirect } from 'next/navigation'

import { personAction } from '@/actions/formAction'
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
const pagesOf = ({ id }: { id: number }) => [LIST, `${LIST}/${id}`]

/** Edits URL, description, events, headers and rate (access rules and the SSRF check apply). */
export const updateEndpointAction = personAction<typeof updateEndpointSchema, CreatedEndpointState>(
  {
    schema: updateEndpointSchema,
    lists: ['events'],
    failure: 'The changes could not be saved. Try again.',
    revalidate: pagesOf,
    run: async ({ id, ...data }, { payload, user, ip }) => {
      await payload.update({
        collection: 'webhook-endpoints',
        id,
        data,
        depth: 0,
        overrideAccess: false,
        user,
        context: { ip: await ip() },
      })
      return { status: 'ok', message: 'Changes saved.' }
    },
  },
)

/** Reveals the current signing secret, or rotates it (the old one signs 24 hours more). */
export const secretAction = personAction<typeof secretSchema, SecretState>({
  schema: secretSchema,
  failure: 'The secret could not be revealed or rotated. Try again.',
  revalidate: ({ id, intent }) => (intent === 'rotate' ? pagesOf({ id }) : []),
  run: async ({ id, intent }, { req }) => {
    if (intent === 'reveal') {
      return { status: 'ok', kind: 'revealed', secret: await revealSecret(await req(), id) }
    }
    return {
      status: 'ok',
      kind: 'rotated',
      secret: await rotateSecret(await req(), id),
      message: `The previous secret also signs deliveries until ${formatDateTime(new Date(Date.now() + SECRET_OVERLAP_MS))}.`,
    }
  },
})

/** Sends the example payload of a type to this endpoint only. */
export const sendTestEventAction = personAction({
  schema: testEventSchema,
  failure: 'The test event could not be sent. Try again.',
  revalidate: pagesOf,
  run: async ({ id, type }, { req }) => {
    const { eventId } = await sendTestEvent(await req(), id, type)
    return {
      status: 'ok',
      message: `Test event ${eventId} (${type}) queued. Its delivery shows in the log below as soon as it is attempted.`,
      values: { type },
    }
  },
})

/** Turns deliveries back on after the endpoint was disabled. */
export const enableEndpointAction = personAction({
  schema: endpointIdSchema,
  failure: 'The endpoint could not be re-enabled. Try again.',
  revalidate: pagesOf,
  run: async ({ id }, { req }) => {
    await enableEndpoint(await req(), id)
    return { status: 'ok', message: 'Endpoint re-enabled. New events are delivered again.' }
  },
})

/** Attempts one delivery again now, with the same webhook-id. */
export const redeliverAction = personAction({
  schema: redeliverSchema,
  failure: 'The delivery could not be queued. Try again.',
  revalidate: pagesOf,
  run: async ({ delivery }, { req }) => {
    await redeliver(await req(), delivery)
    return { status: 'ok', message: 'Redelivery queued.' }
  },
})

/** Sends every failed delivery since a date again. */
export const replayAction = personAction({
  schema: replaySchema,
  failure: 'The deliveries could not be replayed. Try again.',
  revalidate: pagesOf,
  run: async ({ id, since }, { req }) => {
    const count = await replayFailed(await req(), id, since)
    return {
      status: 'ok',
      message:
        count === 0
          ? `No delivery failed since ${formatDateTime(since)}.`
          : `${count === 1 ? '1 failed delivery' : `${count} failed deliveries`} queued again.`,
    }
  },
})

/** Deletes the endpoint, then goes back to the list. */
export const deleteEndpointAction = personAction({
  schema: endpointIdSchema,
  failure: 'The endpoint could not be deleted. Try again.',
  run: async ({ id }, { payload, user, ip }) => {
    await payload.delete({
      collection: 'webhook-endpoints',
      id,
      overrideAccess: false,
      user,
      context: { ip: await ip() },
    })
    revalidatePath(LIST)
    redirect(`${LIST}?deleted=1`)
  },
})
