import type { Task } from 'graphile-worker'

import { CONSUMERS } from '@/lib/events/consumers'
import { fanOut } from '@/lib/events/fanout'
import { catalog } from '@/lib/tasks'

/** Hands one outbox event to each consumer that wants it (src/lib/events/consumers.ts). */
export const event__fanout: Task = async (raw, helpers) => {
  const { eventId, endpointId } = catalog.event__fanout.schema.parse(raw)
  const result = await fanOut(helpers.withPgClient, CONSUMERS, eventId, endpointId)
  if (result === null) helpers.logger.info(`event ${eventId} is gone: nothing to fan out`)
  else helpers.logger.debug(`event ${eventId}: ${JSON.stringify(result)}`)
}
