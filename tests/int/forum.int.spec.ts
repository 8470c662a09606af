import { createLocalReq, type Payload } from 'payload'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { acceptAnswer, setVote, toggleReaction } from '@/lib/forum/actions'
import { db } from '@/lib/db'
import { redis } from '@/lib/redis'
import type { ForumCategory, User } from '@/payload-types'

import { category, discussion, reply, resetForumLimits, veteran } from '../helpers/forum'
import { asUser, makeUser, rejection, testPayload } from '../helpers/payload'

let payload: Payload
let cat: ForumCategory
let alice: User
let bob: User
let mallory: User
let moderator: User

const reqAs = (user: User) => createLocalReq({ user: asUser(user) }, payload)
const sql = async <T = Record<string, unknown>>(text: string, values: unknown[] = []) =>
  (await (await db({ payload })).query<T>(text, values)).rows

beforeAll(async () => {
  payload = await testPayload()
  await redis().ping()
  cat = await category(payload)
  ;[alice, bob, mallory, moderator] = await Promise.all([
    veteran(),
    veteran(),
    veteran(),
    veteran(['moderator']),
  ])
})

beforeEach(async () => {
  await resetForumLimits([alice, bob, mallory, moderator])
})

describe('discussions, as a member attacking', () => {
  it('take their author from the caller, never from the body, and keep counts the system’s', async () => {
    const doc = await discussion(payload, mallory, {
      category: cat.id,
      author: alice.id,
      replyCount: 999,
      voteCount: 50,
      viewCount: 7,
      isSolved: true,
      isPinned: true,
      status: 'locked',
      moderationState: 'visible',
    } as never)
    expect(doc.author).toMatchObject({ id: mallory.id })
    expect(doc.replyCount).toBe(0)
    expect(doc.voteCount).toBe(0)
    expect(doc.viewCount).toBe(0)
    expect(doc.isSolved).toBe(false)
    expect(doc.isPinned).toBe(false)
    expect(doc.status).toBe('open')
  })

  it('refuse editing someone else’s discussion and forging counts on one’s own', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    const message = await rejection(
      payload.update({
        collection: 'discussions',
        id: doc.id,
        data: { title: 'Hijacked title here' },
        overrideAccess: false,
        user: asUser(mallory),
      }),
    )
    expect(message).toMatch(/not allowed|not found/i)
    const own = await payload.update({
      collection: 'discussions',
      id: doc.id,
      data: {
        body: 'Edited: is there a batch endpoint at all?',
        replyCount: 40,
        acceptedAnswer: 1,
        status: 'closed',
        category: cat.id,
      } as never,
      overrideAccess: false,
      user: asUser(alice),
    })
    expect(own.replyCount).toBe(0)
    expect(own.acceptedAnswer ?? null).toBeNull()
    expect(own.status).toBe('open')
    expect(own.editedAt).toBeTruthy()
    expect(own.editHistory?.[0]?.body).toMatch(/one track at a time/)
    expect(own.isEditedByModerator).toBe(false)
  })

  it('refuse announcements and staff-only categories to members', async () => {
    const announcements = await category(payload, {
      whoMayStart: 'staff',
      allowedKinds: ['announcement'],
    })
    expect(
      await rejection(
        discussion(payload, mallory, { category: announcements.id, kind: 'announcement' }),
      ),
    ).toMatch(/Only staff/)
    expect(
      await rejection(discussion(payload, mallory, { category: cat.id, kind: 'announcement' })),
    ).toMatch(/kind/)
  })
})

describe('replies', () => {
  it('are refused on a locked thread, on every door that reaches the collection', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    await payload.update({
      collection: 'discussions',
      id: doc.id,
      data: { status: 'locked' },
      overrideAccess: false,
      user: asUser(moderator),
    })
    expect(await rejection(reply(payload, bob, doc.id))).toMatch(/locked/)
    // Moderators may still reply (to explain the lock).
    await expect(reply(payload, moderator, doc.id, 'Locked: see the docs.')).resolves.toBeTruthy()
    const log = await sql<{ action: string; actor_id: number }>(
      'SELECT action, actor_id FROM forum_moderation_actions WHERE discussion_id = $1',
      [doc.id],
    )
    expect(log).toContainEqual({ action: 'discussion.locked', actor_id: moderator.id })
  })

  it('keep the author and thread the caller may use, and count only visible replies', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    const other = await discussion(payload, alice, { category: cat.id })
    const first = await reply(payload, bob, doc.id)
    expect(
      await rejection(
        reply(payload, mallory, doc.id, 'quoting elsewhere', {
          parent: (await reply(payload, bob, other.id)).id,
        }),
      ),
    ).toMatch(/parent/)
    const forged = await reply(payload, mallory, doc.id, 'mine', { author: alice.id } as never)
    expect(forged.author).toMatchObject({ id: mallory.id })
    const [row] = await sql<{ reply_count: number; last_reply_by_id: number }>(
      'SELECT reply_count, last_reply_by_id FROM discussions WHERE id = $1',
      [doc.id],
    )
    expect(Number(row.reply_count)).toBe(2)
    expect(row.last_reply_by_id).toBe(mallory.id)
    await payload.update({
      collection: 'replies',
      id: first.id,
      data: { moderationState: 'hidden', hiddenReason: 'spam' },
      overrideAccess: false,
      user: asUser(moderator),
    })
    const [after] = await sql<{ reply_count: number }>(
      'SELECT reply_count FROM discussions WHERE id = $1',
      [doc.id],
    )
    expect(Number(after.reply_count)).toBe(1)
    // Hidden: gone for others, still there for its author and moderators.
    const seenBy = async (user?: User) =>
      (
        await payload.find({
          collection: 'replies',
          where: { discussion: { equals: doc.id } },
          overrideAccess: false,
          user: user ? asUser(user) : undefined,
        })
      ).docs.map((r) => r.id)
    expect(await seenBy(mallory)).not.toContain(first.id)
    expect(await seenBy()).not.toContain(first.id)
    expect(await seenBy(bob)).toContain(first.id)
    expect(await seenBy(moderator)).toContain(first.id)
    // A member cannot unhide it by editing.
    const state = await payload
      .update({
        collection: 'replies',
        id: first.id,
        data: { moderationState: 'visible' },
        overrideAccess: false,
        user: asUser(bob),
      })
      .catch((error: Error) => error.message)
    expect(typeof state === 'string' ? state : state.moderationState).not.toBe('visible')
  })

  it('of a hidden discussion are hidden with it', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    const r = await reply(payload, bob, doc.id)
    await payload.update({
      collection: 'discussions',
      id: doc.id,
      data: { moderationState: 'hidden' },
      overrideAccess: false,
      user: asUser(moderator),
    })
    const found = await payload.findByID({
      collection: 'replies',
      id: r.id,
      overrideAccess: false,
      user: asUser(mallory),
      disableErrors: true,
    })
    expect(found).toBeNull()
    expect(
      await payload.findByID({
        collection: 'discussions',
        id: doc.id,
        overrideAccess: false,
        disableErrors: true,
      }),
    ).toBeNull()
  })
})

describe('answers, votes and reactions', () => {
  it('only the asker or a moderator accepts, and the answer can change', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    const a = await reply(payload, bob, doc.id)
    const b = await reply(payload, mallory, doc.id, 'Another way: the async API.')
    expect(await rejection(acceptAnswer(await reqAs(mallory), doc.id, b.id))).toMatch(
      /author or a moderator/,
    )
    await acceptAnswer(await reqAs(alice), doc.id, a.id)
    let [row] = await sql<{ accepted_answer_id: number; is_solved: boolean }>(
      'SELECT accepted_answer_id, is_solved FROM discussions WHERE id = $1',
      [doc.id],
    )
    expect(row).toEqual({ accepted_answer_id: a.id, is_solved: true })
    await acceptAnswer(await reqAs(moderator), doc.id, b.id)
    ;[row] = await sql('SELECT accepted_answer_id, is_solved FROM discussions WHERE id = $1', [
      doc.id,
    ])
    expect(row.accepted_answer_id).toBe(b.id)
    const other = await discussion(payload, alice, { category: cat.id })
    const elsewhere = await reply(payload, bob, other.id)
    expect(await rejection(acceptAnswer(await reqAs(alice), doc.id, elsewhere.id))).toMatch(/reply/)
    const events = await sql<{ type: string; data: { answer_author: string } }>(
      `SELECT type, data FROM webhook_events WHERE type = 'answer.accepted' AND data->>'discussion_id' = $1::text`,
      [doc.id],
    )
    expect(events.map((e) => e.data.answer_author)).toEqual([bob.username, mallory.username])
  })

  it('count one vote per member on a feature request', async () => {
    const doc = await discussion(payload, alice, { category: cat.id, kind: 'feature-request' })
    await setVote(await reqAs(bob), doc.id, true)
    await setVote(await reqAs(bob), doc.id, true)
    const result = await setVote(await reqAs(mallory), doc.id, true)
    expect(result.voteCount).toBe(2)
    expect((await setVote(await reqAs(bob), doc.id, false)).voteCount).toBe(1)
    const question = await discussion(payload, alice, { category: cat.id })
    expect(await rejection(setVote(await reqAs(bob), question.id, true))).toMatch(
      /feature requests/,
    )
  })

  it('toggle one reaction of each kind per member, and none on a hidden post of someone else', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    expect(
      await toggleReaction(await reqAs(bob), { discussion: doc.id, reaction: 'heart' }),
    ).toEqual({
      isReacted: true,
      count: 1,
    })
    expect(
      await toggleReaction(await reqAs(bob), { discussion: doc.id, reaction: 'heart' }),
    ).toEqual({
      isReacted: false,
      count: 0,
    })
    await payload.update({
      collection: 'discussions',
      id: doc.id,
      data: { moderationState: 'hidden' },
      overrideAccess: false,
      user: asUser(moderator),
    })
    expect(
      await rejection(toggleReaction(await reqAs(bob), { discussion: doc.id, reaction: 'heart' })),
    ).toMatch(/No such post/)
  })
})

describe('flags and the new-member sandbox', () => {
  it('hide a post flagged by three members until reviewed, once per member', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    const flag = (user: User) =>
      payload.create({
        collection: 'flags',
        data: { discussion: doc.id, reason: 'spam' } as never,
        overrideAccess: false,
        user: asUser(user),
      })
    await flag(bob)
    expect(await rejection(flag(bob))).toMatch(/unique|already/i)
    expect(await rejection(flag(alice))).toMatch(/own post/)
    await flag(mallory)
    let [row] = await sql<{ moderation_state: string }>(
      'SELECT moderation_state FROM discussions WHERE id = $1',
      [doc.id],
    )
    expect(row.moderation_state).toBe('visible')
    await flag(await veteran())
    ;[row] = await sql('SELECT moderation_state FROM discussions WHERE id = $1', [doc.id])
    expect(row.moderation_state).toBe('hidden')
    // Members read only their own flags.
    const seen = await payload.find({
      collection: 'flags',
      overrideAccess: false,
      user: asUser(bob),
    })
    expect(seen.docs.every((f) => (f.reporter as User).id === bob.id)).toBe(true)
  })

  it('holds a new member’s first post for review and limits links and mentions', async () => {
    const newcomer = await makeUser()
    const doc = await discussion(payload, newcomer, { category: cat.id })
    expect(doc.moderationState).toBe('pending')
    expect(
      await payload.findByID({
        collection: 'discussions',
        id: doc.id,
        overrideAccess: false,
        disableErrors: true,
      }),
    ).toBeNull()
    expect(
      await rejection(
        discussion(payload, newcomer, {
          category: cat.id,
          body: 'See https://a.example and https://b.example and https://c.example for more.',
        }),
      ),
    ).toMatch(/at most 2 links/)
    await payload.update({
      collection: 'discussions',
      id: doc.id,
      data: { moderationState: 'visible' },
      overrideAccess: false,
      user: asUser(moderator),
    })
    const [logged] = await sql<{ action: string }>(
      'SELECT action FROM forum_moderation_actions WHERE discussion_id = $1',
      [doc.id],
    )
    expect(logged.action).toBe('post.approved')
    const events = await sql(
      'SELECT 1 FROM webhook_events WHERE type = $1 AND (data->>$2)::int = $3',
      ['discussion.created', 'discussion_id', doc.id],
    )
    expect(events).toHaveLength(1)
  })
})

describe('API keys and limits', () => {
  const asKey = (user: User, scopes: string[], organizationId: number | null = null) => ({
    ...asUser(user),
    apiKey: { id: 1, scopes, organizationId },
  })

  it('a personal key with community:write posts as its owner; others are refused', async () => {
    const viaKey = await payload.create({
      collection: 'discussions',
      data: {
        title: 'Posted by an integration key',
        kind: 'question',
        category: cat.id,
        body: 'Posted through the API with a personal key.',
      } as never,
      overrideAccess: false,
      user: asKey(bob, ['community:write']),
    })
    expect(viaKey.author).toMatchObject({ id: bob.id })
    expect(
      await rejection(
        payload.create({
          collection: 'replies',
          data: { discussion: viaKey.id, body: 'No scope for this.' } as never,
          overrideAccess: false,
          user: asKey(bob, ['models:read']),
        }),
      ),
    ).toMatch(/not allowed/i)
    // An organization's key is no person: it cannot author posts.
    expect(
      await rejection(
        payload.create({
          collection: 'replies',
          data: { discussion: viaKey.id, body: 'As an organization.' } as never,
          overrideAccess: false,
          user: {
            id: 0,
            collection: 'organizations',
            apiKey: { id: 2, scopes: ['community:write'], organizationId: 5 },
          },
        }),
      ),
    ).toMatch(/not allowed/i)
  })

  it('refuses a seventh post within a minute with 429', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    for (let n = 0; n < 5; n++) await reply(payload, alice, doc.id, `Follow-up number ${n}`)
    const error = await reply(payload, alice, doc.id, 'One too many').catch(
      (caught: { status?: number; message: string }) => caught,
    )
    expect(error).toMatchObject({ status: 429, message: expect.stringMatching(/too fast/) })
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

  it('take code files as text/plain, refuse HTML and files past the size limit, and stay their uploader’s', async () => {
    const file = await upload(bob, 'train.py', 'text/x-python', Buffer.from('print("hi")\n'))
    expect(file.mimeType).toBe('text/plain')
    expect(file.uploadedBy).toMatchObject({ id: bob.id })
    expect(
      await rejection(
        upload(bob, 'page.html', 'text/plain', Buffer.from('<script>alert(1)</script>')),
      ),
    ).toMatch(/Attach images|not allowed|invalid/i)
    expect(
      await rejection(upload(bob, 'big.txt', 'text/plain', Buffer.alloc(2 * 1024 * 1024 + 1, 97))),
    ).toMatch(/at most 2 MB/)
    // Someone else's upload cannot be attached to my post.
    expect(
      await rejection(
        discussion(payload, mallory, { category: cat.id, attachments: [file.id] } as never),
      ),
    ).toMatch(/attachments/)
    const own = await discussion(payload, bob, {
      category: cat.id,
      attachments: [file.id],
    } as never)
    expect(own.attachments).toHaveLength(1)
  })
})

describe('edits', () => {
  it('by a moderator are marked, kept in the history and logged', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    const edited = await payload.update({
      collection: 'discussions',
      id: doc.id,
      data: { body: 'Removed a leaked API key from this post.' },
      overrideAccess: false,
      user: asUser(moderator),
    })
    expect(edited.isEditedByModerator).toBe(true)
    expect(edited.editHistory?.at(-1)).toMatchObject({ isModerator: true, body: doc.body })
    const log = await sql<{ action: string }>(
      'SELECT action FROM forum_moderation_actions WHERE discussion_id = $1',
      [doc.id],
    )
    expect(log.map((row) => row.action)).toEqual(['post.edited'])
  })

  it('by the author are refused once the thread is locked', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    await payload.update({
      collection: 'discussions',
      id: doc.id,
      data: { status: 'locked' },
      overrideAccess: false,
      user: asUser(moderator),
    })
    expect(
      await rejection(
        payload.update({
          collection: 'discussions',
          id: doc.id,
          data: { body: 'Sneaky edit after the lock.' },
          overrideAccess: false,
          user: asUser(alice),
        }),
      ),
    ).toMatch(/locked/)
  })
})

describe('mentions and replies notify', () => {
  it('publishes a mention notice for a named member and a reply notice for the author', async () => {
    const doc = await discussion(payload, alice, { category: cat.id })
    const r = await reply(
      payload,
      bob,
      doc.id,
      `@${mallory.username} knows this; \`@${alice.username}\` in code is no mention`,
    )
    const notices = await sql<{ type: string; owner_id: number }>(
      `SELECT type, owner_id FROM webhook_events WHERE type LIKE 'community.%' AND data->>'discussion_id' = $1::text ORDER BY id`,
      [doc.id],
    )
    expect(notices).toEqual([
      { type: 'community.mentioned', owner_id: mallory.id },
      { type: 'community.replied', owner_id: alice.id },
    ])
    const created = await sql(
      `SELECT 1 FROM webhook_events WHERE type = 'reply.created' AND data->>'reply_id' = $1::text`,
      [r.id],
    )
    expect(created).toHaveLength(1)
  })
})
