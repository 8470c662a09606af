import { createLocalReq, type Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { memberProfile } from '@/data/forum'
import { acceptAnswer } from '@/lib/forum/actions'
import { db } from '@/lib/db'
import type { ForumCategory, User } from '@/payload-types'

import { category, discussion, oldNewcomer, reply, veteran } from '../helpers/forum'
import { asUser, makeUser, rejection, testPayload } from '../helpers/payload'

/** The new-member sandbox (Discourse's trust level 0): who is in it and what it limits, on every write. */

let payload: Payload
let cat: ForumCategory
let moderator: User

const reqAs = (user: User) => createLocalReq({ user: asUser(user) }, payload)
const THREE_LINKS = 'See https://a.example and https://b.example and https://c.example for more.'
const stateOf = async (table: 'discussions' | 'replies', id: number) =>
  (
    await (
      await db({ payload })
    ).query<{ moderation_state: string }>(`SELECT moderation_state FROM ${table} WHERE id = $1`, [
      id,
    ])
  ).rows[0]?.moderation_state

beforeAll(async () => {
  payload = await testPayload()
  cat = await category(payload)
  moderator = await veteran(['moderator'])
})

describe('who is new', () => {
  it('a new member cannot leave the sandbox by accepting their own reply', async () => {
    const newcomer = await makeUser()
    const question = await discussion(payload, newcomer, { category: cat.id })
    expect(question.moderationState).toBe('pending')
    const own = await reply(payload, newcomer, question.id, 'Answering myself to look trusted.')
    expect(own.moderationState).toBe('pending')
    expect(await rejection(acceptAnswer(await reqAs(newcomer), question.id, own.id))).toMatch(
      /visible reply/,
    )
    expect(
      await rejection(discussion(payload, newcomer, { category: cat.id, body: THREE_LINKS })),
    ).toMatch(/at most 2 links/)
  })

  it('accepting one’s own answer earns no reputation', async () => {
    const asker = await veteran()
    const question = await discussion(payload, asker, { category: cat.id })
    const own = await reply(payload, asker, question.id, 'Found it: the batch endpoint.')
    await acceptAnswer(await reqAs(asker), question.id, own.id)
    const profile = await memberProfile(asker.username as string, null)
    expect(profile?.counts.accepted).toBe(0)
    expect(profile?.reputation).toBe(0)
    // Someone else's accepted answer counts.
    const helper = await veteran()
    const answer = await reply(payload, helper, question.id, 'Or the async API, for big jobs.')
    await acceptAnswer(await reqAs(asker), question.id, answer.id)
    expect((await memberProfile(helper.username as string, null))?.reputation).toBe(15)
  })

  it('every post of a new member waits for review until a moderator lets one through', async () => {
    const newcomer = await makeUser()
    const first = await discussion(payload, newcomer, { category: cat.id })
    const second = await discussion(payload, newcomer, {
      category: cat.id,
      title: 'A second try while the first waits',
    })
    expect(first.moderationState).toBe('pending')
    expect(second.moderationState).toBe('pending')
    await payload.update({
      collection: 'discussions',
      id: first.id,
      data: { moderationState: 'visible' },
      overrideAccess: false,
      user: asUser(moderator),
    })
    const third = await discussion(payload, newcomer, {
      category: cat.id,
      title: 'After the approval, posts show at once',
    })
    expect(third.moderationState).toBe('visible')
    // Still less than a day old: the content limits still apply.
    expect(
      await rejection(discussion(payload, newcomer, { category: cat.id, body: THREE_LINKS })),
    ).toMatch(/at most 2 links/)
  })

  it('an account older than a day with no vetted post is still new', async () => {
    const dormant = await oldNewcomer()
    expect(
      await rejection(discussion(payload, dormant, { category: cat.id, body: THREE_LINKS })),
    ).toMatch(/at most 2 links/)
    const first = await discussion(payload, dormant, { category: cat.id })
    expect(first.moderationState).toBe('pending')
    await payload.update({
      collection: 'discussions',
      id: first.id,
      data: { moderationState: 'visible' },
      overrideAccess: false,
      user: asUser(moderator),
    })
    // Approved and past a day: out of the sandbox.
    const free = await discussion(payload, dormant, { category: cat.id, body: THREE_LINKS })
    expect(free.moderationState).toBe('visible')
  })
})

describe('what the sandbox counts', () => {
  it('counts links and images as the renderer draws them', async () => {
    const newcomer = await makeUser()
    for (const body of [
      '[a](//evil.example/a) [b](//evil.example/b) [c](//evil.example/c) protocol-relative',
      '[a](https&#58;//evil.example/a) [b](https&#58;//evil.example/b) [c](https&#58;//evil.example/c)',
      '[a][r] [b][r] [c][r] reference links\n\n[r]: https://evil.example/r',
    ]) {
      expect(await rejection(discussion(payload, newcomer, { category: cat.id, body }))).toMatch(
        /at most 2 links/,
      )
    }
    expect(
      await rejection(
        discussion(payload, newcomer, {
          category: cat.id,
          body: 'Two images by reference: ![a][r] ![b][r]\n\n[r]: https://evil.example/i.png',
        }),
      ),
    ).toMatch(/at most 1 image/)
    expect(
      await rejection(
        discussion(payload, newcomer, {
          category: cat.id,
          body: 'Hello *@alpha* and _@beta_ and **@gamma**, what do you think?',
        }),
      ),
    ).toMatch(/mention at most 2/)
    // Code is no link.
    const fine = await discussion(payload, newcomer, {
      category: cat.id,
      body: 'My config:\n\n```\nhttps://a.example https://b.example https://c.example\n```',
    })
    expect(fine.moderationState).toBe('pending')
  })

  it('applies the same limits to edits of discussions and replies', async () => {
    const newcomer = await makeUser()
    const own = await discussion(payload, newcomer, { category: cat.id })
    expect(
      await rejection(
        payload.update({
          collection: 'discussions',
          id: own.id,
          data: { body: THREE_LINKS },
          overrideAccess: false,
          user: asUser(newcomer),
        }),
      ),
    ).toMatch(/body: New members may include at most 2 links/)
    const host = await discussion(payload, await veteran(), { category: cat.id })
    const answer = await reply(payload, newcomer, host.id, 'A plain first answer.')
    expect(
      await rejection(
        payload.update({
          collection: 'replies',
          id: answer.id,
          data: { body: 'Now with ![a](https://x.example/a.png) ![b](https://x.example/b.png)' },
          overrideAccess: false,
          user: asUser(newcomer),
        }),
      ),
    ).toMatch(/at most 1 image/)
    expect(await stateOf('replies', answer.id)).toBe('pending')
    // A trusted member edits freely.
    const trusted = await veteran()
    const veteranPost = await discussion(payload, trusted, { category: cat.id })
    const edited = await payload.update({
      collection: 'discussions',
      id: veteranPost.id,
      data: { body: THREE_LINKS },
      overrideAccess: false,
      user: asUser(trusted),
    })
    expect(edited.body).toBe(THREE_LINKS)
  })
})
