'use server'

import { z } from 'zod'

import { personAction } from '@/actions/formAction'
import { hasRole } from '@/access/roles'
import {
  featureProjectAs,
  reviewProjectAs,
  setMakerAs,
  withdrawRevisionAs,
} from '@/lib/showcase/review'

const path = z.string().regex(/^\/showcase(\/[a-z0-9/-]*)?$/)
const id = z.coerce.number().int().positive()

/** Comments on a project (Markdown). */
export const commentAction = personAction({
  schema: z.object({
    project: id,
    body: z.string().trim().min(1, 'Write a comment first.').max(10_000),
    path,
  }),
  revalidate: (data) => [data.path],
  run: async ({ project, body }, { payload, user }) => {
    await payload.create({
      collection: 'project-comments',
      data: { project, body },
      overrideAccess: false,
      user,
    })
    return { status: 'ok', message: 'Comment posted.' }
  },
})

/** Moderators hide (or show again) a comment, with a reason. */
export const hideCommentAction = personAction({
  schema: z.object({
    comment: id,
    hidden: z.enum(['true', 'false']),
    reason: z.string().trim().max(200).optional().default(''),
    path,
  }),
  revalidate: (data) => [data.path],
  run: async ({ comment, hidden, reason }, { payload, user }) => {
    if (!hasRole(user, 'moderator'))
      return { status: 'error', message: 'Only moderators hide comments.' }
    await payload.update({
      collection: 'project-comments',
      id: comment,
      data: { hidden: hidden === 'true', hiddenReason: hidden === 'true' ? reason : '' },
      overrideAccess: false,
      user,
    })
    return { status: 'ok', message: hidden === 'true' ? 'Comment hidden.' : 'Comment shown again.' }
  },
})

/**
 * A moderator approves or rejects (with a reason) a submitted project, or a published one's
 * held changes (naming the version of them the page showed).
 */
export const reviewAction = personAction({
  schema: z.object({
    project: id,
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(1000).optional().default(''),
    version: z.string().max(64).optional(),
    path,
  }),
  revalidate: (data) => [data.path, '/showcase', '/showcase/review'],
  run: async ({ project, decision, reason, version }, { req }) => {
    const done = await reviewProjectAs(await req(), project, decision, reason, version)
    return {
      status: 'ok',
      message:
        decision === 'reject'
          ? 'Rejected; the makers are told why.'
          : done.status === 'published' && !done.pendingRevision
            ? 'Approved and live; the makers are told.'
            : 'Approved; the makers are told.',
    }
  },
})

/** The owner takes back their changes waiting for review. */
export const withdrawAction = personAction({
  schema: z.object({ project: id, path }),
  revalidate: (data) => [data.path, '/showcase/review', '/showcase/my-projects'],
  run: async ({ project }, { req }) => {
    await withdrawRevisionAs(await req(), project)
    return { status: 'ok', message: 'Your changes were withdrawn; the page stays as it is.' }
  },
})

/** Staff feature or stop featuring a project. */
export const featureAction = personAction({
  schema: z.object({ project: id, featured: z.enum(['true', 'false']), path }),
  revalidate: (data) => [data.path, '/showcase'],
  run: async ({ project, featured }, { req }) => {
    await featureProjectAs(await req(), project, featured === 'true')
    return { status: 'ok', message: featured === 'true' ? 'Featured.' : 'No longer featured.' }
  },
})

/** A listed maker accepts being shown, or leaves the project. */
export const makerAction = personAction({
  schema: z.object({ project: id, accept: z.enum(['true', 'false']), path }),
  revalidate: (data) => [data.path, '/showcase/my-projects'],
  run: async ({ project, accept }, { req }) => {
    await setMakerAs(await req(), project, accept === 'true')
    return {
      status: 'ok',
      message: accept === 'true' ? 'You are listed as a maker.' : 'You left the project.',
    }
  },
})
