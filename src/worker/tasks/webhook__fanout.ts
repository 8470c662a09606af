import type { Task } from 'graphile-worker'

import { fanOutEvent } from '@/lib/webhooks/fanout'

import { catalog } from '@/lib/tasks'

/** One delivery (and its job) per subscribed endpoint of the event's account. */
export const webhook__fanout: Task = async (raw, helpers) => {
  const { eventId, endpointId } = catalog.webhook__fanout.schema.parse(raw)
  const created = await helpers.withPgClient((client) => fanOutEvent(client, eventId, endpointId))
  if (created === null) helpers.logger.info(`event ${eventId} is gone: nothing to fan out`)
  else if (created) helpers.logger.info(`event ${eventId}: ${created} deliveries`)
}
