import { forumLiveConsumer } from '../forum/live'
import { notificationConsumer } from '../notifications/consume'
import { statusSubscriberConsumer } from '../status/notices'
import { webhookConsumer } from '../webhooks/fanout'
import type { Consumer } from './fanout'

/**
 * Everything that hears of outbox events, in order. A feature adds its consumer here; the
 * fan-out job hands it every event it wants, exactly once.
 */
export const CONSUMERS: Consumer[] = [
  webhookConsumer,
  notificationConsumer,
  statusSubscriberConsumer,
  forumLiveConsumer,
]
