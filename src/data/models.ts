import 'server-only'

import { createLocalReq, type Where } from 'payload'
import { cache } from 'react'

import { managesModel } from '@/access/modelAccess'
import { memberRole } from '@/access/organizationAccess'
import { hasRole } from '@/access/roles'
import { db } from '@/lib/db'
import { browseFacets, browseModelIds, type BrowseFilters, type Viewer } from '@/lib/models/browse'
import { downloadSeries } from '@/lib/models/downloads'
import type {
  MlModel,
  ModelComment,
  ModelFile,
  ModelRating,
  ModelVersion,
  User,
} from '@/payload-types'

import { payloadClient } from './session'

const asUser = (user: User | null) =>
  user ? ({ ...user, collection: 'users' as const } as User & { collection: 'users' }) : undefined

/** The browsing person's memberships, for the SQL visibility rule of the browse page. */
export const viewerOf = cache(async (user: User | null): Promise<Viewer> => {
  if (!user) return { kind: 'anonymous' }
  if (hasRole(user, 'staff')) return { kind: 'staff' }
  const payload = await payloadClient()
  const { docs } = await payload.find({
    collection: 'organizations',
    where: { 'members.user': { equals: user.id } },
    depth: 0,
    pagination: false,
    overrideAccess: false,
    user: asUser(user),
    select: { members: true },
  })
  const role = (org: (typeof docs)[number]) => memberRole(org.members, user.id)
  return {
    kind: 'person',
    id: user.id,
    memberOf: docs.map((org) => org.id),
    manages: docs.filter((org) => ['owner', 'admin'].includes(role(org) ?? '')).map((o) => o.id),
  }
})

/** Models by id, through access control, in the order given. */
async function modelsByIds(user: User | null, ids: number[]): Promise<MlModel[]> {
  if (!ids.length) return []
  const payload = await payloadClient()
  const { docs } = await payload.find({
    collection: 'ml-models',
    where: { id: { in: ids } },
    depth: 0,
    limit: ids.length,
    overrideAccess: false,
    user: asUser(user),
  })
  const byId = new Map(docs.map((doc) => [doc.id, doc]))
  return ids.map((id) => byId.get(id)).filter((doc): doc is MlModel => Boolean(doc))
}

/** The browse page: one page of models, the facet counts, and the paging. */
export async function browseModels(user: User | null, filters: BrowseFilters) {
  const payload = await payloadClient()
  const sql = await db({ payload })
  const viewer = await viewerOf(user)
  const [page, facets] = await Promise.all([
    browseModelIds(sql, viewer, filters),
    browseFacets(sql, viewer, filters),
  ])
  return { ...page, models: await modelsByIds(user, page.ids), facets }
}

/** A model by its URL (`owner/slug`), when the user may see it. */
export const modelByHandle = cache(
  async (user: User | null, owner: string, slug: string): Promise<MlModel | null> => {
    const payload = await payloadClient()
    const { docs } = await payload.find({
      collection: 'ml-models',
      where: { and: [{ ownerHandle: { equals: owner } }, { slug: { equals: slug } }] },
      depth: 0,
      limit: 1,
      overrideAccess: false,
      user: asUser(user),
    })
    return docs[0] ?? null
  },
)

/** A model by id (the `/models/[modelId]` redirect), when the user may see it. */
export async function modelById(user: User | null, id: number): Promise<MlModel | null> {
  return (await modelsByIds(user, [id]))[0] ?? null
}

export type ModelPageData = {
  canManage: boolean
  versions: ModelVersion[]
  files: ModelFile[]
  base: MlModel | null
  forks: MlModel[]
  ratings: ModelRating[]
  myRating: ModelRating | null
  isStarred: boolean
  comments: ModelComment[]
  series: { day: string; downloads: number }[]
}

/** Everything the model page shows besides the model, each read as the user. */
export async function modelPage(user: User | null, model: MlModel): Promise<ModelPageData> {
  const payload = await payloadClient()
  const as = { overrideAccess: false, user: asUser(user), depth: 0 } as const
  const req = await createLocalReq({ user: asUser(user) as never }, payload)
  const byModel: Where = { model: { equals: model.id } }
  const [canManage, versions, files, base, forks, ratings, stars, comments, series] =
    await Promise.all([
      user ? managesModel(req, model.id) : Promise.resolve(false),
      payload.find({
        collection: 'model-versions',
        where: byModel,
        sort: '-createdAt',
        limit: 50,
        ...as,
      }),
      payload.find({
        collection: 'model-files',
        where: byModel,
        sort: 'filename',
        limit: 200,
        ...as,
      }),
      model.baseModel ? modelById(user, Number(model.baseModel)) : Promise.resolve(null),
      payload.find({
        collection: 'ml-models',
        where: { baseModel: { equals: model.id } },
        sort: '-stars',
        limit: 20,
        ...as,
      }),
      payload.find({
        collection: 'model-ratings',
        where: byModel,
        sort: '-updatedAt',
        limit: 50,
        ...as,
      }),
      user
        ? payload.find({
            collection: 'model-stars',
            where: { and: [byModel, { user: { equals: user.id } }] },
            limit: 1,
            ...as,
          })
        : Promise.resolve({ totalDocs: 0 }),
      payload.find({
        collection: 'model-comments',
        where: byModel,
        sort: 'createdAt',
        limit: 100,
        ...as,
      }),
      downloadSeries(await db({ payload }), model.id, 30),
    ])
  return {
    canManage,
    versions: versions.docs,
    files: files.docs,
    base,
    forks: forks.docs,
    ratings: ratings.docs,
    myRating: user ? (ratings.docs.find((r) => Number(r.user) === user.id) ?? null) : null,
    isStarred: stars.totalDocs > 0,
    comments: comments.docs,
    series,
  }
}

/** Names of people by id (authors of comments and reviews), as the user may see them. */
export async function usernames(user: User | null, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map()
  const payload = await payloadClient()
  const { docs } = await payload.find({
    collection: 'users',
    where: { id: { in: [...new Set(ids)] } },
    depth: 0,
    limit: ids.length,
    overrideAccess: false,
    user: asUser(user),
    select: { username: true },
  })
  return new Map(docs.map((doc) => [doc.id, doc.username]))
}

/** Models I manage (mine and my organizations'), drafts included, newest change first. */
export async function myModels(user: User, page = 1) {
  const payload = await payloadClient()
  const viewer = await viewerOf(user)
  const orgs = viewer.kind === 'person' ? viewer.memberOf : []
  return payload.find({
    collection: 'ml-models',
    where: {
      or: [
        { owner: { equals: user.id } },
        ...(orgs.length ? [{ organization: { in: orgs } }] : []),
      ],
    },
    sort: '-updatedAt',
    depth: 0,
    limit: 20,
    page,
    overrideAccess: false,
    user: asUser(user),
  })
}
