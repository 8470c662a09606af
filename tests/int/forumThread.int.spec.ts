import * as GraphQL from 'graphql'
import { createLocalReq, type Payload } from 'payload'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { getThread } from '@/data/forum'
import { setVote, setWatch, toggleReaction } from '@/lib/forum/actions'
import { forumMutations } from '@/lib/forum/graphql'
import { db } from '@/lib/db'
import type { ForumCategory, User } from '@/payload-types'

import { category, discussion, reply, resetForumLimits, veteran } from '../helpers/forum'
import { asUser, makeUser, rejection, testPayload } from '../helpers/payload'

/** The thread page's data (shared for everyone, per-viewer state laid over it) and GraphQL's doors. */

let payload: Payload
let cat: ForumCategory
let alice: User
let bob: User
let moderator: User

const reqAs = (user: User) => createLocalReq({ user: asUser(user) }, payload)
const versionOf = async (id: number) =>
  (
    await (
      await db({ payload })
    ).query<{ v: string }>('SELECT updated_at::text AS v FROM discussions WHERE id = $1', [id])
  ).rows[0].v

beforeAll(async () => {
  payload = await testPayload()
  cat = await category(payload)
  ;[alice, bob, moderator] = await Promise.all([veteran(), veteran(), veteran(['moderator'])])
})

beforeEach(async () => {
  await resetForumLimits([alice, bob, moderator])
})

describe('the thread page’s data', () => {
  it('marks the viewer’s own reactions, vote and watch, and nobody else’s', async () => {
    const doc = await discussion(payload, alice, { category: cat.id, kind: 'feature-request' })
    const answer = await reply(payload, alice, doc.id, 'Planned for the next release.')
    await toggleReaction(await reqAs(bob), { discussion: doc.id, reaction: 'heart' })
    await toggleReaction(await reqAs(bob), { reply: answer.id, reaction: 'rocket' })
    await setVote(await reqAs(bob), doc.id, true)
    await setWatch(await reqAs(bob), doc.id, true)
    const forBob = await getThread(doc.id, bob)
    const forAlice = await getThread(doc.id, alice)
    const forAnyone = await getThread(doc.id, null)
    expect(forBob?.reactions.get('d')?.heart).toEqual({ count: 1, isMine: true })
    expect(forBob?.reactions.get(`r${answer.id}`)?.rocket).toEqual({ count: 1, isMine: true })
    expect(forBob).toMatchObject({ hasVoted: true, isWatching: true })
    expect(forAlice?.reactions.get('d')?.heart).toEqual({ count: 1, isMine: false })
    expect(forAlice).toMatchObject({ hasVoted: false, isWatching: false })
    expect(forAnyone?.reactions.get(`r${answer.id}`)?.rocket).toEqual({ count: 1, isMine: false })
    expect(forAnyone?.discussion.voteCount).toBe(1)
  })

  it('shows members their own held replies and moderators hidden ones, and nobody else', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    const newcomer = await makeUser()
    const held = await reply(payload, newcomer, doc.id, 'My first reply, waiting for review.')
    expect(held.moderationState).toBe('pending')
    const ids = async (viewer: User | null) =>
      (await getThread(doc.id, viewer))?.replies.docs.map((r) => r.id) ?? []
    expect(await ids(newcomer)).toContain(held.id)
    expect(await ids(moderator)).toContain(held.id)
    expect(await ids(alice)).not.toContain(held.id)
    expect(await ids(null)).not.toContain(held.id)
  })

  it('moves the thread’s cache version on every change shown on the page', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    let version = await versionOf(doc.id)
    const moved = async () => {
      const next = await versionOf(doc.id)
      const hasMoved = next !== version
      version = next
      return hasMoved
    }
    const r = await reply(payload, bob, doc.id, 'A reply moves it.')
    expect(await moved()).toBe(true)
    await payload.update({
      collection: 'replies',
      id: r.id,
      data: { body: 'An edited reply moves it too.' },
      overrideAccess: false,
      user: asUser(bob),
    })
    expect(await moved()).toBe(true)
    await toggleReaction(await reqAs(alice), { reply: r.id, reaction: 'eyes' })
    expect(await moved()).toBe(true)
    await toggleReaction(await reqAs(alice), { reply: r.id, reaction: 'eyes' })
    expect(await moved()).toBe(true)
    await payload.delete({
      collection: 'replies',
      id: r.id,
      overrideAccess: false,
      user: asUser(moderator),
    })
    expect(await moved()).toBe(true)
  })
})

describe('GraphQL mutations', () => {
  const mutations = forumMutations(GraphQL, {} as never) as Record<
    string,
    {
      resolve: (root: unknown, args: Record<string, unknown>, context: unknown) => Promise<unknown>
    }
  >
  const asKey = (user: User, scopes: string[]) => ({
    ...asUser(user),
    apiKey: { id: 1, scopes, organizationId: null },
  })
  const call = async (name: string, args: Record<string, unknown>, user: unknown) =>
    mutations[name].resolve(null, args, {
      req: await createLocalReq({ user: user as never }, payload),
    })

  it('accept, vote, watch and react as the REST doors do, with a community:write key', async () => {
    const question = await discussion(payload, alice, { category: cat.id })
    const answer = await reply(payload, bob, question.id, 'Use the batch endpoint.')
    const key = asKey(alice, ['community:write'])
    expect(
      await call('forumAcceptAnswer', { discussion: question.id, reply: answer.id }, key),
    ).toEqual({
      acceptedAnswer: answer.id,
    })
    const request = await discussion(payload, alice, { category: cat.id, kind: 'feature-request' })
    expect(
      await call(
        'forumVote',
        { discussion: request.id, vote: true },
        asKey(bob, ['community:write']),
      ),
    ).toEqual({
      voteCount: 1,
      hasVoted: true,
    })
    expect(
      await call(
        'forumWatch',
        { discussion: request.id, watch: true },
        asKey(bob, ['community:write']),
      ),
    ).toEqual({
      isWatching: true,
    })
    expect(
      await call(
        'forumReact',
        { reply: answer.id, reaction: 'tada' },
        asKey(alice, ['community:write']),
      ),
    ).toEqual({ isReacted: true, count: 1 })
  })

  it('refuse keys without the scope, strangers accepting and unknown reactions', async () => {
    const question = await discussion(payload, alice, { category: cat.id })
    const answer = await reply(payload, bob, question.id, 'Use the batch endpoint.')
    expect(
      await rejection(
        call(
          'forumAcceptAnswer',
          { discussion: question.id, reply: answer.id },
          asKey(alice, ['models:read']),
        ),
      ),
    ).toMatch(/community:write/)
    expect(
      await rejection(
        call('forumAcceptAnswer', { discussion: question.id, reply: answer.id }, asUser(bob)),
      ),
    ).toMatch(/author or a moderator/)
    expect(
      await rejection(
        call('forumReact', { discussion: question.id, reaction: 'skull' }, asUser(bob)),
      ),
    ).toMatch(/reaction: One of/)
    expect(
      await rejection(call('forumVote', { discussion: question.id, vote: true }, undefined)),
    ).toMatch(/Sign in/)
  })
})
