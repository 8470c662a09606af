import {
  APIError,
  ValidationError,
  type CollectionAfterChangeHook,
  type CollectionBeforeChangeHook,
  type CollectionBeforeDeleteHook,
  type CollectionBeforeValidateHook,
} from 'payload'

import { assignOwnership } from '@/access/accountOwnership'
import { env } from '@/lib/env'
import { seal } from '@/lib/secretBox'
import { generateSecret } from '@/lib/webhooks/signing'
import { refusedUrl } from '@/lib/webhooks/ssrf'

/** Owner on create; the URL must resolve to public addresses only (SSRF). */
export const checkEndpoint: CollectionBeforeValidateHook = async ({ data, operation, req }) => {
  if (!req.user || !data) throw new APIError('Sign in to manage webhooks.', 401)
  if (operation === 'create') await assignOwnership(req, 'webhook-endpoints', data, 'webhooks')
  if (typeof data.url === 'string') {
    const problem = await refusedUrl(data.url, { allowLoopback: env().WEBHOOK_ALLOW_LOOPBACK })
    if (problem) {
      throw new ValidationError({
        collection: 'webhook-endpoints',
        errors: [{ path: 'url', message: problem }],
      })
    }
  }
  return data
}

/** A new endpoint gets its signing secret, stored encrypted. */
export const issueSecret: CollectionBeforeChangeHook = ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const secret = generateSecret()
  data.secretSealed = seal(secret)
  req.context.issuedSecret = secret
  return data
}

export const revealIssuedSecret: CollectionAfterChangeHook = ({ doc, operation, req }) => {
  const secret = req.context.issuedSecret
  if (operation !== 'create' || typeof secret !== 'string') return doc
  delete req.context.issuedSecret
  return { ...doc, secret }
}

/** An endpoint's delivery log goes with it (deliveries cannot outlive their endpoint). */
export const deleteDeliveries: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({
    collection: 'webhook-deliveries',
    where: { endpoint: { equals: id } },
    overrideAccess: true,
    req,
  })
}
