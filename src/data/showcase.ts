import 'server-only'

import { unstable_cache } from 'next/cache'
import { cache } from 'react'

import { hasRole } from '@/access/roles'
import { db } from '@/lib/db'
import { relationId } from '@/lib/relationId'
import { featuredProjectIds, rankedProjectIds } from '@/lib/showcase/browse'
import { SLUG_PATTERN } from '@/lib/showcase/constants'
import { revisionContent, withPendingRevision } from '@/lib/showcase/review'
import { verifiedUsage } from '@/lib/showcase/usage'
import { votedIds } from '@/lib/showcase/votes'
import type { ShowcaseQuery } from '@/schemas/showcase'
import type {
  ApiKey,
  Media,
  MlModel,
  ProjectComment,
  ShowcaseProject,
  ShowcaseTopic,
  User,
} from '@/payload-types'

import { usernames } from './models'
import { payloadClient } from './session'

const asUser = (user: User | null) =>
  user ? ({ ...user, collection: 'users' as const } as User & { collection: 'users' }) : undefined

/** Projects by id (screenshots, topics and models populated), through access control, in order. */
async function projectsByIds(user: User | null, ids: number[]): Promise<ShowcaseProject[]> {
  if (!ids.length) return []
  const payload = await payloadClient()
  const { docs } = await payload.find({
    collection: 'showcase-projects',
    where: { id: { in: ids } },
    depth: 1,
    limit: ids.length,
    overrideAccess: false,
    user: asUser(user),
    populate: {
      users: { username: true },
      'ml-models': { name: true, slug: true, ownerHandle: true },
    },
  })
  const byId = new Map(docs.map((doc) => [doc.id, doc]))
  return ids.map((id) => byId.get(id)).filter((doc): doc is ShowcaseProject => Boolean(doc))
}

/** The curated lists, for filters and the submit form. */
export const showcaseTopics = cache(async (): Promise<ShowcaseTopic[]> => {
  const payload = await payloadClient()
  const { docs } = await payload.find({
    collection: 'showcase-topics',
    sort: 'name',
    limit: 200,
    depth: 0,
    overrideAccess: false,
  })
  return docs
})

/** The list as everyone sees it: one ranked page and the featured projects, read anonymously. */
async function readPublicList(query: ShowcaseQuery) {
  const payload = await payloadClient()
  const sql = await db({ payload })
  const isFirstPage = !query.page || query.page === 1
  const isFiltered = Boolean(query.q || query.tech || query.use || query.model)
  const [ranked, featuredIds] = await Promise.all([
    rankedProjectIds(sql, query),
    isFirstPage && !isFiltered ? featuredProjectIds(sql) : Promise.resolve([]),
  ])
  const [projects, featured] = await Promise.all([
    projectsByIds(null, ranked.ids),
    projectsByIds(null, featuredIds),
  ])
  return { ...ranked, projects, featured }
}

/**
 * What the public list is made of, as one string that any change moves: a project saved
 * (updated_at), deleted (count), voted or unvoted (the votes' sum and newest id), commented
 * (the same), or a curated topic renamed. Read from committed rows before the cache, so a
 * cached list is never older than its key.
 */
async function publicListVersion(): Promise<string> {
  const sql = await db({ payload: await payloadClient() })
  const { rows } = await sql.query<{ version: string }>(
    `SELECT concat_ws(':',
       (SELECT concat_ws('/', max(updated_at), count(*), sum(votes), sum(comments))
          FROM showcase_projects),
       (SELECT max(id) FROM project_votes),
       (SELECT max(id) FROM project_comments),
       (SELECT max(updated_at) FROM showcase_topics)) AS version`,
  )
  return String(rows[0]?.version)
}

/**
 * The hot ranking moves with the clock (votes decay by age; a new account's vote counts after a
 * day): a cached list lasts at most this long even when nothing else changed.
 */
const HOT_MINUTE_MS = 60_000
const LIST_BACKSTOP_SECONDS = 300
const cachedPublicList = unstable_cache(
  async (query: ShowcaseQuery, _version: string, _minute: number) => readPublicList(query),
  ['showcase-list'],
  { revalidate: LIST_BACKSTOP_SECONDS },
)

/**
 * The showcase page: featured projects, one ranked page, and which the viewer upvoted. The
 * list is the same for everyone (published projects only), so it comes from the cache, keyed
 * by the query, the list's version and the minute; the viewer's votes are laid over it.
 */
export async function showcaseList(user: User | null, query: ShowcaseQuery) {
  // Outside a Next server (scripts, tests) there is no cache.
  const list = process.env.NEXT_RUNTIME
    ? await cachedPublicList(
        query,
        await publicListVersion(),
        Math.floor(Date.now() / HOT_MINUTE_MS),
      )
    : await readPublicList(query)
  const payload = await payloadClient()
  const shown = [...list.projects, ...list.featured].map((project) => project.id)
  const voted = user ? await votedIds({ payload }, user.id, shown) : new Set<number>()
  return { ...list, voted }
}

/** A project by its slug, when the viewer may see it. */
export const projectBySlug = cache(
  async (user: User | null, slug: string): Promise<ShowcaseProject | null> => {
    // No slug has anything else (and a NUL byte is an error to Postgres, not a miss).
    if (!SLUG_PATTERN.test(slug)) return null
    const payload = await payloadClient()
    const { docs } = await payload.find({
      collection: 'showcase-projects',
      where: { slug: { equals: slug } },
      depth: 1,
      limit: 1,
      overrideAccess: false,
      user: asUser(user),
      populate: {
        users: { username: true },
        'ml-models': { name: true, slug: true, ownerHandle: true },
      },
    })
    return docs[0] ?? null
  },
)

export const idOf = (value: unknown) => Number(relationId(value))

/** Everything the project page shows besides the project, read as the viewer. */
export async function projectPage(user: User | null, project: ShowcaseProject) {
  const payload = await payloadClient()
  const sql = await db({ payload })
  const me = user?.id ?? null
  const makerIds = (project.makers ?? []).map((m) => idOf(m.user))
  const [comments, voted, usage] = await Promise.all([
    payload.find({
      collection: 'project-comments',
      where: { project: { equals: project.id } },
      sort: 'createdAt',
      limit: 200,
      depth: 0,
      overrideAccess: false,
      user: asUser(user),
    }),
    me ? votedIds({ payload }, me, [project.id]) : Promise.resolve(new Set<number>()),
    verifiedUsage(sql, { ...project, usageKey: project.usageKey ? idOf(project.usageKey) : null }),
  ])
  const names = await usernames(user, [
    ...makerIds,
    ...comments.docs.map((c: ProjectComment) => idOf(c.author)),
  ])
  return {
    comments: comments.docs,
    isVoted: voted.has(project.id),
    usage,
    names,
    isMine: me !== null && (idOf(project.owner) === me || makerIds.includes(me)),
    canEdit: me !== null && idOf(project.owner) === me,
    isModerator: hasRole(user, 'moderator'),
    isStaff: hasRole(user, 'staff'),
  }
}

/** Projects I submitted or am listed on (invitations included), newest change first. */
export async function myProjects(user: User) {
  const payload = await payloadClient()
  return payload.find({
    collection: 'showcase-projects',
    where: { or: [{ owner: { equals: user.id } }, { 'makers.user': { equals: user.id } }] },
    sort: '-updatedAt',
    depth: 0,
    limit: 50,
    overrideAccess: false,
    user: asUser(user),
  })
}

/** The review queue for moderators, oldest submission first. */
export async function reviewQueue(user: User) {
  const payload = await payloadClient()
  return payload.find({
    collection: 'showcase-projects',
    where: {
      or: [
        { status: { equals: 'submitted' } },
        { and: [{ status: { equals: 'published' } }, { pendingRevision: { exists: true } }] },
      ],
    },
    sort: 'updatedAt',
    depth: 0,
    limit: 50,
    overrideAccess: false,
    user: asUser(user),
  })
}

/** A project the viewer may edit (their own), for the submit form. */
export async function editableProject(user: User, id: number): Promise<ShowcaseProject | null> {
  const payload = await payloadClient()
  const { docs } = await payload.find({
    collection: 'showcase-projects',
    where: { and: [{ id: { equals: id } }, { owner: { equals: user.id } }] },
    depth: 1,
    limit: 1,
    overrideAccess: false,
    user: asUser(user),
  })
  if (!docs[0]?.pendingRevision) return docs[0] ?? null
  // The form edits the changes waiting for review; their screenshots are stored as media ids.
  const project = withPendingRevision(docs[0])
  const ids = (project.screenshots ?? []).map((row) => Number(relationId(row.image)))
  const media = await payload.find({
    collection: 'media',
    where: { id: { in: ids } },
    depth: 0,
    limit: ids.length,
    overrideAccess: false,
    user: asUser(user),
  })
  return {
    ...project,
    screenshots: (project.screenshots ?? []).map((row) => ({
      ...row,
      image: media.docs.find((doc) => doc.id === Number(relationId(row.image))) ?? row.image,
    })),
  }
}

/**
 * What the moderation panel shows of held changes besides their text: the proposed screenshots'
 * uploads, and the names of the proposed topics and models.
 */
export async function pendingRevisionView(user: User, project: ShowcaseProject) {
  const pending = revisionContent(project.pendingRevision)
  const payload = await payloadClient()
  const find = async <Slug extends 'media' | 'showcase-topics' | 'ml-models'>(
    collection: Slug,
    ids: number[],
  ) =>
    ids.length
      ? (
          await payload.find({
            collection,
            where: { id: { in: ids } },
            depth: 0,
            limit: ids.length,
            overrideAccess: false,
            user: asUser(user),
          })
        ).docs
      : []
  const [media, topics, models] = await Promise.all([
    find(
      'media',
      (pending.screenshots ?? []).map((row) => idOf(row.image)),
    ),
    find('showcase-topics', [...(pending.techStack ?? []), ...(pending.useCases ?? [])].map(idOf)),
    find('ml-models', (pending.models ?? []).map(idOf)),
  ])
  return {
    media: media as Media[],
    names: new Map<number, string>([
      ...(topics as ShowcaseTopic[]).map((t): [number, string] => [t.id, t.name]),
      ...(models as MlModel[]).map((m): [number, string] => [m.id, m.name]),
    ]),
  }
}

/** My own active personal keys, to link for the verified-usage badge. */
export async function myPersonalKeys(user: User): Promise<ApiKey[]> {
  const payload = await payloadClient()
  const { docs } = await payload.find({
    collection: 'api-keys',
    where: {
      and: [
        { owner: { equals: user.id } },
        { organization: { exists: false } },
        { status: { equals: 'active' } },
      ],
    },
    depth: 0,
    limit: 50,
    overrideAccess: false,
    user: asUser(user),
  })
  return docs
}

/** Published models to pick from ("models used"). */
export async function pickableModels(user: User | null): Promise<MlModel[]> {
  const payload = await payloadClient()
  const { docs } = await payload.find({
    collection: 'ml-models',
    where: { status: { equals: 'published' } },
    sort: 'name',
    depth: 0,
    limit: 100,
    overrideAccess: false,
    user: asUser(user),
    select: { name: true, slug: true, ownerHandle: true },
  })
  return docs as MlModel[]
}
