import { createHash, randomBytes } from 'node:crypto'

import { HeadObjectCommand } from '@aws-sdk/client-s3'
import type pg from 'pg'
import { createLocalReq, type Payload, type PayloadRequest, type TypedUser } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { browseFacets, browseModelIds, type Viewer } from '@/lib/models/browse'
import { countDownload } from '@/lib/models/downloads'
import { db } from '@/lib/db'
import {
  completeUpload,
  downloadSubject,
  fileForDownload,
  partUrls,
  recordPart,
  startUpload,
  uploadState,
} from '@/lib/models/files'
import { forkModel, starModel, unstarModel } from '@/lib/models/actions'
import { requestPublish } from '@/lib/models/publish'
import { scanModelFile } from '@/lib/models/scanJob'
import {
  downloadPurpose,
  downloadUrl,
  s3Client,
  signPortalUrl,
  storageMode,
  verifyPortalUrl,
} from '@/lib/models/storage'
import { PART_BYTES } from '@/lib/models/constants'
import type { MlModel, Organization, User } from '@/payload-types'

import { startModelHubServices } from '../helpers/modelHub'
import { maliciousGlobalPickle, safetensors } from '../helpers/pickles'
import { asUser, makeUser, rejection, unique } from '../helpers/payload'
import { TEST_BUCKET } from '../helpers/s3'

// The S3 settings must be in place before the config (and its env()) is first read.
const S3_PORT = await vi.hoisted(async () =>
  (await import('../helpers/s3')).useTestS3(20_000, 20_000),
)

let payload: Payload
let services: Awaited<ReturnType<typeof startModelHubServices>>
let pool: pg.Pool
let maya: User
let leo: User
let staff: User
let org: Organization

const withClient = <T>(work: (client: pg.PoolClient) => Promise<T>) =>
  pool.connect().then(async (client) => {
    try {
      return await work(client)
    } finally {
      client.release()
    }
  })

const reqAs = (user: User | null, context: Record<string, unknown> = {}) =>
  createLocalReq(
    { user: user ? (asUser(user) as unknown as TypedUser) : undefined, context },
    payload,
  ) as Promise<PayloadRequest>

/** A request as an API key of `user` with the given scopes. */
const reqAsKey = (user: User, scopes: string[]) =>
  createLocalReq(
    {
      user: {
        ...asUser(user),
        apiKey: { id: 1, scopes, organizationId: null },
      } as unknown as TypedUser,
    },
    payload,
  ) as Promise<PayloadRequest>

async function newModel(owner: User, data: Partial<MlModel> = {}): Promise<MlModel> {
  return payload.create({
    collection: 'ml-models',
    data: {
      name: 'Genre CNN',
      slug: unique('genre-cnn').toLowerCase(),
      summary: 'Classifies 30 s clips into 10 genres.',
      task: 'genre-classification',
      framework: 'pytorch',
      license: 'MIT',
      visibility: 'public',
      ...data,
    } as MlModel,
    depth: 0,
    overrideAccess: false,
    user: asUser(owner),
  })
}

const newVersion = (owner: User, model: number, label = '1.0.0') =>
  payload.create({
    collection: 'model-versions',
    data: { model, label },
    overrideAccess: false,
    user: asUser(owner),
  })

/** Uploads bytes through the presigned multipart flow, PUTting each part over HTTP. */
async function upload(owner: User, version: number, filename: string, bytes: Buffer) {
  const req = await reqAs(owner)
  const started = await startUpload(req, { version, filename, kind: 'weights', size: bytes.length })
  const numbers = Array.from({ length: started.partCount }, (_, i) => i + 1)
  const urls = await partUrls(req, started.file.id, numbers)
  for (const { partNumber, url } of urls) {
    const body = bytes.subarray((partNumber - 1) * PART_BYTES, partNumber * PART_BYTES)
    const res = await fetch(url, { method: 'PUT', body: new Uint8Array(body) })
    expect(res.status).toBe(200)
    await recordPart(req, started.file.id, { partNumber, etag: res.headers.get('etag') ?? '' })
  }
  return { started, completed: await completeUpload(req, started.file.id) }
}

/** A published public model with one scanned file, owned by maya. */
async function publishedModel(
  bytes = safetensors(64),
  visibility: MlModel['visibility'] = 'public',
) {
  const model = await newModel(maya, { visibility })
  const version = await newVersion(maya, model.id)
  const { started } = await upload(maya, version.id, 'model.safetensors', bytes)
  await scanModelFile(withClient, started.file.id)
  await requestPublish(await reqAs(maya), version.id)
  return { model, version, fileId: started.file.id }
}

beforeAll(async () => {
  services = await startModelHubServices(S3_PORT)
  ;({ payload, pool } = services)
  maya = await makeUser(['member'])
  leo = await makeUser(['member'])
  staff = await makeUser(['staff'])
  org = await payload.create({
    collection: 'organizations',
    data: {
      name: 'Models Org',
      slug: unique('models-org').toLowerCase(),
      members: [{ user: maya.id, role: 'owner' }],
    },
    overrideAccess: true,
  })
})

afterAll(async () => {
  await services?.close()
})

describe('model files on S3 (s3rver)', () => {
  it('run in S3 mode against the test bucket', () => {
    expect(storageMode()).toBe('s3')
  })

  it('upload in parts through presigned URLs, resume from recorded parts, complete and hash', async () => {
    const model = await newModel(maya)
    const version = await newVersion(maya, model.id)
    const bytes = randomBytes(PART_BYTES + 1234)
    const req = await reqAs(maya)
    const started = await startUpload(req, {
      version: version.id,
      filename: 'weights.safetensors',
      kind: 'weights',
      size: bytes.length,
    })
    expect(started).toMatchObject({ mode: 's3', partCount: 2, parts: [] })
    // The first part only, then "come back later": the state lists it.
    const [first] = await partUrls(req, started.file.id, [1])
    expect(first.url).toContain('X-Amz-Signature=')
    const put = await fetch(first.url, {
      method: 'PUT',
      body: new Uint8Array(bytes.subarray(0, PART_BYTES)),
    })
    expect(put.status).toBe(200)
    await recordPart(req, started.file.id, { partNumber: 1, etag: put.headers.get('etag')! })
    const resumed = await uploadState(req, started.file.id)
    expect(resumed.parts.map((p) => p.partNumber)).toEqual([1])
    expect(await rejection(completeUpload(req, started.file.id))).toMatch(/Parts missing: 2/)
    const [second] = await partUrls(req, started.file.id, [2])
    const put2 = await fetch(second.url, {
      method: 'PUT',
      body: new Uint8Array(bytes.subarray(PART_BYTES)),
    })
    await recordPart(req, started.file.id, { partNumber: 2, etag: put2.headers.get('etag')! })
    const done = await completeUpload(req, started.file.id)
    expect(done.file.uploadStatus).toBe('uploaded')
    const file = await payload.findByID({
      collection: 'model-files',
      id: started.file.id,
      overrideAccess: true,
      showHiddenFields: true,
    })
    const head = await s3Client().send(
      new HeadObjectCommand({
        Bucket: TEST_BUCKET,
        Key: (file as { storageKey: string }).storageKey,
      }),
    )
    expect(head.ContentLength).toBe(bytes.length)
    // The scan hashes what is stored; raw random bytes are not valid safetensors.
    const scanned = await scanModelFile(withClient, started.file.id)
    expect(scanned?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(scanned?.status).toBe('flagged')
  })

  it('refuse a type off the allowlist, a file over the plan limit, and a version not yours', async () => {
    const model = await newModel(maya)
    const version = await newVersion(maya, model.id)
    const req = await reqAs(maya)
    expect(
      await rejection(
        startUpload(req, { version: version.id, filename: 'run.sh', kind: 'other', size: 10 }),
      ),
    ).toMatch(/^filename: Files ending \.sh are not accepted/)
    expect(
      await rejection(
        startUpload(req, {
          version: version.id,
          filename: 'big.pt',
          kind: 'weights',
          size: 3 * 1024 ** 3,
        }),
      ),
    ).toBe('size: The free plan takes files up to 2 GB.')
    const leoReq = await reqAs(leo)
    expect(
      await rejection(
        startUpload(leoReq, { version: version.id, filename: 'x.pt', kind: 'weights', size: 10 }),
      ),
    ).toBe('version: No version of yours has this id.')
  })

  it('serve a signed download URL after the access check, and delete the object with the file', async () => {
    const bytes = safetensors(128)
    const { fileId } = await publishedModel(bytes)
    const file = await fileForDownload(await reqAs(leo), fileId)
    const url = await downloadUrl({
      fileId,
      key: file.storageKey,
      filename: 'model.safetensors',
      contentType: 'application/octet-stream',
    })
    expect(url).toMatch(/X-Amz-Expires=300/)
    const res = await fetch(url)
    expect(res.status).toBe(200)
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true)
    expect(res.headers.get('content-disposition')).toContain('model.safetensors')
    // s3rver does not verify V4 signatures (AWS and MinIO do): the local-disk signatures are
    // tested for tampering and expiry below.
    expect(url).toContain('X-Amz-Signature=')

    await payload.delete({
      collection: 'model-files',
      id: fileId,
      overrideAccess: false,
      user: asUser(maya),
    })
    const gone = await s3Client()
      .send(new HeadObjectCommand({ Bucket: TEST_BUCKET, Key: file.storageKey }))
      .then(() => 'present')
      .catch((err: { name?: string }) => err.name)
    expect(gone).toBe('NotFound')
  })
})

describe('local-disk signed URLs', () => {
  it('accept their own signature only, until they expire', () => {
    const purpose = downloadPurpose(7, 'models/7/abc/model.pt')
    const url = new URL(signPortalUrl('/api/model-files/7/content', purpose), 'http://x')
    expect(verifyPortalUrl(url, purpose)).toBe(true)
    expect(verifyPortalUrl(url, downloadPurpose(8, 'models/7/abc/model.pt'))).toBe(false)
    const tampered = new URL(url)
    tampered.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 60))
    expect(verifyPortalUrl(tampered, purpose)).toBe(false)
    const expired = new URL(signPortalUrl('/x', purpose, -1), 'http://x')
    expect(verifyPortalUrl(expired, purpose)).toBe(false)
  })
})

describe('model visibility', () => {
  it('hides drafts and private models from others, over the Local API as REST and GraphQL use it', async () => {
    const draft = await newModel(maya)
    const { model: secret, fileId } = await publishedModel(safetensors(8), 'private')
    const find = async (user: User | null, id: number) =>
      (
        await payload.find({
          collection: 'ml-models',
          where: { id: { equals: id } },
          overrideAccess: false,
          user: user ? asUser(user) : undefined,
        })
      ).totalDocs
    expect(await find(null, draft.id)).toBe(0)
    expect(await find(leo, draft.id)).toBe(0)
    expect(await find(maya, draft.id)).toBe(1)
    expect(await find(leo, secret.id)).toBe(0)
    expect(await find(staff, secret.id)).toBe(1)
    // Its versions and files, and its download, are as invisible.
    const files = await payload.find({
      collection: 'model-files',
      where: { model: { equals: secret.id } },
      overrideAccess: false,
      user: asUser(leo),
    })
    expect(files.totalDocs).toBe(0)
    expect(await rejection(fileForDownload(await reqAs(leo), fileId))).toBe(
      'No file you can see has this id.',
    )
    expect(await rejection(fileForDownload(await reqAs(null), fileId))).toBe(
      'No file you can see has this id.',
    )
    // Naming it in a body finds nothing either.
    expect(await rejection(starModel(await reqAs(leo), secret.id))).toBe(
      'No model you can see has this id.',
    )
    expect(
      await rejection(
        payload.create({
          collection: 'model-ratings',
          data: { model: secret.id, score: 5 },
          overrideAccess: false,
          user: asUser(leo),
        }),
      ),
    ).toBe('model: No model you can see has this id.')
  })

  it('shows an organization model to its members only, and a key only what its scope allows', async () => {
    const orgModel = await newModel(maya, { organization: org.id, visibility: 'organization' })
    expect(orgModel.organization).toBe(org.id)
    expect(orgModel.ownerHandle).toBe(org.slug)
    // A person's model cannot be "organization" visible.
    expect(await rejection(newModel(leo, { visibility: 'organization' }))).toMatch(/^visibility:/)
    // Leo cannot put a model into an organization he does not manage.
    expect(await rejection(newModel(leo, { organization: org.id }))).toMatch(/^organization:/)
    const mine = await newModel(maya)
    const withoutScope = await reqAsKey(maya, ['tracks:read'])
    const found = payload.find({
      collection: 'ml-models',
      where: { id: { equals: mine.id } },
      overrideAccess: false,
      req: withoutScope,
    })
    expect(await rejection(found)).toMatch(/not allowed/)
    const withScope = await reqAsKey(maya, ['models:read'])
    const again = await payload.find({
      collection: 'ml-models',
      where: { id: { equals: mine.id } },
      overrideAccess: false,
      req: withScope,
    })
    expect(again.totalDocs).toBe(1)
  })

  it('keeps counts and ownership out of members’ hands', async () => {
    const model = await newModel(maya)
    const updated = await payload.update({
      collection: 'ml-models',
      id: model.id,
      data: { stars: 999, downloads: 1e6, owner: leo.id, status: 'published' } as never,
      depth: 0,
      overrideAccess: false,
      user: asUser(maya),
    })
    expect(updated).toMatchObject({ stars: 0, downloads: 0, owner: maya.id, status: 'draft' })
    expect(
      await rejection(
        payload.update({
          collection: 'ml-models',
          id: model.id,
          data: { name: 'Hijacked' },
          overrideAccess: false,
          user: asUser(leo),
        }),
      ),
    ).toMatch(/not allowed|Not Found/i)
  })
})

describe('safety, downloads, stars and forks', () => {
  it('holds a flagged pickle back from others until staff approve it', async () => {
    const model = await newModel(maya)
    const version = await newVersion(maya, model.id)
    const { started } = await upload(maya, version.id, 'model.pkl', maliciousGlobalPickle())
    const scan = await scanModelFile(withClient, started.file.id)
    expect(scan?.status).toBe('flagged')
    const published = await requestPublish(await reqAs(maya), version.id)
    expect(published.status).toBe('published')
    expect(await rejection(fileForDownload(await reqAs(leo), started.file.id))).toMatch(
      /safety scan flagged this file/,
    )
    expect((await fileForDownload(await reqAs(maya), started.file.id)).id).toBe(started.file.id)
    expect((await fileForDownload(await reqAs(staff), started.file.id)).id).toBe(started.file.id)
    await payload.update({
      collection: 'model-files',
      id: started.file.id,
      data: { review: 'approved' },
      overrideAccess: false,
      user: asUser(staff),
    })
    expect((await fileForDownload(await reqAs(leo), started.file.id)).id).toBe(started.file.id)
  })

  it('count a download once per person per model per day, and write model.downloaded', async () => {
    const { model, fileId } = await publishedModel()
    const count = async (user: User | null, ip: string, at = new Date()) => {
      const req = await reqAs(user)
      return countDownload(req, {
        model,
        fileId,
        version: '1.0.0',
        subject: downloadSubject(req, ip),
        at,
      })
    }
    expect(await count(leo, '10.0.0.1')).toBe(true)
    expect(await count(leo, '10.0.0.2')).toBe(false)
    expect(await count(null, '10.0.0.3')).toBe(true)
    expect(await count(null, '10.0.0.3')).toBe(false)
    expect(await count(leo, '10.0.0.1', new Date(Date.now() + 86_400_000))).toBe(true)
    const { rows } = await pool.query(
      `SELECT (SELECT downloads FROM ml_models WHERE id = $1) AS total,
              (SELECT sum(downloads) FROM model_download_days WHERE model_id = $1) AS days,
              (SELECT count(*) FROM webhook_events WHERE type = 'model.downloaded'
                  AND data->>'model_id' = $1::text) AS events`,
      [model.id],
    )
    expect(rows[0]).toEqual({ total: '3', days: '3', events: '3' })
  })

  it('star once per person, fork with lineage and referenced files, and notify the owner', async () => {
    const { model } = await publishedModel()
    const req = await reqAs(leo)
    expect(await starModel(req, model.id)).toEqual({ stars: 1, starred: true })
    expect(await starModel(await reqAs(leo), model.id)).toEqual({ stars: 1, starred: true })
    expect(await unstarModel(await reqAs(leo), model.id)).toEqual({ stars: 0, starred: false })
    await starModel(await reqAs(leo), model.id)
    const fork = await forkModel(await reqAs(leo), model.id, {})
    expect(fork).toMatchObject({
      baseModel: model.id,
      ownerHandle: leo.username,
      status: 'published',
    })
    const [source, forkFiles, sourceFiles] = await Promise.all([
      payload.findByID({ collection: 'ml-models', id: model.id, overrideAccess: true }),
      payload.find({
        collection: 'model-files',
        where: { model: { equals: fork.id } },
        overrideAccess: true,
      }),
      payload.find({
        collection: 'model-files',
        where: { model: { equals: model.id } },
        overrideAccess: true,
      }),
    ])
    expect(source).toMatchObject({ stars: 1, forks: 1 })
    const key = (doc: unknown) => (doc as { storageKey: string }).storageKey
    expect(forkFiles.docs.map(key)).toEqual(sourceFiles.docs.map(key))
    const { rows } = await pool.query(
      `SELECT type FROM webhook_events WHERE data->>'model_id' = $1::text ORDER BY id`,
      [model.id],
    )
    // Starred, unstarred, starred again: one piece of news a day (tests/int/modelReview).
    expect(rows.map((r) => r.type)).toEqual(['model.published', 'model.starred', 'model.forked'])
  })

  it('rate once per person (editable) and keep the average', async () => {
    const { model } = await publishedModel()
    const rate = (user: User, score: number) =>
      payload.create({
        collection: 'model-ratings',
        data: { model: model.id, score, user: maya.id } as never,
        depth: 0,
        overrideAccess: false,
        user: asUser(user),
      })
    const mine = await rate(leo, 4)
    expect(mine.user).toBe(leo.id)
    await rate(staff, 5)
    expect(await rejection(rate(leo, 1))).toMatch(/unique|already/i)
    await payload.update({
      collection: 'model-ratings',
      id: mine.id,
      data: { score: 2 },
      overrideAccess: false,
      user: asUser(leo),
    })
    const after = await payload.findByID({
      collection: 'ml-models',
      id: model.id,
      overrideAccess: true,
    })
    expect(after).toMatchObject({ ratingCount: 2, ratingAverage: 3.5 })
  })
})

describe('browsing the hub', () => {
  it('finds published models by search, facet and threshold, and never another’s private one', async () => {
    const word = unique('quokka').replace(/[^a-z]/g, '')
    const tag = unique('tag').toLowerCase()
    const open = await publishedModel()
    await payload.update({
      collection: 'ml-models',
      id: open.model.id,
      data: {
        name: `Open ${word}`,
        tags: [{ tag }],
        metrics: [{ name: 'accuracy', value: 0.95, dataset: 'GTZAN', split: 'test' }],
      },
      overrideAccess: true,
    })
    const hidden = await publishedModel(safetensors(8), 'private')
    await payload.update({
      collection: 'ml-models',
      id: hidden.model.id,
      data: { name: `Hidden ${word}`, tags: [{ tag }] },
      overrideAccess: true,
    })
    const sql = await db({ payload })
    const leoView: Viewer = { kind: 'person', id: leo.id, memberOf: [], manages: [] }
    const mayaView: Viewer = { kind: 'person', id: maya.id, memberOf: [org.id], manages: [org.id] }
    const ids = async (viewer: Viewer, filters: Parameters<typeof browseModelIds>[2]) =>
      (await browseModelIds(sql, viewer, filters)).ids
    expect(await ids(leoView, { q: word })).toEqual([open.model.id])
    expect(await ids({ kind: 'anonymous' }, { tag })).toEqual([open.model.id])
    expect((await ids(mayaView, { tag })).sort()).toEqual([open.model.id, hidden.model.id].sort())
    expect(await ids(leoView, { tag, metric: 'accuracy', dataset: 'GTZAN', min: 0.9 })).toEqual([
      open.model.id,
    ])
    expect(await ids(leoView, { tag, metric: 'accuracy', dataset: 'GTZAN', min: 0.96 })).toEqual([])
    const facets = await browseFacets(sql, leoView, { tag })
    expect(facets.task).toEqual([{ value: 'genre-classification', count: 1 }])
    expect(facets.owner).toEqual([{ value: open.model.ownerHandle, count: 1 }])
  })

  it('matches tags, owners, metrics and datasets whatever their case', async () => {
    const tag = unique('casetag').toLowerCase()
    const open = await publishedModel()
    await payload.update({
      collection: 'ml-models',
      id: open.model.id,
      data: {
        tags: [{ tag }],
        metrics: [{ name: 'Accuracy', value: 0.92, dataset: 'GTZAN', split: 'test' }],
      },
      overrideAccess: true,
    })
    const sql = await db({ payload })
    const ids = async (filters: Parameters<typeof browseModelIds>[2]) =>
      (await browseModelIds(sql, { kind: 'anonymous' }, filters)).ids
    expect(await ids({ tag: tag.toUpperCase() })).toEqual([open.model.id])
    expect(await ids({ tag, owner: String(open.model.ownerHandle).toUpperCase() })).toEqual([
      open.model.id,
    ])
    expect(await ids({ tag, metric: 'accuracy', dataset: 'gtzan', min: 0.9 })).toEqual([
      open.model.id,
    ])
  })
})
