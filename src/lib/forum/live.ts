import type { Consumer } from '../events/fanout'
import { announceTopics } from '../notifications/live'

/** The live topic of a thread: open thread pages refresh when it is announced. */
export const discussionTopic = (id: number | string) => `discussion:${id}`

/**
 * Open threads hear of their new replies once the reply committed (the fan-out runs after it),
 * so the page that refreshes reads it.
 */
export const forumLiveConsumer: Consumer = {
  name: 'forum-live',
  wants: (event) => !event.isTest && event.type === 'reply.created',
  consume: async (_client, event) => {
    const id = Number(event.data.discussion_id)
    if (!Number.isInteger(id)) return
    return () => announceTopics([discussionTopic(id)])
  },
}
