import { z } from 'zod'

import { DISCUSSION_KINDS } from './config'

const discussionRef = {
  discussion_id: z.number().int(),
  title: z.string().min(1),
  url: z.string(),
}

const discussionExample = {
  discussion_id: 31,
  title: 'How do I fine-tune the genre model on my own labels?',
  url: 'https://community.tunetrail.dev/community/discussions/31',
}

/** A member named in the data hears of it (forum notices never leave the portal). */
const noticeSchema = z.object({
  ...discussionRef,
  user_id: z.number().int(),
  actor: z.string(),
  excerpt: z.string(),
  link: z.string(),
})

const noticeExample = (link: string) => ({
  ...discussionExample,
  user_id: 4,
  actor: 'leo',
  excerpt: 'Freeze the encoder and train the head first…',
  link,
})

/**
 * The community forum's events (spread into src/lib/events/registry.ts): three for integrators,
 * and the internal notices that become notifications (src/lib/forum/notifications.ts).
 */
export const FORUM_EVENT_TYPES = {
  'discussion.created': {
    visibility: 'public',
    source: 'portal',
    description: 'The account’s user started a discussion in the community forum.',
    schema: z.object({
      ...discussionRef,
      kind: z.enum(DISCUSSION_KINDS),
      category: z.string(),
      author: z.string(),
      tags: z.array(z.string()),
    }),
    example: {
      ...discussionExample,
      kind: 'question',
      category: 'ml-models',
      author: 'maya',
      tags: ['fine-tuning'],
    },
  },
  'reply.created': {
    visibility: 'public',
    source: 'portal',
    description: 'The account’s user replied in a community discussion.',
    schema: z.object({
      ...discussionRef,
      reply_id: z.number().int(),
      author: z.string(),
      parent_reply_id: z.number().int().nullable(),
    }),
    example: { ...discussionExample, reply_id: 207, author: 'leo', parent_reply_id: null },
  },
  'answer.accepted': {
    visibility: 'public',
    source: 'portal',
    description: 'A reply was accepted as the answer to the account’s user’s question.',
    schema: z.object({
      ...discussionRef,
      reply_id: z.number().int(),
      answer_author: z.string(),
      accepted_by: z.string(),
    }),
    example: { ...discussionExample, reply_id: 207, answer_author: 'leo', accepted_by: 'maya' },
  },
  'community.mentioned': {
    visibility: 'internal',
    source: 'portal',
    description: 'Someone mentioned the user in the community forum.',
    schema: noticeSchema,
    example: noticeExample('/community/discussions/31#reply-207'),
  },
  'community.replied': {
    visibility: 'internal',
    source: 'portal',
    description: 'A new reply in a discussion the user started, replied to or watches.',
    schema: noticeSchema,
    example: noticeExample('/community/discussions/31#reply-207'),
  },
  'community.answer_accepted': {
    visibility: 'internal',
    source: 'portal',
    description: 'The user’s reply was accepted as the answer.',
    schema: noticeSchema,
    example: noticeExample('/community/discussions/31#reply-207'),
  },
} as const
