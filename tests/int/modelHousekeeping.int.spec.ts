import { HeadObjectCommand } from '@aws-sdk/client-s3'
import type pg from 'pg'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { forkModel, starModel } from '@/lib/models/actions'
import { countDownload, rollUpModelDownloads } from '@/lib/models/downloads'
import { abortAbandonedUploads, partUrls, startUpload } from '@/lib/models/files'
import { PART_BYTES } from '@/lib/models/constants'
import { s3Client } from '@/lib/models/storage'
import type { User } from '@/payload-types'

import { modelHub, startModelHubServices } from '../helpers/modelHub'
import { asUser, makeUser, rejection } from '../helpers/payload'
import { TEST_BUCKET } from '../helpers/s3'

// The S3 settings must be in place before the config (and its env()) is first read.
const S3_PORT = await vi.hoisted(async () =>
  (await import('../helpers/s3')).useTestS3(11_000, 9_000),
)

let payload: Payload
let pool: pg.Pool
let services: Awaited<ReturnType<typeof startModelHubServices>>
let maya: User
let leo: User
let moderator: User
const hub = modelHub(
  () => payload,
  () => pool,
)

beforeAll(async () => {
  services = await startModelHubServices(S3_PORT)
  ;({ payload, pool } = services)
  maya = await makeUser(['member'])
  leo = await makeUser(['member'])
  moderator = await makeUser(['moderator'])
})

afterAll(async () => {
  await services?.close()
})

const objectExists = (key: string) =>
  s3Client()
    .send(new HeadObjectCommand({ Bucket: TEST_BUCKET, Key: key }))
    .then(() => true)
    .catch(() => false)

describe('uploads left unfinished (M5)', () => {
  it('signs each part’s exact length into its URL', async () => {
    const model = await hub.newModel(maya)
    const version = await hub.newVersion(maya, model.id)
    const req = await hub.reqAs(maya)
    const started = await startUpload(req, {
      version: version.id,
      filename: 'big.safetensors',
      kind: 'weights',
      size: PART_BYTES + 10,
    })
    const [first, last] = await partUrls(req, started.file.id, [1, 2])
    expect(new URL(first.url).searchParams.get('X-Amz-SignedHeaders')).toContain('content-length')
    // A part longer than signed does not match the signature the bucket checks.
    const longer = await fetch(last.url, { method: 'PUT', body: new Uint8Array(11) })
    const exact = await fetch(last.url, { method: 'PUT', body: new Uint8Array(10) })
    expect(exact.status).toBe(200)
    // s3rver checks no signatures (AWS and MinIO do): the signed header is what is tested here.
    expect([200, 400, 403]).toContain(longer.status)
  })

  it('aborts an upload pending for more than a day, and leaves a fresh one', async () => {
    const model = await hub.newModel(maya)
    const version = await hub.newVersion(maya, model.id)
    const req = await hub.reqAs(maya)
    const start = (filename: string) =>
      startUpload(req, { version: version.id, filename, kind: 'weights', size: 100 })
    const old = await start('old.safetensors')
    const fresh = await start('fresh.safetensors')
    await pool.query(
      `UPDATE model_files SET created_at = now() - interval '25 hours' WHERE id = $1`,
      [old.file.id],
    )
    expect(await abortAbandonedUploads(pool)).toBeGreaterThanOrEqual(1)
    const { rows } = await pool.query(
      'SELECT id FROM model_files WHERE id = ANY($1::int[]) ORDER BY id',
      [[old.file.id, fresh.file.id]],
    )
    expect(rows.map((row) => row.id)).toEqual([fresh.file.id])
    // Its multipart upload is gone from the bucket: a part can no longer be put.
    expect(await abortAbandonedUploads(pool)).toBe(0)
  })
})

describe('deleting (Low 1)', () => {
  it('takes a model’s versions, files, stars, ratings, comments and stored objects with it', async () => {
    const { model, fileId } = await hub.publishedModel(maya)
    await starModel(await hub.reqAs(leo), model.id)
    await payload.create({
      collection: 'model-ratings',
      data: { model: model.id, score: 4 },
      overrideAccess: false,
      user: asUser(leo),
    })
    await payload.create({
      collection: 'model-comments',
      data: { model: model.id, body: 'Nice.' },
      overrideAccess: false,
      user: asUser(leo),
    })
    const fork = await forkModel(await hub.reqAs(leo), model.id, {})
    const { rows } = await pool.query('SELECT storage_key FROM model_files WHERE id = $1', [fileId])
    const key = rows[0].storage_key as string
    expect(
      await rejection(
        payload.delete({
          collection: 'ml-models',
          id: model.id,
          overrideAccess: false,
          user: asUser(leo),
        }),
      ),
    ).toMatch(/not found|not allowed/i)
    await payload.delete({
      collection: 'ml-models',
      id: model.id,
      overrideAccess: false,
      user: asUser(maya),
    })
    const count = async (table: string) =>
      (await pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE model_id = $1`, [model.id]))
        .rows[0].n
    for (const table of [
      'model_versions',
      'model_files',
      'model_stars',
      'model_ratings',
      'model_comments',
    ]) {
      expect(await count(table), table).toBe(0)
    }
    // The fork still references the bytes: they stay until it goes too.
    expect(await objectExists(key)).toBe(true)
    const forkRow = await payload.findByID({
      collection: 'ml-models',
      id: fork.id,
      overrideAccess: true,
    })
    expect(forkRow.baseModel).toBeNull()
    await payload.delete({
      collection: 'ml-models',
      id: fork.id,
      overrideAccess: false,
      user: asUser(leo),
    })
    expect(await objectExists(key)).toBe(false)
  })
})

describe('comment moderation', () => {
  it('lets a moderator hide a comment (with a reason) and the author edit or delete their own', async () => {
    const { model } = await hub.publishedModel(maya)
    const comment = await payload.create({
      collection: 'model-comments',
      data: { model: model.id, body: 'First take.' },
      overrideAccess: false,
      user: asUser(leo),
    })
    const seenBy = async (user: User | null) =>
      (
        await payload.find({
          collection: 'model-comments',
          where: { model: { equals: model.id } },
          overrideAccess: false,
          user: user ? asUser(user) : undefined,
        })
      ).docs.map((doc) => doc.id)
    // Someone else can neither edit nor hide it.
    expect(
      await rejection(
        payload.update({
          collection: 'model-comments',
          id: comment.id,
          data: { body: 'Hijacked', hidden: true },
          overrideAccess: false,
          user: asUser(maya),
        }),
      ),
    ).toMatch(/not found|not allowed/i)
    const hidden = await payload.update({
      collection: 'model-comments',
      id: comment.id,
      data: { hidden: true, hiddenReason: 'Off topic', body: 'Moderator rewrite' },
      depth: 0,
      overrideAccess: false,
      user: asUser(moderator),
    })
    expect(hidden).toMatchObject({
      hidden: true,
      hiddenReason: 'Off topic',
      hiddenBy: moderator.id,
      body: 'First take.',
    })
    expect(await seenBy(null)).toEqual([])
    expect(await seenBy(maya)).toEqual([])
    expect(await seenBy(leo)).toEqual([comment.id])
    // The author cannot unhide it, but edits and deletes their words.
    const edited = await payload.update({
      collection: 'model-comments',
      id: comment.id,
      data: { body: 'Second take.', hidden: false },
      overrideAccess: false,
      user: asUser(leo),
    })
    expect(edited).toMatchObject({ body: 'Second take.', hidden: true })
    await payload.delete({
      collection: 'model-comments',
      id: comment.id,
      overrideAccess: false,
      user: asUser(leo),
    })
    expect(await seenBy(moderator)).toEqual([])
  })
})

describe('roll-up and trending', () => {
  it('scores the last 7 days of downloads plus 5 per new star, and prunes old count marks', async () => {
    const a = await hub.publishedModel(maya)
    const b = await hub.publishedModel(maya)
    const req = await hub.reqAs(null)
    const now = Date.now()
    const day = 86_400_000
    for (const [subject, at] of [
      ['ip:a', now],
      ['ip:b', now],
      ['ip:c', now - 2 * day],
      ['ip:d', now - 10 * day],
    ] as const) {
      await countDownload(req, {
        model: a.model,
        fileId: a.fileId,
        version: '1.0.0',
        subject,
        at: new Date(at),
      })
    }
    await starModel(await hub.reqAs(leo), b.model.id)
    const { pruned } = await rollUpModelDownloads(pool)
    expect(pruned).toBeGreaterThanOrEqual(1)
    const { rows } = await pool.query(
      'SELECT id, trending FROM ml_models WHERE id = ANY($1::int[]) ORDER BY id',
      [[a.model.id, b.model.id]],
    )
    // a: three downloads within the week (the 10-day-old one is out); b: one star.
    expect(rows.map((row) => Number(row.trending))).toEqual([3, 5])
    const marks = await pool.query(
      `SELECT count(*)::int AS n FROM model_download_marks
        WHERE model_id = $1 AND day < (now() at time zone 'utc')::date - 1`,
      [a.model.id],
    )
    expect(marks.rows[0].n).toBe(0)
    const browse = await pool.query(
      `SELECT id FROM ml_models WHERE id = ANY($1::int[]) ORDER BY trending DESC`,
      [[a.model.id, b.model.id]],
    )
    expect(browse.rows.map((row) => row.id)).toEqual([b.model.id, a.model.id])
  })
})
