import type { getThread } from '@/data/forum'
import { portalUrl } from '@/lib/emails'
import { excerpt } from '@/lib/forum/text'
import type { Reply } from '@/payload-types'

import { authorOf } from '../../../_components/parts'

/** schema.org QAPage for questions: the question, its accepted answer and other answers. */
export function qaPage(thread: NonNullable<Awaited<ReturnType<typeof getThread>>>) {
  const { discussion, replies, accepted } = thread
  const answer = (reply: Reply) => ({
    '@type': 'Answer',
    text: excerpt(reply.body, 500),
    dateCreated: reply.createdAt,
    url: portalUrl(`/community/discussions/${discussion.id}#reply-${reply.id}`),
    author: { '@type': 'Person', name: authorOf(reply.author)?.username ?? 'member' },
  })
  const data = {
    '@context': 'https://schema.org',
    '@type': 'QAPage',
    mainEntity: {
      '@type': 'Question',
      name: discussion.title,
      text: excerpt(discussion.body, 1000),
      dateCreated: discussion.createdAt,
      answerCount: discussion.replyCount ?? 0,
      author: { '@type': 'Person', name: authorOf(discussion.author)?.username ?? 'member' },
      ...(accepted ? { acceptedAnswer: answer(accepted) } : {}),
      suggestedAnswer: replies.docs
        .filter((reply) => reply.id !== accepted?.id && reply.moderationState === 'visible')
        .slice(0, 10)
        .map(answer),
    },
  }
  // `<` escaped: the JSON cannot close the script element whatever the posts say.
  return JSON.stringify(data).replace(/</g, '\\u003c')
}
