'use server'

import { z } from 'zod'

import { personAction } from '@/actions/formAction'
import { hasRole } from '@/access/roles'

const rateSchema = z.object({
  model: z.coerce.number().int().positive(),
  score: z.coerce.number().int().min(1, 'Choose 1 to 5 stars.').max(5, 'Choose 1 to 5 stars.'),
  review: z.string().trim().max(5000).optional().default(''),
  path: z.string().regex(/^\/models\//),
})

/** Rates a model (1–5 with an optional review); rating again edits the one rating. */
export const rateModelAction = personAction({
  schema: rateSchema,
  revalidate: (data) => [data.path],
  run: async ({ model, score, review }, { payload, user }) => {
    const mine = await payload.find({
      collection: 'model-ratings',
      where: { and: [{ model: { equals: model } }, { user: { equals: user.id } }] },
      limit: 1,
      depth: 0,
      overrideAccess: false,
      user,
    })
    if (mine.docs[0]) {
      await payload.update({
        collection: 'model-ratings',
        id: mine.docs[0].id,
        data: { score, review },
        overrideAccess: false,
        user,
      })
      return { status: 'ok', message: 'Rating updated.' }
    }
    await payload.create({
      collection: 'model-ratings',
      data: { model, score, review },
      overrideAccess: false,
      user,
    })
    return { status: 'ok', message: 'Thanks for rating.' }
  },
})

const commentSchema = z.object({
  model: z.coerce.number().int().positive(),
  body: z.string().trim().min(1, 'Write a comment first.').max(10_000),
  path: z.string().regex(/^\/models\//),
})

/** Comments on a model (Markdown). */
export const commentAction = personAction({
  schema: commentSchema,
  revalidate: (data) => [data.path],
  run: async ({ model, body }, { payload, user }) => {
    await payload.create({
      collection: 'model-comments',
      data: { model, body },
      overrideAccess: false,
      user,
    })
    return { status: 'ok', message: 'Comment posted.' }
  },
})

const hideSchema = z.object({
  comment: z.coerce.number().int().positive(),
  hidden: z.enum(['true', 'false']),
  reason: z.string().trim().max(200).optional().default(''),
  path: z.string().regex(/^\/models\//),
})

/** Moderators hide (or show again) a comment, with a reason. */
export const hideCommentAction = personAction({
  schema: hideSchema,
  revalidate: (data) => [data.path],
  run: async ({ comment, hidden, reason }, { payload, user }) => {
    if (!hasRole(user, 'moderator'))
      return { status: 'error', message: 'Only moderators hide comments.' }
    await payload.update({
      collection: 'model-comments',
      id: comment,
      data: { hidden: hidden === 'true', hiddenReason: hidden === 'true' ? reason : '' },
      overrideAccess: false,
      user,
    })
    return { status: 'ok', message: hidden === 'true' ? 'Comment hidden.' : 'Comment shown again.' }
  },
})
