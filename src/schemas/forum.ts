import { z } from 'zod'

import { DISCUSSION_KINDS, FLAG_REASONS, FORUM_LIMITS, REACTION_KEYS } from '@/lib/forum/config'
import { normalizeTag, TAG_PATTERN } from '@/lib/forum/text'

const id = z.coerce.number().int().positive().max(2_147_483_647)

export const LIST_SORTS = ['latest', 'new', 'top', 'relevance'] as const
export type ListSort = (typeof LIST_SORTS)[number]

/** The list's query string: anything unreadable falls back to "no filter". */
export const listQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  category: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/)
    .optional()
    .catch(undefined),
  kind: z.enum(DISCUSSION_KINDS).optional().catch(undefined),
  tag: z.string().regex(TAG_PATTERN).optional().catch(undefined),
  state: z.enum(['solved', 'unsolved']).optional().catch(undefined),
  mine: z.enum(['1']).optional().catch(undefined),
  sort: z.enum(LIST_SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
})
export type ListQuery = z.infer<typeof listQuerySchema>

const tagList = z
  .string()
  .max(400)
  .optional()
  .transform((value) => [
    ...new Set(
      (value ?? '')
        .split(/[,\s]+/)
        .map(normalizeTag)
        .filter(Boolean),
    ),
  ])
  .refine((tags) => tags.length <= FORUM_LIMITS.tagsPerDiscussion, {
    message: `At most ${FORUM_LIMITS.tagsPerDiscussion} tags.`,
  })
  .refine((tags) => tags.every((tag) => TAG_PATTERN.test(tag)), {
    message: 'Tags are 2 to 30 letters, digits or dashes.',
  })

const attachmentIds = z
  .string()
  .max(200)
  .optional()
  .transform((value) => (value ?? '').split(',').filter(Boolean).map(Number))
  .refine((ids) => ids.length <= 10 && ids.every((n) => Number.isInteger(n) && n > 0), {
    message: 'At most 10 attachments.',
  })

export const newDiscussionSchema = z.object({
  category: id,
  kind: z.enum(DISCUSSION_KINDS, { message: 'Choose a kind.' }),
  title: z
    .string()
    .trim()
    .min(8, 'Give a title of at least 8 characters.')
    .max(FORUM_LIMITS.titleMax),
  body: z.string().trim().min(10, 'Write at least 10 characters.').max(FORUM_LIMITS.bodyMax),
  tags: tagList,
  attachments: attachmentIds,
})

export const replySchema = z.object({
  discussion: id,
  body: z.string().trim().min(2, 'Write a reply.').max(FORUM_LIMITS.bodyMax),
  parent: id.optional().or(z.literal('').transform(() => undefined)),
  attachments: attachmentIds,
})

export const editPostSchema = z.object({
  collection: z.enum(['discussions', 'replies']),
  id,
  title: z.string().trim().min(8).max(FORUM_LIMITS.titleMax).optional(),
  body: z.string().trim().min(2, 'Write something.').max(FORUM_LIMITS.bodyMax),
})

/** A post whose Markdown source is asked for (to quote or edit it). */
export const postSourceSchema = z.object({
  collection: z.enum(['discussions', 'replies']),
  id,
})

export const reactSchema = z.object({
  target: z.enum(['discussion', 'reply']),
  id,
  reaction: z.enum(REACTION_KEYS as [string, ...string[]]),
})

export const flagSchema = z.object({
  target: z.enum(['discussion', 'reply']),
  id,
  reason: z.enum(FLAG_REASONS, { message: 'Choose a reason.' }),
  details: z.string().trim().max(1000).optional(),
})

export const acceptSchema = z.object({ discussion: id, reply: id.or(z.literal('none')) })
export const toggleSchema = z.object({ discussion: id, on: z.enum(['1', '0']) })

export const MODERATIONS = [
  'pin',
  'unpin',
  'lock',
  'close',
  'reopen',
  'hide',
  'unhide',
  'approve',
  'move',
] as const
export const moderateSchema = z.object({
  target: z.enum(['discussion', 'reply']),
  id,
  action: z.enum(MODERATIONS),
  category: id.optional(),
  reason: z.string().trim().max(200).optional(),
})

export const dismissFlagsSchema = z.object({ target: z.enum(['discussion', 'reply']), id })

/** Moderators' tag merge page: one tag into another. */
export const mergeTagsSchema = z
  .object({ from: id, into: id })
  .refine((data) => data.from !== data.into, {
    path: ['into'],
    message: 'Choose a different tag to merge into.',
  })
