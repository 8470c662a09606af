import type { PoolClient } from 'pg'

import { actionEmail, portalUrl } from '../emails'
import type { Consumer, StoredEvent } from '../events/fanout'
import { NOTIFICATION_TYPES, STATUS_NOTIFICATION_TYPES } from '../notifications/types'
import { enqueueOn } from '../queue'
import { subscriberUnsubscribeLinks } from './subscriptions'

type StatusType = (typeof STATUS_NOTIFICATION_TYPES)[number]
const isStatusType = (type: string): type is StatusType =>
  (STATUS_NOTIFICATION_TYPES as readonly string[]).includes(type)

/** The component ids an event names. */
const componentIds = (event: StoredEvent): number[] =>
  ((event.data.components as { id?: unknown }[] | undefined) ?? [])
    .map((component) => Number(component.id))
    .filter((id) => Number.isInteger(id))

/**
 * Confirmed subscribers who want this event: those of every component, and those of a component
 * it names (an event that names none concerns everyone). Unconfirmed ones never, nor those of
 * some components whose components have all gone.
 */
export async function subscribersFor(
  client: Pick<PoolClient, 'query'>,
  event: StoredEvent,
): Promise<{ id: number; email: string }[]> {
  const ids = componentIds(event)
  const { rows } = await client.query<{ id: number; email: string }>(
    `SELECT s.id, s.email FROM status_subscribers s
      WHERE s.confirmed_at IS NOT NULL
        AND (cardinality($1::int[]) = 0
             OR s.scope IS DISTINCT FROM 'some'
             OR EXISTS (SELECT 1 FROM status_subscribers_rels r
                         WHERE r.parent_id = s.id AND r.path = 'components'
                           AND r.status_components_id = ANY($1::int[])))
      ORDER BY s.id`,
    [ids],
  )
  return rows
}

/** The notice one subscriber gets: the event's words, its page, a one-click unsubscribe. */
export function noticeMail(subscriber: { id: number; email: string }, event: StoredEvent) {
  const type = event.type as StatusType
  const text = NOTIFICATION_TYPES[type].render(event.data)
  const links = subscriberUnsubscribeLinks(subscriber.id)
  const isIncident = type.startsWith('incident.')
  return {
    to: subscriber.email,
    subject: `[TuneTrail status] ${text.title}`,
    html: actionEmail({
      heading: text.title,
      intro: text.body,
      action: isIncident ? 'Follow the incident' : 'Open the status page',
      url:
        isIncident && text.link
          ? portalUrl(text.link)
          : String(event.data.url ?? portalUrl('/status')),
      outro: 'You get this because you subscribed to TuneTrail status notices.',
      unsubscribeUrl: links.page,
    }),
    headers: {
      'List-Unsubscribe': `<${links.oneClick}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  }
}

/**
 * The status page's email subscribers, as an outbox consumer: each `incident.*` and
 * `maintenance.*` event that staff marked "notify" becomes one mail per confirmed subscriber who
 * wants it, queued in the consumer's transaction (so each is queued exactly once).
 */
export const statusSubscriberConsumer: Consumer = {
  name: 'status-subscribers',
  wants: (event) => !event.isTest && isStatusType(event.type) && event.data.notify === true,
  consume: async (client, event) => {
    const subscribers = await subscribersFor(client, event)
    await enqueueOn(
      client,
      'mail__send',
      subscribers.map((subscriber) => noticeMail(subscriber, event)),
    )
  },
}
