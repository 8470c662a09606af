import pg from 'pg'
import { createLocalReq, type Payload, type PayloadRequest, type TypedUser } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { editableProject, reviewQueue } from '@/data/showcase'
import { db } from '@/lib/db'
import { NOTIFICATION_TYPES } from '@/lib/notifications/types'
import { rankedProjectIds } from '@/lib/showcase/browse'
import { hotScore, parseRepo, videoEmbed } from '@/lib/showcase/constants'
import { refreshProjectGithub, staleGithubProjects } from '@/lib/showcase/github'
import { hitLimit } from '@/lib/rateLimit'
import {
  featureProjectAs,
  inviteLimitKey,
  REVIEWED_FIELDS,
  reviewProjectAs,
  revisionVersion,
  setMakerAs,
  withdrawRevisionAs,
} from '@/lib/showcase/review'
import { generateScreenshot } from '@/lib/showcase/screenshot'
import { verifiedUsage } from '@/lib/showcase/usage'
import { setVote } from '@/lib/showcase/votes'
import { startWorker } from '@/worker'
import type { ShowcaseProject, User } from '@/payload-types'

import { startFakeGithub } from '../helpers/fakeGithub'
import { asUser, makeUser, rejection, testPayload, unique } from '../helpers/payload'
import { waitForMail } from '../helpers/smtp'

// The fake GitHub's address must be in place before env() is first read.
const GITHUB_PORT = vi.hoisted(() => {
  const port = 21_000 + (process.pid % 20_000)
  process.env.GITHUB_API_URL = `http://127.0.0.1:${port}`
  return port
})

let payload: Payload
let pool: pg.Pool
let github: Awaited<ReturnType<typeof startFakeGithub>>
let maya: User
let leo: User
let moderator: User
let staff: User
let screenshotId: number
let png: Buffer

/** A screenshot `user` uploads (a project shows only its editors' own uploads). */
async function uploadAs(user: User, name = 'beatmatch.png') {
  return payload.create({
    collection: 'media',
    data: { alt: 'BeatMatch DJ' },
    file: { data: png, mimetype: 'image/png', name, size: png.length },
    ...as(user),
  })
}

const reqAs = (user: User | null) =>
  createLocalReq(
    { user: user ? (asUser(user) as unknown as TypedUser) : undefined },
    payload,
  ) as Promise<PayloadRequest>

const as = (user: User | null) =>
  ({ overrideAccess: false, user: user ? asUser(user) : undefined, depth: 0 }) as const

async function draft(owner: User, data: Partial<ShowcaseProject> = {}) {
  const image = owner.id === maya.id ? screenshotId : (await uploadAs(owner)).id
  return payload.create({
    collection: 'showcase-projects',
    data: {
      title: 'BeatMatch DJ',
      slug: unique('beatmatch').toLowerCase(),
      tagline: 'Auto-mixes two decks by tempo and key',
      story: { whatItDoes: 'It **mixes** tracks.', howBuilt: 'Next.js and the TuneTrail API.' },
      screenshots: [{ image, alt: 'Two decks mid-mix' }],
      ...data,
    } as ShowcaseProject,
    ...as(owner),
  })
}

const submit = (owner: User, id: number) =>
  payload.update({
    collection: 'showcase-projects',
    id,
    data: { status: 'submitted' },
    ...as(owner),
  })

async function published(owner: User, data: Partial<ShowcaseProject> = {}) {
  const project = await draft(owner, data)
  await submit(owner, project.id)
  return reviewProjectAs(await reqAs(moderator), project.id, 'approve')
}

/** The version of the held changes a moderator sees on the page. */
const versionSeen = async (id: number) =>
  revisionVersion(
    (await payload.findByID({ collection: 'showcase-projects', id, ...as(moderator) }))
      .pendingRevision,
  )

const events = async (type: string, projectId: number) =>
  (
    await pool.query(
      `SELECT type, owner_id, data FROM webhook_events WHERE type = $1
        AND data->>'project_id' = $2::text ORDER BY id`,
      [type, projectId],
    )
  ).rows

/** A member whose account is `days` old (votes of accounts younger than a day wait). */
async function memberAged(days: number) {
  const user = await makeUser(['member'])
  await pool.query(
    `UPDATE users SET created_at = now() - make_interval(days => $2) WHERE id = $1`,
    [user.id, days],
  )
  return user
}

beforeAll(async () => {
  github = await startFakeGithub(GITHUB_PORT)
  payload = await testPayload()
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 })
  maya = await makeUser(['member'])
  leo = await makeUser(['member'])
  moderator = await makeUser(['moderator'])
  staff = await makeUser(['staff'])
  png = await generateScreenshot('BeatMatch DJ')
  screenshotId = (await uploadAs(maya)).id
})

afterAll(async () => {
  await pool?.end()
  await github?.close()
})

describe('links a project names', () => {
  it('accept GitHub repositories as owner/name or URL, and nothing else', () => {
    expect(parseRepo('https://github.com/tunetrail/beatmatch.git')).toBe('tunetrail/beatmatch')
    expect(parseRepo('maya/beat-match')).toBe('maya/beat-match')
    expect(parseRepo('https://gitlab.com/a/b')).toBeNull()
    expect(parseRepo('a/../b')).toBeNull()
  })

  it('embed only YouTube, Vimeo and Loom, through their privacy-enhanced players', () => {
    expect(videoEmbed('https://www.youtube.com/watch?v=dQw4w9WgXcQ')?.src).toBe(
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
    )
    expect(videoEmbed('https://vimeo.com/76979871')?.src).toBe(
      'https://player.vimeo.com/video/76979871?dnt=1',
    )
    expect(
      videoEmbed('https://www.loom.com/share/0123456789abcdef0123456789abcdef')?.provider,
    ).toBe('loom')
    expect(videoEmbed('https://evil.example/watch?v=dQw4w9WgXcQ')).toBeNull()
    expect(videoEmbed('javascript:alert(1)')).toBeNull()
  })
})

describe('submitting and reviewing', () => {
  it('a member submits into the queue; a moderator approves; the makers hear of it', async () => {
    const project = await draft(maya, { repository: 'https://github.com/maya/beatmatch' })
    expect(project).toMatchObject({ status: 'draft', owner: maya.id, repository: 'maya/beatmatch' })
    expect(project.makers?.[0]).toMatchObject({ user: maya.id, accepted: true })
    // A draft is the maker's alone.
    expect(
      (
        await payload.find({
          collection: 'showcase-projects',
          where: { id: { equals: project.id } },
          ...as(leo),
        })
      ).totalDocs,
    ).toBe(0)
    expect(
      (
        await payload.find({
          collection: 'showcase-projects',
          where: { id: { equals: project.id } },
          ...as(null),
        })
      ).totalDocs,
    ).toBe(0)
    const submitted = await submit(maya, project.id)
    expect(submitted.status).toBe('submitted')
    // Only moderators publish.
    expect(
      await rejection(
        payload.update({
          collection: 'showcase-projects',
          id: project.id,
          data: { status: 'published' },
          ...as(maya),
        }),
      ),
    ).toMatch(/status: Only moderators/)
    expect(await rejection(reviewProjectAs(await reqAs(leo), project.id, 'approve'))).toMatch(
      /moderators/,
    )
    const approved = await reviewProjectAs(await reqAs(moderator), project.id, 'approve')
    expect(approved.status).toBe('published')
    expect(approved.publishedAt).toBeTruthy()
    const publishedEvents = await events('project.published', project.id)
    expect(publishedEvents).toHaveLength(1)
    expect(publishedEvents[0]).toMatchObject({ owner_id: maya.id })
    expect(publishedEvents[0].data.makers).toEqual([maya.username])
    const notices = await events('showcase.reviewed', project.id)
    expect(notices.map((n) => [n.owner_id, n.data.decision])).toEqual([[maya.id, 'approved']])
    // Anyone sees it now.
    expect(
      (
        await payload.find({
          collection: 'showcase-projects',
          where: { id: { equals: project.id } },
          ...as(null),
        })
      ).totalDocs,
    ).toBe(1)
  })

  it('a submission needs a screenshot and what it does; a rejection needs a reason', async () => {
    const bare = await draft(leo, { screenshots: [] })
    expect(await rejection(submit(leo, bare.id))).toMatch(/screenshots: Add at least one/)
    const noStory = await draft(leo, { story: { whatItDoes: '  ' } })
    expect(await rejection(submit(leo, noStory.id))).toMatch(/story.whatItDoes/)
    const project = await draft(leo)
    await submit(leo, project.id)
    const mod = await reqAs(moderator)
    expect(await rejection(reviewProjectAs(mod, project.id, 'reject', ' '))).toMatch(
      /rejectionReason: Give the makers a reason/,
    )
    const rejected = await reviewProjectAs(mod, project.id, 'reject', 'Show the app itself.')
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'Show the app itself.' })
    const notices = await events('showcase.reviewed', project.id)
    expect(notices[0].data).toMatchObject({ decision: 'rejected', reason: 'Show the app itself.' })
    const text = NOTIFICATION_TYPES['showcase.reviewed'].render(notices[0].data)
    expect(text.title).toMatch(/was not approved/)
    expect(text.body).toContain('Show the app itself.')
    // The maker fixes it and submits again.
    expect((await submit(leo, project.id)).status).toBe('submitted')
  })

  it('a trusted maker (already published) skips the queue', async () => {
    const trusted = await makeUser(['member'])
    await published(trusted)
    const second = await draft(trusted)
    expect((await submit(trusted, second.id)).status).toBe('published')
    expect(await events('project.published', second.id)).toHaveLength(1)
    // Nobody decided, so no notice.
    expect(await events('showcase.reviewed', second.id)).toHaveLength(0)
  })

  it('a rejected project goes back to the queue, even from a trusted maker', async () => {
    const trusted = await makeUser(['member'])
    await published(trusted)
    const second = await draft(trusted)
    expect((await submit(trusted, second.id)).status).toBe('published')
    const rejected = await payload.update({
      collection: 'showcase-projects',
      id: second.id,
      data: { status: 'rejected', rejectionReason: 'Spam links in the story.' },
      ...as(moderator),
    })
    expect(rejected.status).toBe('rejected')
    // Submitting again, directly or by way of a draft, waits for a moderator.
    expect((await submit(trusted, second.id)).status).toBe('submitted')
    await payload.update({
      collection: 'showcase-projects',
      id: second.id,
      data: { status: 'draft' },
      ...as(trusted),
    })
    expect((await submit(trusted, second.id)).status).toBe('submitted')
    expect(await events('project.published', second.id)).toHaveLength(1)
  })

  it('only staff feature, only a published project, and the featured event goes out', async () => {
    const project = await published(maya)
    expect(await rejection(featureProjectAs(await reqAs(moderator), project.id, true))).toMatch(
      /staff/,
    )
    // A member's `featured` is dropped (field access), not applied.
    await payload.update({
      collection: 'showcase-projects',
      id: project.id,
      data: { featured: true },
      ...as(maya),
    })
    const after = await payload.findByID({
      collection: 'showcase-projects',
      id: project.id,
      depth: 0,
      overrideAccess: true,
    })
    expect(after.featured).toBe(false)
    const featured = await featureProjectAs(await reqAs(staff), project.id, true)
    expect(featured.featured).toBe(true)
    expect(featured.featuredAt).toBeTruthy()
    expect(await events('project.featured', project.id)).toHaveLength(1)
    const waiting = await draft(maya)
    expect(await rejection(featureProjectAs(await reqAs(staff), waiting.id, true))).toMatch(
      /featured: Only a published project/,
    )
    const off = await featureProjectAs(await reqAs(staff), project.id, false)
    expect(off).toMatchObject({ featured: false })
  })

  it('a body cannot set the owner, counts or another person as accepted maker', async () => {
    const project = await draft(maya, {
      owner: leo.id,
      votes: 999,
      makers: [{ user: maya.id }, { user: leo.id, accepted: true }],
    } as Partial<ShowcaseProject>)
    expect(project.owner).toBe(maya.id)
    expect(project.votes).toBe(0)
    expect(project.makers?.map((m) => [m.user, m.accepted])).toEqual([
      [maya.id, true],
      [leo.id, false],
    ])
    // Leo sees the invitation and accepts it.
    const accepted = await setMakerAs(await reqAs(leo), project.id, true)
    expect(accepted.makers?.find((m) => m.user === leo.id)?.accepted).toBe(true)
    // Leo may not edit maya's project.
    expect(
      await rejection(
        payload.update({
          collection: 'showcase-projects',
          id: project.id,
          data: { title: 'Mine' },
          ...as(leo),
        }),
      ),
    ).toMatch(/not allowed|Forbidden/i)
  })
})

describe('edits to a published project', () => {
  const live = async (id: number) =>
    (
      await payload.find({
        collection: 'showcase-projects',
        where: { id: { equals: id } },
        ...as(null),
      })
    ).docs[0]

  it('wait for a moderator: the published page keeps its content until the edit is approved', async () => {
    const maker = await makeUser(['member'])
    const project = await published(maker, { tagline: 'The old tagline' })
    const edited = await payload.update({
      collection: 'showcase-projects',
      id: project.id,
      data: { tagline: 'A new tagline', story: { whatItDoes: 'Now it **also** scratches.' } },
      ...as(maker),
    })
    expect(edited.tagline).toBe('The old tagline')
    expect(edited.pendingRevision).toMatchObject({
      tagline: 'A new tagline',
      story: { whatItDoes: 'Now it **also** scratches.' },
    })
    const before = await live(project.id)
    expect(before).toMatchObject({ status: 'published', tagline: 'The old tagline' })
    expect(before.story?.whatItDoes).toBe('It **mixes** tracks.')
    // Nobody but the maker and moderators sees what waits for review.
    expect(before.pendingRevision).toBeUndefined()
    const asLeo = await payload.findByID({
      collection: 'showcase-projects',
      id: project.id,
      ...as(leo),
    })
    expect(asLeo.pendingRevision).toBeUndefined()
    // A second edit adds to the same revision; an invalid one is refused, naming the field.
    await payload.update({
      collection: 'showcase-projects',
      id: project.id,
      data: { demoUrl: 'https://beatmatch.example' },
      ...as(maker),
    })
    expect(
      await rejection(
        payload.update({
          collection: 'showcase-projects',
          id: project.id,
          data: { demoVideo: 'https://evil.example/video' },
          ...as(maker),
        }),
      ),
    ).toMatch(/demoVideo/)
    // The maker's edit form shows the changes; the moderators' queue lists the project.
    const form = await editableProject(maker, project.id)
    expect(form).toMatchObject({ tagline: 'A new tagline', demoUrl: 'https://beatmatch.example' })
    expect(form?.screenshots?.[0]?.image).toMatchObject({
      id: Number(project.screenshots?.[0]?.image),
    })
    const queued = async () =>
      (await reviewQueue(moderator)).docs.some((doc) => doc.id === project.id)
    expect(await queued()).toBe(true)
    const approved = await reviewProjectAs(
      await reqAs(moderator),
      project.id,
      'approve',
      '',
      await versionSeen(project.id),
    )
    expect(await queued()).toBe(false)
    expect(approved).toMatchObject({
      status: 'published',
      tagline: 'A new tagline',
      demoUrl: 'https://beatmatch.example',
      pendingRevision: null,
    })
    const notices = await events('showcase.reviewed', project.id)
    expect(notices.at(-1)?.data).toMatchObject({ decision: 'edit_approved', user_id: maker.id })
    const after = await live(project.id)
    expect(after).toMatchObject({ tagline: 'A new tagline', demoUrl: 'https://beatmatch.example' })
    expect(after.story?.whatItDoes).toBe('Now it **also** scratches.')
  })

  it('are one project at a time for members, and lists must be lists (400 naming the field)', async () => {
    const maker = await makeUser(['member'])
    const project = await published(maker, { tagline: 'One at a time' })
    expect(
      await rejection(
        payload.update({
          collection: 'showcase-projects',
          where: { id: { equals: project.id } },
          data: { tagline: 'Sneaking past the lock' },
          ...as(maker),
        }),
      ),
    ).toMatch(/one project at a time/)
    for (const field of ['models', 'techStack', 'tags', 'screenshots', 'makers'] as const) {
      expect(
        await rejection(
          payload.update({
            collection: 'showcase-projects',
            id: project.id,
            data: { [field]: 5 } as never,
            ...as(maker),
          }),
        ),
      ).toMatch(new RegExp(`^${field}:`))
    }
    expect((await live(project.id)).tagline).toBe('One at a time')
  })

  it('a maker’s answer waits for a save in progress, so the save does not undo it', async () => {
    const invitee = await makeUser(['member'])
    const project = await published(maya)
    await payload.update({
      collection: 'showcase-projects',
      id: project.id,
      data: { makers: [{ user: maya.id }, { user: invitee.id }] },
      ...as(maya),
    })
    // A save holds the row and writes back the makers list it read (not yet accepted).
    const save = await pool.connect()
    try {
      await save.query('BEGIN')
      await save.query('SELECT 1 FROM showcase_projects WHERE id = $1 FOR UPDATE', [project.id])
      const answer = setMakerAs(await reqAs(invitee), project.id, true)
      await new Promise((resolve) => setTimeout(resolve, 300))
      await save.query(
        'UPDATE showcase_projects_makers SET accepted = false WHERE _parent_id = $1 AND user_id = $2',
        [project.id, invitee.id],
      )
      await save.query('COMMIT')
      await answer
    } finally {
      save.release()
    }
    const { rows } = await pool.query(
      'SELECT accepted FROM showcase_projects_makers WHERE _parent_id = $1 AND user_id = $2',
      [project.id, invitee.id],
    )
    expect(rows).toEqual([{ accepted: true }])
  })

  it('a save waits for a decision in progress and builds on what it left (no lost update)', async () => {
    const maker = await makeUser(['member'])
    const project = await published(maker, { tagline: 'Before the decision' })
    // A moderator's decision holds the row (as reviewProjectAs does) and changes the page.
    const decision = await pool.connect()
    try {
      await decision.query('BEGIN')
      await decision.query('SELECT 1 FROM showcase_projects WHERE id = $1 FOR UPDATE', [project.id])
      await decision.query(
        `UPDATE showcase_projects SET tagline = 'Set by the decision' WHERE id = $1`,
        [project.id],
      )
      const save = payload.update({
        collection: 'showcase-projects',
        id: project.id,
        data: { demoUrl: 'https://after-the-decision.example' },
        ...as(maker),
      })
      await new Promise((resolve) => setTimeout(resolve, 300))
      await decision.query('COMMIT')
      const saved = await save
      expect(saved.pendingRevision).toMatchObject({
        demoUrl: 'https://after-the-decision.example',
      })
    } finally {
      decision.release()
    }
    expect((await live(project.id)).tagline).toBe('Set by the decision')
  })

  it('a rejected edit is dropped with its reason told to the maker; the page never changed', async () => {
    const maker = await makeUser(['member'])
    const project = await published(maker, { title: 'Loop Lab' })
    await payload.update({
      collection: 'showcase-projects',
      id: project.id,
      data: { title: 'Buy cheap followers' },
      ...as(maker),
    })
    const mod = await reqAs(moderator)
    const version = await versionSeen(project.id)
    expect(await rejection(reviewProjectAs(mod, project.id, 'reject', '', version))).toMatch(
      /rejectionReason/,
    )
    const rejected = await reviewProjectAs(mod, project.id, 'reject', 'Spam in the title.', version)
    expect(rejected).toMatchObject({
      status: 'published',
      title: 'Loop Lab',
      pendingRevision: null,
    })
    expect(rejected.rejectionReason).toBeFalsy()
    expect((await live(project.id)).title).toBe('Loop Lab')
    const notices = await events('showcase.reviewed', project.id)
    expect(notices.at(-1)?.data).toMatchObject({
      decision: 'edit_rejected',
      reason: 'Spam in the title.',
    })
    const text = NOTIFICATION_TYPES['showcase.reviewed'].render(notices.at(-1)?.data)
    expect(text.title).toBe('Your changes to “Loop Lab” were not approved')
    expect(text.body).toContain('Spam in the title.')
  })

  it('go live at once from a trusted maker (another published project) and from moderators', async () => {
    const trusted = await makeUser(['member'])
    await published(trusted)
    const second = await published(trusted, { tagline: 'Before' })
    const edited = await payload.update({
      collection: 'showcase-projects',
      id: second.id,
      data: { tagline: 'After' },
      ...as(trusted),
    })
    expect(edited).toMatchObject({ tagline: 'After', pendingRevision: null })
    expect((await live(second.id)).tagline).toBe('After')
    const maker = await makeUser(['member'])
    const project = await published(maker)
    await payload.update({
      collection: 'showcase-projects',
      id: project.id,
      data: { tagline: 'Fixed a typo' },
      ...as(moderator),
    })
    expect((await live(project.id)).tagline).toBe('Fixed a typo')
  })

  it('leave the other fields and unchanged values alone', async () => {
    const maker = await makeUser(['member'])
    const project = await published(maker, { tagline: 'Same' })
    const edited = await payload.update({
      collection: 'showcase-projects',
      id: project.id,
      data: { tagline: 'Same', showUsageCounts: false },
      ...as(maker),
    })
    expect(edited.pendingRevision ?? null).toBeNull()
  })

  it('an approval names the revision the moderator saw: a later edit is refused (409) until seen', async () => {
    const maker = await makeUser(['member'])
    const project = await published(maker, { tagline: 'Calm' })
    const edit = (data: Partial<ShowcaseProject>) =>
      payload.update({ collection: 'showcase-projects', id: project.id, data, ...as(maker) })
    await edit({ tagline: 'A harmless tagline' })
    const seen = await versionSeen(project.id)
    await edit({ demoUrl: 'https://scam.example' })
    const mod = await reqAs(moderator)
    const stale = await reviewProjectAs(mod, project.id, 'approve', '', seen).catch((e) => e)
    expect(stale).toMatchObject({
      status: 409,
      message: 'The changes were edited since you opened them; review them again.',
    })
    expect(await rejection(reviewProjectAs(mod, project.id, 'approve'))).toMatch(/^version:/)
    expect((await live(project.id)).demoUrl ?? null).toBeNull()
    const approved = await reviewProjectAs(
      mod,
      project.id,
      'approve',
      '',
      await versionSeen(project.id),
    )
    expect(approved).toMatchObject({ demoUrl: 'https://scam.example', pendingRevision: null })
  })

  it('screenshots name media that exist and that the editor uploaded (or already shown)', async () => {
    const maker = await makeUser(['member'])
    const project = await published(maker)
    const shown = Number(project.screenshots?.[0]?.image)
    const leos = await uploadAs(leo, 'leo.png')
    const mine = await uploadAs(maker, 'mine.png')
    const shots = (image: number) => ({
      screenshots: [
        { image: shown, alt: 'Already on the page' },
        { image, alt: 'A new view' },
      ],
    })
    const edit = (id: number, image: number) =>
      payload.update({ collection: 'showcase-projects', id, data: shots(image), ...as(maker) })
    expect(await rejection(edit(project.id, leos.id))).toMatch(/^screenshots\.1\.image:/)
    expect(await rejection(edit(project.id, 987_654_321))).toMatch(/^screenshots\.1\.image:/)
    // On an ordinary save too (a draft's screenshots are not held).
    const own = await draft(maker)
    expect(await rejection(edit(own.id, leos.id))).toMatch(/^screenshots\.1\.image:/)
    const held = await edit(project.id, mine.id)
    expect(held.pendingRevision).toMatchObject({
      screenshots: [{ image: shown }, { image: mine.id }],
    })
  })

  it('hold tags, models, tech stack and use cases too', async () => {
    expect(REVIEWED_FIELDS).toEqual(
      expect.arrayContaining(['tags', 'models', 'techStack', 'useCases']),
    )
    const maker = await makeUser(['member'])
    const project = await published(maker, { tags: [{ tag: 'dj' }] })
    const edited = await payload.update({
      collection: 'showcase-projects',
      id: project.id,
      data: { tags: [{ tag: 'Free Crypto' }] },
      ...as(maker),
    })
    expect(edited.tags?.map((row) => row.tag)).toEqual(['dj'])
    expect(edited.pendingRevision).toMatchObject({ tags: [{ tag: 'free-crypto' }] })
    expect((await live(project.id)).tags?.map((row) => row.tag)).toEqual(['dj'])
  })

  it('a maker takes a change back (the live value again, or Withdraw); a trusted save wins over it', async () => {
    const maker = await makeUser(['member'])
    const project = await published(maker, { title: 'Tempo Tap', tagline: 'Taps tempo' })
    const edit = (data: Partial<ShowcaseProject>, user = maker) =>
      payload.update({ collection: 'showcase-projects', id: project.id, data, ...as(user) })
    await edit({ title: 'Tempo Tapper', tagline: 'Taps the tempo' })
    expect((await edit({ tagline: 'Taps tempo' })).pendingRevision).toEqual({
      title: 'Tempo Tapper',
    })
    expect((await edit({ title: 'Tempo Tap' })).pendingRevision ?? null).toBeNull()
    // Withdraw: the owner only.
    await edit({ tagline: 'Taps the tempo' })
    expect(await rejection(withdrawRevisionAs(await reqAs(leo), project.id))).toMatch(/./)
    const withdrawn = await withdrawRevisionAs(await reqAs(maker), project.id)
    expect(withdrawn).toMatchObject({ tagline: 'Taps tempo', pendingRevision: null })
    // A moderator saves the tagline directly: the held tagline goes, the held title stays.
    await edit({ title: 'Tempo Tapper', tagline: 'Taps the tempo' })
    const direct = await edit({ tagline: 'Taps tempo, fixed' }, moderator)
    expect(direct.pendingRevision).toEqual({ title: 'Tempo Tapper' })
    const approved = await reviewProjectAs(
      await reqAs(moderator),
      project.id,
      'approve',
      '',
      await versionSeen(project.id),
    )
    expect(approved).toMatchObject({ title: 'Tempo Tapper', tagline: 'Taps tempo, fixed' })
    // Saving every held field directly drops the whole revision.
    await edit({ tagline: 'Taps it' })
    expect((await edit({ tagline: 'Taps it all' }, moderator)).pendingRevision ?? null).toBeNull()
  })
})

describe('maker invitations', () => {
  it('mail the person newly listed, with a link to the page where they accept', async () => {
    const invitee = await makeUser(['member'])
    const project = await draft(maya)
    const makers = [{ user: maya.id }, { user: invitee.id }]
    await payload.update({
      collection: 'showcase-projects',
      id: project.id,
      data: { makers },
      ...as(maya),
    })
    // Nobody is asked about a draft: they are when it is submitted.
    expect(await events('showcase.maker_invited', project.id)).toHaveLength(0)
    await submit(maya, project.id)
    const invites = await events('showcase.maker_invited', project.id)
    expect(invites.map((row) => [row.owner_id, row.data.user_id, row.data.invited_by])).toEqual([
      [invitee.id, invitee.id, maya.username],
    ])
    const worker = await startWorker({ concurrency: 2 })
    try {
      const mail = await waitForMail(
        process.env.TEST_MAIL_DIR as string,
        invitee.email,
        /listed you as a maker of “BeatMatch DJ”/,
      )
      expect(mail.html).toContain(`/showcase/projects/${project.slug}`)
      expect(mail.html).toContain('Accept on the project page')
    } finally {
      await worker.stop()
    }
    // Saving the same makers again asks nobody twice; the invitee accepts from the page.
    await payload.update({
      collection: 'showcase-projects',
      id: project.id,
      data: { makers },
      ...as(maya),
    })
    expect(await events('showcase.maker_invited', project.id)).toHaveLength(1)
    // Nor when removed and listed again: each person is asked once per project.
    for (const list of [[{ user: maya.id }], makers]) {
      await payload.update({
        collection: 'showcase-projects',
        id: project.id,
        data: { makers: list },
        ...as(maya),
      })
    }
    expect(await events('showcase.maker_invited', project.id)).toHaveLength(1)
    const accepted = await setMakerAs(await reqAs(invitee), project.id, true)
    expect(accepted.makers?.find((m) => m.user === invitee.id)?.accepted).toBe(true)
    // The owner, listed at once, is never invited.
    expect(invites.some((row) => row.owner_id === maya.id)).toBe(false)
  })

  it('are rate-limited per owner (429 naming makers)', async () => {
    const owner = await makeUser(['member'])
    const invitee = await makeUser(['member'])
    const project = await draft(owner)
    await submit(owner, project.id)
    for (let i = 0; i < 30; i++) await hitLimit(inviteLimitKey(owner.id), 30, 3_600_000)
    const refused = await payload
      .update({
        collection: 'showcase-projects',
        id: project.id,
        data: { makers: [{ user: owner.id }, { user: invitee.id }] },
        ...as(owner),
      })
      .catch((e) => e)
    expect(refused).toMatchObject({ status: 429 })
    expect(await rejection(Promise.reject(refused))).toMatch(/^makers:/)
    expect(await events('showcase.maker_invited', project.id)).toHaveLength(0)
    // The refused save spent nothing: the count is still the 30 taken before.
    expect((await hitLimit(inviteLimitKey(owner.id), 31, 3_600_000)).isAllowed).toBe(true)
  })
})

describe('votes', () => {
  it('go with an account staff delete, and so does its maker listing; the project stays', async () => {
    const voter = await makeUser(['member'])
    const project = await published(maya)
    await setVote(await reqAs(voter), project.id, true)
    await payload.update({
      collection: 'showcase-projects',
      id: project.id,
      data: { makers: [{ user: maya.id }, { user: voter.id }] },
      ...as(maya),
    })
    await payload.delete({ collection: 'users', id: voter.id, overrideAccess: true })
    const after = await payload.findByID({
      collection: 'showcase-projects',
      id: project.id,
      depth: 0,
      overrideAccess: true,
    })
    expect(after.votes).toBe(0)
    expect((after.makers ?? []).map((m) => m.user)).toEqual([maya.id])
  })

  it('count once per person, toggle, refuse your own project and drafts', async () => {
    const project = await published(maya)
    const leoReq = await reqAs(leo)
    expect(await setVote(leoReq, project.id, true)).toEqual({ votes: 1, voted: true })
    expect(await setVote(leoReq, project.id, true)).toEqual({ votes: 1, voted: true })
    expect(await setVote(leoReq, project.id, false)).toEqual({ votes: 0, voted: false })
    expect(await setVote(leoReq, project.id, false)).toEqual({ votes: 0, voted: false })
    expect(await rejection(setVote(await reqAs(maya), project.id, true))).toMatch(/own project/)
    const waiting = await draft(maya)
    expect(await rejection(setVote(leoReq, waiting.id, true))).toMatch(/No project you can see/)
    expect(await rejection(setVote(await reqAs(null), project.id, true))).toMatch(/Sign in/)
  })

  it('stay exact under concurrent votes', async () => {
    const project = await published(maya)
    const voters = await Promise.all(Array.from({ length: 8 }, () => makeUser(['member'])))
    await Promise.all(
      voters.flatMap(async (voter) => {
        const req = await reqAs(voter)
        return Promise.all([
          setVote(req, project.id, true),
          setVote(await reqAs(voter), project.id, true),
        ])
      }),
    )
    const { rows } = await pool.query(
      'SELECT votes, (SELECT count(*) FROM project_votes WHERE project_id = $1) AS n FROM showcase_projects WHERE id = $1',
      [project.id],
    )
    expect(Number(rows[0].votes)).toBe(8)
    expect(Number(rows[0].n)).toBe(8)
  })

  it('are rate-limited per person (429 past 30 a minute)', async () => {
    const project = await published(maya)
    const voter = await makeUser(['member'])
    const req = await reqAs(voter)
    for (let i = 0; i < 30; i++) await setVote(req, project.id, i % 2 === 0)
    const error = await setVote(req, project.id, true).catch((e: { status?: number }) => e)
    expect((error as { status?: number }).status).toBe(429)
  })

  it('rank by the hot formula, with young accounts held back', async () => {
    const tag = unique('rank').toLowerCase()
    const voters = await Promise.all(Array.from({ length: 6 }, () => memberAged(3)))
    const fresh = await Promise.all(Array.from({ length: 10 }, () => makeUser(['member'])))
    // [hours since published, old votes, fresh votes]
    const plan: [number, number, number][] = [
      [2, 2, 10],
      [30, 6, 0],
      [5, 4, 0],
      [70, 6, 0],
      [1, 1, 0],
    ]
    const ids: number[] = []
    for (const [hours, old, young] of plan) {
      const project = await published(maya, { tags: [{ tag }] })
      await pool.query(
        `UPDATE showcase_projects SET published_at = now() - make_interval(hours => $2) WHERE id = $1`,
        [project.id, hours],
      )
      for (const voter of voters.slice(0, old)) await setVote(await reqAs(voter), project.id, true)
      for (const voter of fresh.slice(0, young)) await setVote(await reqAs(voter), project.id, true)
      ids.push(project.id)
    }
    const expected = plan
      .map(([hours, old], i) => ({ id: ids[i], score: hotScore(old, hours) }))
      .sort((a, b) => b.score - a.score)
      .map((row) => row.id)
    const sql = await db({ payload })
    const hot = await rankedProjectIds(sql, { q: tag, sort: 'hot' })
    expect(hot.ids).toEqual(expected)
    // Top of all time: ranked votes alone (the fresh accounts' 10 do not count yet).
    const top = await rankedProjectIds(sql, { q: tag, sort: 'all' })
    expect(top.ids.slice(0, 2).sort()).toEqual([ids[1], ids[3]].sort())
    expect(top.ids.at(-1)).toBe(ids[4])
    // This week leaves out nothing here; newest is by publication.
    expect((await rankedProjectIds(sql, { q: tag, sort: 'new' })).ids).toEqual([
      ids[4],
      ids[0],
      ids[2],
      ids[1],
      ids[3],
    ])
    // Paging.
    const page2 = await rankedProjectIds(sql, { q: tag, sort: 'new' }, 2)
    expect(page2).toMatchObject({ total: 5, pages: 3 })
    expect((await rankedProjectIds(sql, { q: tag, sort: 'new', page: 3 }, 2)).ids).toEqual([ids[3]])
  })
})

describe('comments', () => {
  it('go on published projects only, as their author; moderators hide them', async () => {
    const project = await published(maya)
    const comment = await payload.create({
      collection: 'project-comments',
      data: { project: project.id, body: 'Love the *key* detection.', author: maya.id },
      ...as(leo),
    })
    expect(comment.author).toBe(leo.id)
    const waiting = await draft(maya)
    expect(
      await rejection(
        payload.create({
          collection: 'project-comments',
          data: { project: waiting.id, body: 'x' },
          ...as(leo),
        }),
      ),
    ).toMatch(/project: No published project/)
    const counted = await payload.findByID({
      collection: 'showcase-projects',
      id: project.id,
      overrideAccess: true,
    })
    expect(counted.comments).toBe(1)
    await payload.update({
      collection: 'project-comments',
      id: comment.id,
      data: { hidden: true, hiddenReason: 'spam' },
      ...as(moderator),
    })
    const seen = await payload.find({
      collection: 'project-comments',
      where: { project: { equals: project.id } },
      ...as(maya),
    })
    expect(seen.totalDocs).toBe(0)
    expect(
      (
        await payload.find({
          collection: 'project-comments',
          where: { project: { equals: project.id } },
          ...as(leo),
        })
      ).totalDocs,
    ).toBe(1)
    const recounted = await payload.findByID({
      collection: 'showcase-projects',
      id: project.id,
      overrideAccess: true,
    })
    expect(recounted.comments).toBe(0)
    // A member cannot hide.
    const other = await payload.create({
      collection: 'project-comments',
      data: { project: project.id, body: 'Hi' },
      ...as(maya),
    })
    const after = await payload.update({
      collection: 'project-comments',
      id: other.id,
      data: { hidden: true },
      ...as(maya),
    })
    expect(after.hidden).toBe(false)
  })
})

describe('GitHub facts (fake GitHub server)', () => {
  it('are fetched, then revalidated with the ETag; a missing repo or a spent limit never blocks the project', async () => {
    const repo = `maya/${unique('repo').toLowerCase()}`
    github.repos.set(repo, {
      description: 'Auto-mixing DJ app',
      stargazers_count: 321,
      language: 'TypeScript',
      topics: ['dj', 'music'],
      license: { spdx_id: 'MIT', name: 'MIT License' },
      pushed_at: '2026-11-29T10:00:00Z',
    })
    const project = await draft(maya, { repository: repo })
    // The job was queued with the change.
    const { rows: jobs } = await pool.query(`SELECT 1 FROM graphile_worker.jobs WHERE key = $1`, [
      `showcase__github:${project.id}`,
    ])
    expect(jobs).toHaveLength(1)
    const sql = await db({ payload })
    expect((await refreshProjectGithub(sql, project.id)).outcome).toBe('fresh')
    const fetched = await payload.findByID({
      collection: 'showcase-projects',
      id: project.id,
      ...as(maya),
    })
    expect(fetched.github).toMatchObject({
      description: 'Auto-mixing DJ app',
      stars: 321,
      language: 'TypeScript',
      topics: 'dj, music',
      license: 'MIT',
    })
    expect(await refreshProjectGithub(sql, project.id)).toMatchObject({ outcome: 'unchanged' })
    const conditional = github.seen.filter((s) => s.path === `/repos/${repo}`)
    expect(conditional.at(-1)?.ifNoneMatch).toMatch(/^"/)
    expect(conditional[0].auth).toBeNull()
    expect(await staleGithubProjects(sql)).not.toContain(project.id)
    github.limitFor(60_000)
    const limited = await refreshProjectGithub(sql, project.id)
    expect(limited.outcome).toBe('limited')
    expect(limited.resetAt!.getTime()).toBeGreaterThan(Date.now())
    github.limitFor(0)
    const missing = await draft(maya, { repository: 'maya/does-not-exist' })
    expect((await refreshProjectGithub(sql, missing.id)).outcome).toBe('missing')
    const after = await payload.findByID({
      collection: 'showcase-projects',
      id: missing.id,
      ...as(maya),
    })
    expect(after.github?.error).toMatch(/404/)
    expect((await submit(maya, missing.id)).status).toMatch(/submitted|published/)
  })
})

describe('verified usage badge', () => {
  it('shows the endpoints the linked key really called, and goes when it is revoked or its owner leaves', async () => {
    const owner = await makeUser(['member'])
    const project = await published(owner)
    const key = await payload.create({
      collection: 'api-keys',
      data: { name: 'Showcase app', environment: 'production', scopes: ['tracks:read'] } as never,
      ...as(owner),
    })
    // Someone else's key is refused.
    const other = await payload.create({
      collection: 'api-keys',
      data: { name: 'Leo app', environment: 'production', scopes: ['tracks:read'] } as never,
      ...as(leo),
    })
    expect(
      await rejection(
        payload.update({
          collection: 'showcase-projects',
          id: project.id,
          data: { usageKey: other.id },
          ...as(owner),
        }),
      ),
    ).toMatch(/usageKey/)
    const linked = await payload.update({
      collection: 'showcase-projects',
      id: project.id,
      data: { usageKey: key.id },
      ...as(owner),
    })
    const sql = await db({ payload })
    // No usage yet: no badge.
    expect(await verifiedUsage(sql, linked)).toBeNull()
    await pool.query(
      `INSERT INTO usage_events (occurred_at, kind, key_id, account, endpoint, method, status)
       SELECT now() - make_interval(hours => g), 'report', $1, $2, e, 'GET', 200
         FROM generate_series(1, 3) g, unnest(ARRAY['/v1/tracks', '/v1/recommendations']) e`,
      [key.id, `u${owner.id}`],
    )
    await pool.query(
      `INSERT INTO usage_events (occurred_at, kind, key_id, account, endpoint, method, status)
       VALUES (now() - interval '40 days', 'report', $1, $2, '/v1/old', 'GET', 200)`,
      [key.id, `u${owner.id}`],
    )
    const badge = await verifiedUsage(sql, linked)
    expect(badge?.endpoints.map((e) => e.endpoint).sort()).toEqual([
      '/v1/recommendations',
      '/v1/tracks',
    ])
    expect(badge?.endpoints[0].calls).toBeNull()
    const counted = await payload.update({
      collection: 'showcase-projects',
      id: project.id,
      data: { showUsageCounts: true },
      ...as(owner),
    })
    expect((await verifiedUsage(sql, counted))?.endpoints[0].calls).toBe(3)
    // The owner leaves the makers: the badge goes (and so does the link).
    await setMakerAs(await reqAs(owner), project.id, false)
    const left = await payload.findByID({
      collection: 'showcase-projects',
      id: project.id,
      depth: 0,
      overrideAccess: true,
    })
    expect(await verifiedUsage(sql, { ...left, usageKey: key.id })).toBeNull()
    expect(left.usageKey ?? null).toBeNull()
    // Revoked: gone too.
    await pool.query(`UPDATE api_keys SET status = 'revoked' WHERE id = $1`, [key.id])
    expect(await verifiedUsage(sql, counted)).toBeNull()
  })
})
