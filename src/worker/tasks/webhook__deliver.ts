import type { Task } from 'graphile-worker'

import { redis } from '@/lib/redis'
import { attemptDelivery } from '@/lib/webhooks/deliver'

import { catalog } from '@/lib/tasks'

/** One attempt of one delivery; the policy (lease, rate, signing, retries) is in the library. */
export const webhook__deliver: Task = async (raw, helpers) => {
  const { deliveryId } = catalog.webhook__deliver.schema.parse(raw)
  const outcome = await attemptDelivery(deliveryId, {
    withClient: helpers.withPgClient,
    redis: redis(),
  })
  helpers.logger.debug(`delivery ${deliveryId}: ${outcome}`)
}
