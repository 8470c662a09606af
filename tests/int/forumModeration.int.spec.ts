import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { acceptAnswer, setVote, toggleReaction } from '@/lib/forum/actions'
import { ensureTags } from '@/lib/forum/tags'
import { db } from '@/lib/db'
import { inTransaction } from '@/lib/transactions'
import type { ForumCategory, User } from '@/payload-types'

import { category, discussion, reply, resetForumLimits, veteran } from '../helpers/forum'
import { asUser, makeUser, rejection, testPayload, unique } from '../helpers/payload'

/** Flags, moderators' decisions, deletes, attachments and the smaller doors of the forum. */

let payload: Payload
let cat: ForumCategory
let alice: User
let bob: User
let moderator: User

const reqAs = (user: User) => createLocalReq({ user: asUser(user) }, payload)
const sql = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
  (await (await db({ payload })).query<T>(text, values)).rows
const flag = (user: User, target: { discussion?: number; reply?: number }) =>
  payload.create({
    collection: 'flags',
    data: { ...target, reason: 'spam' } as never,
    overrideAccess: false,
    user: asUser(user),
  })
const stateOf = async (id: number) =>
  (
    await sql<{ moderation_state: string }>(
      'SELECT moderation_state FROM discussions WHERE id = $1',
      [id],
    )
  )[0]?.moderation_state

beforeAll(async () => {
  payload = await testPayload()
  cat = await category(payload)
  ;[alice, bob, moderator] = await Promise.all([veteran(), veteran(), veteran(['moderator'])])
})

beforeEach(async () => {
  await resetForumLimits([alice, bob, moderator])
})

describe('flags', () => {
  it('from three new accounts hide nothing, and staff posts are never hidden by flags', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    for (const throwaway of [await makeUser(), await makeUser(), await makeUser()]) {
      await flag(throwaway, { discussion: doc.id })
    }
    expect(await stateOf(doc.id)).toBe('visible')
    const staffPost = await discussion(payload, moderator, { category: cat.id })
    for (const member of [await veteran(), await veteran(), await veteran()]) {
      await flag(member, { discussion: staffPost.id })
    }
    expect(await stateOf(staffPost.id)).toBe('visible')
    // The flags still reach the review queue.
    const open = await sql('SELECT 1 FROM flags WHERE discussion_id = $1 AND status = $2', [
      staffPost.id,
      'open',
    ])
    expect(open).toHaveLength(3)
  })

  it('are settled when a moderator unhides the post anywhere, so one more flag does not re-hide it', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    for (const member of [await veteran(), await veteran(), await veteran()]) {
      await flag(member, { discussion: doc.id })
    }
    expect(await stateOf(doc.id)).toBe('hidden')
    // Unhidden through the Local API (what /admin does), not the page's action.
    await payload.update({
      collection: 'discussions',
      id: doc.id,
      data: { moderationState: 'visible' },
      overrideAccess: false,
      user: asUser(moderator),
    })
    const statuses = await sql<{ status: string }>(
      'SELECT DISTINCT status FROM flags WHERE discussion_id = $1',
      [doc.id],
    )
    expect(statuses).toEqual([{ status: 'dismissed' }])
    await flag(await veteran(), { discussion: doc.id })
    expect(await stateOf(doc.id)).toBe('visible')
  })

  it('changed by a moderator in /admin are logged', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    const made = await flag(bob, { discussion: doc.id })
    await payload.update({
      collection: 'flags',
      id: made.id,
      data: { status: 'dismissed' },
      overrideAccess: false,
      user: asUser(moderator),
    })
    const log = await sql<{ action: string; actor_id: number }>(
      'SELECT action, actor_id FROM forum_moderation_actions WHERE discussion_id = $1',
      [doc.id],
    )
    expect(log).toContainEqual({ action: 'flag.dismissed', actor_id: moderator.id })
  })
})

describe('deletes and the accepted answer', () => {
  it('a deleted reply is logged and recounted; a deleted accepted answer unsolves the question', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    const answer = await reply(payload, bob, doc.id)
    await reply(payload, bob, doc.id, 'And a second thought about batching.')
    await acceptAnswer(await reqAs(alice), doc.id, answer.id)
    await payload.delete({
      collection: 'replies',
      id: answer.id,
      overrideAccess: false,
      user: asUser(moderator),
    })
    const [row] = await sql<{ reply_count: number; is_solved: boolean; accepted_answer_id: null }>(
      'SELECT reply_count, is_solved, accepted_answer_id FROM discussions WHERE id = $1',
      [doc.id],
    )
    expect({ ...row, reply_count: Number(row.reply_count) }).toEqual({
      reply_count: 1,
      is_solved: false,
      accepted_answer_id: null,
    })
    const log = await sql<{ action: string; actor_id: number }>(
      `SELECT action, actor_id FROM forum_moderation_actions WHERE discussion_id = $1 AND action = 'post.deleted'`,
      [doc.id],
    )
    expect(log).toEqual([{ action: 'post.deleted', actor_id: moderator.id }])
  })

  it('a hidden accepted answer unsolves the question until it is shown again', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    const answer = await reply(payload, bob, doc.id)
    await acceptAnswer(await reqAs(alice), doc.id, answer.id)
    const solved = async () =>
      (
        await sql<{ is_solved: boolean }>('SELECT is_solved FROM discussions WHERE id = $1', [
          doc.id,
        ])
      )[0].is_solved
    const setState = (moderationState: 'hidden' | 'visible') =>
      payload.update({
        collection: 'replies',
        id: answer.id,
        data: { moderationState },
        overrideAccess: false,
        user: asUser(moderator),
      })
    await setState('hidden')
    expect(await solved()).toBe(false)
    await setState('visible')
    expect(await solved()).toBe(true)
  })

  it('deleted discussions and tags, and renamed tags, are logged', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    await payload.delete({
      collection: 'discussions',
      id: doc.id,
      overrideAccess: false,
      user: asUser(moderator),
    })
    const tag = await payload.create({
      collection: 'tags',
      data: {
        name: unique('t')
          .toLowerCase()
          .replace(/[^a-z0-9-]/g, '')
          .slice(0, 28),
      },
      overrideAccess: false,
      user: asUser(moderator),
    })
    await payload.update({
      collection: 'tags',
      id: tag.id,
      data: { name: `${tag.name.slice(0, 26)}-x` },
      overrideAccess: false,
      user: asUser(moderator),
    })
    await payload.delete({
      collection: 'tags',
      id: tag.id,
      overrideAccess: false,
      user: asUser(moderator),
    })
    const log = await sql<{ action: string; summary: string }>(
      `SELECT action, summary FROM forum_moderation_actions WHERE actor_id = $1
          AND action IN ('post.deleted', 'tag.renamed', 'tag.deleted') ORDER BY id`,
      [moderator.id],
    )
    expect(log.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['post.deleted', 'tag.renamed', 'tag.deleted']),
    )
    expect(log.map((entry) => entry.summary)).toContainEqual(expect.stringContaining(doc.title))
  })
})

describe('locked threads, reactions and votes', () => {
  it('take no votes or reactions from members once locked', async () => {
    const request = await discussion(payload, alice, { category: cat.id, kind: 'feature-request' })
    await payload.update({
      collection: 'discussions',
      id: request.id,
      data: { status: 'locked' },
      overrideAccess: false,
      user: asUser(moderator),
    })
    expect(await rejection(setVote(await reqAs(bob), request.id, true))).toMatch(/locked/)
    expect(
      await rejection(
        toggleReaction(await reqAs(bob), { discussion: request.id, reaction: 'heart' }),
      ),
    ).toMatch(/locked/)
    // Nor straight through the collection (REST / GraphQL create).
    expect(
      await rejection(
        payload.create({
          collection: 'reactions',
          data: { discussion: request.id, reaction: 'tada' } as never,
          overrideAccess: false,
          user: asUser(bob),
        }),
      ),
    ).toMatch(/locked/)
  })

  it('reactions on a hidden post are not readable by others', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    const r = await reply(payload, alice, doc.id, 'A reply to react to, then hide.')
    await toggleReaction(await reqAs(bob), { discussion: doc.id, reaction: 'rocket' })
    await toggleReaction(await reqAs(bob), { reply: r.id, reaction: 'eyes' })
    await payload.update({
      collection: 'replies',
      id: r.id,
      data: { moderationState: 'hidden' },
      overrideAccess: false,
      user: asUser(moderator),
    })
    await payload.update({
      collection: 'discussions',
      id: doc.id,
      data: { moderationState: 'hidden' },
      overrideAccess: false,
      user: asUser(moderator),
    })
    const seen = async (user?: User) =>
      (
        await payload.find({
          collection: 'reactions',
          where: { or: [{ discussion: { equals: doc.id } }, { reply: { equals: r.id } }] },
          overrideAccess: false,
          user: user ? asUser(user) : undefined,
        })
      ).totalDocs
    expect(await seen()).toBe(0)
    expect(await seen(await veteran())).toBe(0)
    expect(await seen(bob)).toBe(2)
    expect(await seen(moderator)).toBe(2)
  })
})

describe('tags and mentions', () => {
  it('new members use existing tags, and a refused post leaves no tag behind', async () => {
    const newcomer = await makeUser()
    const name = `nt-${Date.now().toString(36)}`
    expect(
      await rejection(
        payload.create({
          collection: 'tags',
          data: { name },
          overrideAccess: false,
          user: asUser(newcomer),
        }),
      ),
    ).toMatch(/New members use existing tags/)
    // A veteran's post refused (bad category) after its new tag was made: no orphan.
    const req: PayloadRequest = await reqAs(alice)
    const orphan = `or-${Date.now().toString(36)}`
    expect(
      await rejection(
        inTransaction(req, async () =>
          req.payload.create({
            collection: 'discussions',
            data: {
              title: 'A post that is refused',
              kind: 'discussion',
              body: 'This body is long enough to pass.',
              category: 2_000_000_000,
              tags: await ensureTags(req, [orphan]),
            } as never,
            overrideAccess: false,
            req,
          }),
        ),
      ),
    ).toMatch(/category/i)
    expect(await sql('SELECT 1 FROM tags WHERE name = $1', [orphan])).toHaveLength(0)
  })

  it('limits new tags per member and hour', async () => {
    const member = await veteran()
    const base = Date.now().toString(36)
    for (let n = 0; n < 10; n++) {
      await resetForumLimits([member])
      await payload.create({
        collection: 'tags',
        data: { name: `r${n}-${base}` },
        overrideAccess: false,
        user: asUser(member),
      })
    }
    const error = await payload
      .create({
        collection: 'tags',
        data: { name: `r10-${base}` },
        overrideAccess: false,
        user: asUser(member),
      })
      .catch((caught: { status?: number; message: string }) => caught)
    expect(error).toMatchObject({ status: 429, message: expect.stringMatching(/new tags an hour/) })
  })

  it('notifies one member of at most ten mentions an hour', async () => {
    const target = await veteran()
    const doc = await discussion(payload, alice, { category: cat.id })
    for (let n = 0; n < 12; n++) {
      await resetForumLimits([alice])
      await reply(payload, alice, doc.id, `@${target.username} ping number ${n}`)
    }
    const notices = await sql(
      `SELECT 1 FROM webhook_events WHERE type = 'community.mentioned' AND owner_id = $1`,
      [target.id],
    )
    expect(notices).toHaveLength(10)
  })
})

describe('attachments', () => {
  const upload = (user: User, name: string, mimetype: string, data: Buffer) =>
    payload.create({
      collection: 'forum-attachments',
      data: { alt: name },
      file: { data, mimetype, name, size: data.length },
      overrideAccess: false,
      user: asUser(user),
    })

  /** Payload's own file endpoint (what GET /api/forum-attachments/file/:name runs), as `user`. */
  const download = async (filename: string, user?: User) => {
    const endpoint = payload.collections['forum-attachments'].config.endpoints
      ? (
          payload.collections['forum-attachments'].config.endpoints as {
            path: string
            method: string
            handler: (req: PayloadRequest) => Promise<Response>
          }[]
        ).find((candidate) => candidate.path === '/file/:filename' && candidate.method === 'get')
      : undefined
    if (!endpoint) throw new Error('no file endpoint')
    const req = await createLocalReq(user ? { user: asUser(user) } : {}, payload)
    req.routeParams = { collection: 'forum-attachments', filename }
    req.headers = new Headers()
    return endpoint
      .handler(req)
      .catch(
        (error: { status?: number }) =>
          ({ status: error.status ?? 500, headers: new Headers() }) as Response,
      )
  }

  it('serve code files as plain-text downloads and images as images', async () => {
    const script = await upload(
      bob,
      'steal.js',
      'text/javascript',
      Buffer.from('alert(document.cookie)\n'),
    )
    const host = await discussion(payload, bob, {
      category: cat.id,
      attachments: [script.id],
    } as never)
    expect(host.moderationState).toBe('visible')
    const response = await download(script.filename as string)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe('attachment')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    // A 1×1 PNG stays an inline image.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    )
    const image = await upload(bob, 'pixel.png', 'image/png', png)
    await discussion(payload, bob, { category: cat.id, attachments: [image.id] } as never)
    const shown = await download(image.filename as string)
    expect(shown.headers.get('content-type')).toBe('image/png')
    expect(shown.headers.get('content-disposition')).toBeNull()
  })

  it('are read only by their uploader and moderators until attached to a post everyone reads', async () => {
    const newcomer = await makeUser()
    const file = await upload(newcomer, 'notes.txt', 'text/plain', Buffer.from('held notes\n'))
    const held = await discussion(payload, newcomer, {
      category: cat.id,
      attachments: [file.id],
    } as never)
    expect(held.moderationState).toBe('pending')
    const listed = async (user?: User) =>
      (
        await payload.find({
          collection: 'forum-attachments',
          where: { id: { equals: file.id } },
          overrideAccess: false,
          user: user ? asUser(user) : undefined,
        })
      ).totalDocs
    expect(await listed()).toBe(0)
    expect(await listed(bob)).toBe(0)
    expect(await listed(newcomer)).toBe(1)
    expect(await listed(moderator)).toBe(1)
    expect((await download(file.filename as string)).status).toBe(403)
    expect((await download(file.filename as string, newcomer)).status).toBe(200)
    // Approved: everyone reads it. Hidden again: private again.
    const setState = (moderationState: 'visible' | 'hidden') =>
      payload.update({
        collection: 'discussions',
        id: held.id,
        data: { moderationState },
        overrideAccess: false,
        user: asUser(moderator),
      })
    await setState('visible')
    expect(await listed()).toBe(1)
    await setState('hidden')
    expect(await listed(bob)).toBe(0)
  })
})
