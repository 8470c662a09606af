import { createLocalReq } from 'payload'

import { payloadClient } from '@/data/session'
import { isBillingOn } from '@/lib/billing/config'
import { verifyStripeEvent } from '@/lib/billing/stripe'
import { accountKeyHashes, applyStripeEvent } from '@/lib/billing/stripeEvents'
import { db } from '@/lib/db'
import { env } from '@/lib/env'
import { invalidateKeyHash } from '@/lib/keys/cache'
import { logger } from '@/lib/logger'
import { inTransaction } from '@/lib/transactions'

const MAX_BODY = 512 * 1024

/**
 * Stripe's signed events (Checkout completed, subscription ended). Exists only with BILLING=on
 * and the stripe provider; an unsigned or forged body is a 400 and changes nothing.
 */
export async function POST(request: Request): Promise<Response> {
  if (!isBillingOn() || env().BILLING_PROVIDER !== 'stripe') {
    return Response.json({ error: 'Not found.' }, { status: 404 })
  }
  const body = await request.text()
  if (body.length > MAX_BODY) return Response.json({ error: 'Too large.' }, { status: 413 })
  let event
  try {
    event = verifyStripeEvent(body, request.headers.get('stripe-signature'))
  } catch {
    return Response.json({ error: 'The Stripe-Signature header does not match.' }, { status: 400 })
  }
  const payload = await payloadClient()
  const req = await createLocalReq({}, payload)
  try {
    const outcome = await inTransaction(req, async () => applyStripeEvent(await db(req), event))
    if (outcome.account) {
      for (const hash of await accountKeyHashes(await db({ payload }), outcome.account)) {
        invalidateKeyHash(hash)
      }
    }
    return Response.json({ received: true, applied: outcome.applied })
  } catch (err) {
    const status = (err as { status?: number }).status
    if (status && status < 500) {
      return Response.json({ error: (err as Error).message }, { status: 422 })
    }
    logger.error({ msg: 'stripe event failed', type: event.type, err: String(err) })
    return Response.json({ error: 'Could not apply the event; Stripe retries.' }, { status: 500 })
  }
}
