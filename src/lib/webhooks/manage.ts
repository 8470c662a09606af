import { APIError, Forbidden, NotFound, type PayloadRequest } from 'payload'

import { accountOf } from '../accounts'
import type { KeyUser } from '../keys/collectionScopes'
import { enqueueInTransaction } from '../queue'
import { seal, unseal } from '../secretBox'
import { inTransaction } from '../transactions'
import { EVENT_TYPES, type EventType } from '../events/registry'
import { publishEventFor as publishEvent } from '../events/publish'
import { generateSecret } from './signing'

/** After a rotation the old secret keeps signing (next to the new one) this long. */
export const SECRET_OVERLAP_MS = 24 * 3_600_000

/** The endpoint as the requesting user may see it, with its hidden fields. */
async function visibleEndpoint(req: PayloadRequest, id: string | number) {
  const visible = await req.payload
    .findByID({
      collection: 'webhook-endpoints',
      id,
      depth: 0,
      overrideAccess: false,
      user: req.user,
      req,
    })
    .catch(() => null)
  if (!visible) throw new NotFound(req.t)
  return req.payload.findByID({
    collection: 'webhook-endpoints',
    id,
    depth: 0,
    overrideAccess: true,
    showHiddenFields: true,
    req,
  })
}

const noKeys = (req: PayloadRequest) => {
  const apiKey = (req.user as KeyUser | null)?.apiKey
  if (apiKey && !apiKey.scopes.includes('webhooks:manage')) throw new Forbidden(req.t)
}

export async function revealSecret(req: PayloadRequest, id: string | number): Promise<string> {
  noKeys(req)
  const endpoint = await visibleEndpoint(req, id)
  return unseal(endpoint.secretSealed as string)
}

/** A new secret now; the old one also signs for 24 hours so receivers can switch over. */
export async function rotateSecret(req: PayloadRequest, id: string | number): Promise<string> {
  noKeys(req)
  return inTransaction(req, async () => {
    const endpoint = await visibleEndpoint(req, id)
    const secret = generateSecret()
    await req.payload.update({
      collection: 'webhook-endpoints',
      id: endpoint.id,
      data: {
        secretSealed: seal(secret),
        previousSecretSealed: endpoint.secretSealed,
        previousSecretExpiresAt: new Date(Date.now() + SECRET_OVERLAP_MS).toISOString(),
      },
      overrideAccess: true,
      req,
    })
    return secret
  })
}

/** Sends the example payload of `type` to this endpoint only. */
export async function sendTestEvent(req: PayloadRequest, id: string | number, type: EventType) {
  noKeys(req)
  const endpoint = await visibleEndpoint(req, id)
  if (!endpoint.enabled)
    throw new APIError('Enable the endpoint before testing it.', 409, undefined, true)
  return publishEvent(req, {
    type,
    account: accountOf(endpoint),
    data: { ...EVENT_TYPES[type].example },
    endpointId: endpoint.id,
    isTest: true,
  })
}

export async function enableEndpoint(req: PayloadRequest, id: string | number) {
  noKeys(req)
  const endpoint = await visibleEndpoint(req, id)
  return req.payload.update({
    collection: 'webhook-endpoints',
    id: endpoint.id,
    data: { enabled: true, disabledAt: null, disabledReason: null, failingSince: null },
    overrideAccess: true,
    req,
  })
}

/** Attempts a delivery again now (whatever its state), keeping its webhook-id. */
export async function redeliver(req: PayloadRequest, deliveryId: string | number) {
  noKeys(req)
  const delivery = await req.payload
    .findByID({
      collection: 'webhook-deliveries',
      id: deliveryId,
      depth: 0,
      overrideAccess: false,
      user: req.user,
      req,
    })
    .catch(() => null)
  if (!delivery) throw new NotFound(req.t)
  await inTransaction(req, async () => {
    await req.payload.update({
      collection: 'webhook-deliveries',
      id: delivery.id,
      data: { status: 'pending', nextAttemptAt: new Date().toISOString() },
      overrideAccess: true,
      req,
    })
    await enqueueInTransaction(req, 'webhook__deliver', { deliveryId: delivery.id })
  })
  return delivery.id
}

/** Redelivers every failed delivery of the endpoint since `since`; returns how many. */
export async function replayFailed(req: PayloadRequest, id: string | number, since: Date) {
  noKeys(req)
  const endpoint = await visibleEndpoint(req, id)
  let replayed = 0
  // Redelivered ones are pending again, so each round finds the next failed ones.
  for (;;) {
    const { docs } = await req.payload.find({
      collection: 'webhook-deliveries',
      where: {
        and: [
          { endpoint: { equals: endpoint.id } },
          { status: { equals: 'failed' } },
          { createdAt: { greater_than_equal: since.toISOString() } },
        ],
      },
      depth: 0,
      limit: 500,
      overrideAccess: true,
      req,
    })
    if (docs.length === 0) return replayed
    for (const delivery of docs) await redeliver(req, delivery.id)
    replayed += docs.length
  }
}
