'use server'

import { personAction } from '@/actions/formAction'
import { hasRole } from '@/access/roles'
import { acceptAnswer, setVote, setWatch, toggleReaction } from '@/lib/forum/actions'
import type { ReactionKey } from '@/lib/forum/config'
import { db } from '@/lib/db'
import { settleFlags } from '@/lib/forum/flags'
import type { FormState } from '@/lib/formState'
import {
  acceptSchema,
  dismissFlagsSchema,
  editPostSchema,
  flagSchema,
  moderateSchema,
  postSourceSchema,
  reactSchema,
  replySchema,
  toggleSchema,
} from '@/schemas/forum'

const threadPath = (id: number) => `/community/discussions/${id}`
const ok = (message: string) => ({ status: 'ok' as const, message })

export const replyAction = personAction({
  schema: replySchema,
  revalidate: (data) => [threadPath(data.discussion)],
  run: async (data, { req }) => {
    const request = await req()
    const doc = await request.payload.create({
      collection: 'replies',
      data: {
        discussion: data.discussion,
        body: data.body,
        parent: data.parent,
        attachments: data.attachments,
      } as never,
      overrideAccess: false,
      req: request,
    })
    return ok(
      doc.moderationState === 'pending'
        ? 'Thanks! Your first reply waits for a moderator’s review.'
        : 'Reply posted.',
    )
  },
})

export const editPostAction = personAction({
  schema: editPostSchema,
  revalidate: () => [{ layout: '/community' }],
  run: async (data, { req }) => {
    const request = await req()
    await request.payload.update({
      collection: data.collection,
      id: data.id,
      data:
        data.collection === 'discussions' && data.title
          ? { title: data.title, body: data.body }
          : { body: data.body },
      overrideAccess: false,
      req: request,
    })
    return ok('Saved.')
  },
})

/** What the quote and edit buttons fetch: a post's Markdown as its reader may see it. */
export type PostSourceState = FormState & { body?: string }

/**
 * The Markdown source of a post, read on demand (the thread page does not carry every body a
 * second time for its quote and edit buttons); as the viewer, so hidden posts stay theirs.
 */
export const postSourceAction = personAction<typeof postSourceSchema, PostSourceState>({
  schema: postSourceSchema,
  isHidden: true,
  failure: 'That post is not available.',
  run: async (data, { req }) => {
    const request = await req()
    const doc = await request.payload.findByID({
      collection: data.collection,
      id: data.id,
      depth: 0,
      select: { body: true },
      overrideAccess: false,
      req: request,
    })
    return { status: 'ok', message: '', body: doc.body }
  },
})

export const reactAction = personAction({
  schema: reactSchema,
  isHidden: true,
  revalidate: () => [{ layout: '/community' }],
  run: async (data, { req }) => {
    const result = await toggleReaction(await req(), {
      [data.target]: data.id,
      reaction: data.reaction as ReactionKey,
    })
    return { status: 'ok', message: result.isReacted ? 'Reaction added.' : 'Reaction removed.' }
  },
})

export const acceptAction = personAction({
  schema: acceptSchema,
  isHidden: true,
  revalidate: (data) => [threadPath(data.discussion)],
  run: async (data, { req }) => {
    await acceptAnswer(await req(), data.discussion, data.reply === 'none' ? null : data.reply)
    return ok(data.reply === 'none' ? 'Accepted answer cleared.' : 'Marked as the answer.')
  },
})

export const voteAction = personAction({
  schema: toggleSchema,
  isHidden: true,
  revalidate: (data) => [threadPath(data.discussion)],
  run: async (data, { req }) => {
    const { voteCount } = await setVote(await req(), data.discussion, data.on === '1')
    return ok(data.on === '1' ? `Voted (${voteCount}).` : 'Vote taken back.')
  },
})

export const watchAction = personAction({
  schema: toggleSchema,
  isHidden: true,
  revalidate: (data) => [threadPath(data.discussion)],
  run: async (data, { req }) => {
    await setWatch(await req(), data.discussion, data.on === '1')
    return ok(data.on === '1' ? 'You will be notified of new replies.' : 'No longer watching.')
  },
})

export const flagAction = personAction({
  schema: flagSchema,
  run: async (data, { req }) => {
    const request = await req()
    await request.payload.create({
      collection: 'flags',
      data: {
        [data.target]: data.id,
        reason: data.reason,
        details: data.details,
      } as never,
      overrideAccess: false,
      req: request,
    })
    return ok('Thanks: moderators will review it.')
  },
  onError: (state) =>
    state.errors && Object.values(state.errors).some((message) => /unique/i.test(message))
      ? { ...state, errors: undefined, message: 'You already flagged this post.' }
      : state,
})

const STATE_CHANGES = {
  pin: { isPinned: true },
  unpin: { isPinned: false },
  lock: { status: 'locked' },
  close: { status: 'closed' },
  reopen: { status: 'open' },
  hide: { moderationState: 'hidden' },
  unhide: { moderationState: 'visible', hiddenReason: '' },
  approve: { moderationState: 'visible', hiddenReason: '' },
} as const

export const moderateAction = personAction({
  schema: moderateSchema,
  isHidden: true,
  revalidate: () => [{ layout: '/community' }],
  run: async (data, { req, user }) => {
    if (!hasRole(user, 'moderator')) return { status: 'error', message: 'Moderators only.' }
    const request = await req()
    const collection = data.target === 'reply' ? 'replies' : 'discussions'
    if (data.action === 'move') {
      if (data.target !== 'discussion' || !data.category) {
        return { status: 'error', message: 'Choose the category to move it to.' }
      }
      await request.payload.update({
        collection: 'discussions',
        id: data.id,
        data: { category: data.category },
        overrideAccess: false,
        req: request,
      })
      return ok('Moved.')
    }
    const change = STATE_CHANGES[data.action]
    if (collection === 'replies' && !('moderationState' in change)) {
      return { status: 'error', message: 'Replies are hidden, unhidden or approved.' }
    }
    await request.payload.update({
      collection,
      id: data.id,
      data: {
        ...change,
        ...(data.action === 'hide' ? { hiddenReason: data.reason || 'Hidden by a moderator' } : {}),
      } as never,
      overrideAccess: false,
      req: request,
    })
    // The collections' hooks settle the post's open flags (from here or /admin alike).
    return ok(`Done: ${data.action}.`)
  },
})

export const dismissFlagsAction = personAction({
  schema: dismissFlagsSchema,
  isHidden: true,
  revalidate: () => ['/community/moderation'],
  run: async (data, { req, user }) => {
    if (!hasRole(user, 'moderator')) return { status: 'error', message: 'Moderators only.' }
    const request = await req()
    await settleFlags(await db(request), data.target, data.id, 'dismissed')
    const { logModeration } = await import('@/lib/forum/audit')
    await logModeration(request, {
      action: 'flag.dismissed',
      summary: `Dismissed the flags on ${data.target} #${data.id}`,
      discussion: data.target === 'discussion' ? data.id : null,
      reply: data.target === 'reply' ? data.id : null,
    })
    return ok('Flags dismissed.')
  },
})
