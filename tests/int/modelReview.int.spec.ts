import { DeleteObjectCommand } from '@aws-sdk/client-s3'
import type pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { forkModel, starModel, STAR_TOGGLES_PER_HOUR, unstarModel } from '@/lib/models/actions'
import { fileForDownload } from '@/lib/models/files'
import { limitSubject } from '@/lib/models/http'
import { requestPublish } from '@/lib/models/publish'
import { s3Client } from '@/lib/models/storage'
import { redis } from '@/lib/redis'
import { startWorker, type WorkerHandle } from '@/worker'
import type { MlModel, Organization, User } from '@/payload-types'

import { modelHub, startModelHubServices } from '../helpers/modelHub'
import { maliciousGlobalPickle } from '../helpers/pickles'
import { asUser, makeUser, rejection, unique } from '../helpers/payload'
import { TEST_BUCKET } from '../helpers/s3'
import { waitFor } from '../helpers/waitFor'

// The S3 settings must be in place before the config (and its env()) is first read.
const S3_PORT = await vi.hoisted(async () =>
  (await import('../helpers/s3')).useTestS3(40_000, 20_000),
)

let payload: Payload
let pool: pg.Pool
let services: Awaited<ReturnType<typeof startModelHubServices>>
let maya: User
let leo: User
let staff: User
let org: Organization
const hub = modelHub(
  () => payload,
  () => pool,
)

beforeAll(async () => {
  services = await startModelHubServices(S3_PORT, 6)
  ;({ payload, pool } = services)
  maya = await makeUser(['member'])
  leo = await makeUser(['member'])
  staff = await makeUser(['staff'])
  org = await payload.create({
    collection: 'organizations',
    data: {
      name: 'Review Org',
      slug: unique('review-org').toLowerCase(),
      members: [{ user: maya.id, role: 'owner' }],
    },
    overrideAccess: true,
  })
})

afterAll(async () => {
  await services?.close()
})

const review = (fileId: number, verdict: 'approved' | 'rejected') =>
  payload.update({
    collection: 'model-files',
    id: fileId,
    data: { review: verdict },
    overrideAccess: false,
    user: asUser(staff),
  })

describe('held files and forks (M1, M2)', () => {
  it('gives a forker no way to the flagged file, and staff’s review of the original reaches the fork', async () => {
    const { model, fileId } = await hub.publishedModel(maya, {
      bytes: maliciousGlobalPickle(),
      filename: 'model.pkl',
    })
    const fork = await forkModel(await hub.reqAs(leo), model.id, {})
    const forkFile = (
      await payload.find({
        collection: 'model-files',
        where: { model: { equals: fork.id } },
        overrideAccess: true,
      })
    ).docs[0]
    // Leo manages the fork, but the bytes are Maya's flagged upload.
    expect(await rejection(fileForDownload(await hub.reqAs(leo), forkFile.id))).toMatch(
      /safety scan flagged this file/,
    )
    expect((await fileForDownload(await hub.reqAs(maya), fileId)).id).toBe(fileId)
    await review(fileId, 'approved')
    expect((await fileForDownload(await hub.reqAs(leo), forkFile.id)).id).toBe(forkFile.id)
    await review(fileId, 'rejected')
    expect(await rejection(fileForDownload(await hub.reqAs(leo), forkFile.id))).toMatch(
      /only its owners and staff/,
    )
    const copy = await payload.findByID({
      collection: 'model-files',
      id: forkFile.id,
      overrideAccess: true,
    })
    expect(copy.review).toBe('rejected')
  })

  it('keeps a fork of an organization model private while the base is not public', async () => {
    const orgMember = await makeUser(['member'])
    await payload.update({
      collection: 'organizations',
      id: org.id,
      data: {
        members: [
          { user: maya.id, role: 'owner' },
          { user: orgMember.id, role: 'member' },
        ],
      },
      overrideAccess: true,
    })
    const { model } = await hub.publishedModel(maya, {
      data: { organization: org.id, visibility: 'organization' },
    })
    const fork = await forkModel(await hub.reqAs(orgMember), model.id, {})
    expect(fork.visibility).toBe('private')
    const goPublic = (visibility: MlModel['visibility']) =>
      payload.update({
        collection: 'ml-models',
        id: fork.id,
        data: { visibility },
        overrideAccess: false,
        user: asUser(orgMember),
      })
    expect(await rejection(goPublic('public'))).toBe(
      'visibility: A fork of a model that is not public stays private while its base model is not public.',
    )
    // Once the organization publishes the base, the fork may follow.
    await payload.update({
      collection: 'ml-models',
      id: model.id,
      data: { visibility: 'public' },
      overrideAccess: false,
      user: asUser(maya),
    })
    expect((await goPublic('public')).visibility).toBe('public')
  })
})

describe('stars (M7, M8) and rate-limit buckets (M4)', () => {
  it('counts two stars committed at once as two', async () => {
    const { model } = await hub.publishedModel(maya)
    const other = await makeUser(['member'])
    // Another star's transaction holds the model row (as its recount does) while Leo stars.
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      await client.query(
        `INSERT INTO model_stars (model_id, user_id, updated_at, created_at)
         VALUES ($1, $2, now(), now())`,
        [model.id, other.id],
      )
      await client.query('UPDATE ml_models SET updated_at = now() WHERE id = $1', [model.id])
      const leoStars = starModel(await hub.reqAs(leo), model.id)
      await new Promise((resolve) => setTimeout(resolve, 400))
      await client.query('COMMIT')
      await leoStars
    } finally {
      client.release()
    }
    const { rows } = await pool.query('SELECT stars FROM ml_models WHERE id = $1', [model.id])
    expect(Number(rows[0].stars)).toBe(2)
  })

  it('tells the owner of a star once a day however often it is toggled, and limits toggling', async () => {
    const { model } = await hub.publishedModel(maya)
    const fan = await makeUser(['member'])
    await starModel(await hub.reqAs(fan), model.id)
    await unstarModel(await hub.reqAs(fan), model.id)
    expect(await starModel(await hub.reqAs(fan), model.id)).toEqual({ stars: 1, starred: true })
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM webhook_events
        WHERE type = 'model.starred' AND data->>'model_id' = $1::text`,
      [model.id],
    )
    expect(rows[0].n).toBe(1)
    // The hour's toggles spent (as a script would spend them), the next is refused.
    await redis().set(`tt:al:model-star:u${fan.id}`, STAR_TOGGLES_PER_HOUR, 'PX', 3_600_000)
    expect(await rejection(unstarModel(await hub.reqAs(fan), model.id))).toBe(
      'Too many stars and unstars: try again later.',
    )
  })

  it('puts each API key in a bucket of its own (organization keys all act as principal 0)', async () => {
    const orgKey = (keyId: number, organizationId: number) =>
      ({ user: { id: 0, apiKey: { id: keyId, scopes: [], organizationId } } }) as never
    expect(limitSubject(orgKey(11, 1))).toBe('k11')
    expect(limitSubject(orgKey(12, 2))).toBe('k12')
    expect(limitSubject({ user: asUser(leo) } as never)).toBe(`u${leo.id}`)
    expect(limitSubject({ user: null } as never, '203.0.113.5')).toBe('ip:203.0.113.5')
  })
})

describe('a scan that keeps failing (M6)', () => {
  let worker: WorkerHandle | undefined
  afterAll(async () => {
    await worker?.stop()
  })

  it('marks the file `error` (held) on its last attempt and lets the version go live', async () => {
    const model = await hub.newModel(maya)
    const version = await hub.newVersion(maya, model.id)
    const { started } = await hub.upload(maya, version.id, 'model.safetensors', Buffer.alloc(64))
    await requestPublish(await hub.reqAs(maya), version.id)
    // The object vanishes before the scan reads it; this job's attempt is its last.
    const { rows } = await pool.query('SELECT storage_key FROM model_files WHERE id = $1', [
      started.file.id,
    ])
    await s3Client().send(
      new DeleteObjectCommand({ Bucket: TEST_BUCKET, Key: rows[0].storage_key }),
    )
    await pool.query(
      `SELECT graphile_worker.add_job('model__scan', json_build_object('fileId', $1::int),
              job_key := 'model__scan:' || $1, max_attempts := 1)`,
      [started.file.id],
    )
    worker = await startWorker({ concurrency: 2 })
    const file = await waitFor(async () => {
      const found = await pool.query(
        `SELECT f.scan_status, v.status FROM model_files f JOIN model_versions v ON v.id = f.version_id
          WHERE f.id = $1`,
        [started.file.id],
      )
      return found.rows[0]?.scan_status === 'error' ? found.rows[0] : undefined
    })
    expect(file).toEqual({ scan_status: 'error', status: 'published' })
    expect(await rejection(fileForDownload(await hub.reqAs(leo), started.file.id))).toMatch(
      /only its owners and staff/,
    )
  })
})

describe('owner handles (M3)', () => {
  it('refuses an organization slug that is a username, and a username that is an organization slug', async () => {
    const founder = await makeUser(['member'])
    const found = (slug: string) =>
      payload.create({
        collection: 'organizations',
        data: { name: 'Squat', slug, members: [{ user: founder.id, role: 'owner' }] },
        overrideAccess: false,
        user: asUser(founder),
      })
    expect(await rejection(found(maya.username))).toBe(
      'slug: A person already goes by this name: choose another slug.',
    )
    expect(
      await rejection(
        payload.update({
          collection: 'users',
          id: leo.id,
          data: { username: org.slug },
          overrideAccess: false,
          user: asUser(leo),
        }),
      ),
    ).toBe('username: An organization already goes by this name: choose another username.')
  })

  it('moves a person’s and an organization’s model URLs with a rename', async () => {
    const renamer = await makeUser(['member'])
    const own = await hub.newModel(renamer)
    const newName = unique('renamed').toLowerCase().slice(0, 30)
    await payload.update({
      collection: 'users',
      id: renamer.id,
      data: { username: newName },
      overrideAccess: false,
      user: asUser(renamer),
    })
    const team = await payload.create({
      collection: 'organizations',
      data: {
        name: 'Renamed Org',
        slug: unique('team').toLowerCase(),
        members: [{ user: renamer.id, role: 'owner' }],
      },
      overrideAccess: true,
    })
    const teamModel = await hub.newModel(renamer, { organization: team.id })
    const newSlug = unique('team-b').toLowerCase()
    await payload.update({
      collection: 'organizations',
      id: team.id,
      data: { slug: newSlug },
      overrideAccess: false,
      user: asUser(renamer),
    })
    const handleOf = async (id: number) =>
      (await payload.findByID({ collection: 'ml-models', id, overrideAccess: true })).ownerHandle
    expect(await handleOf(own.id)).toBe(newName)
    expect(await handleOf(teamModel.id)).toBe(newSlug)
  })
})
