import { createLocalReq, type Payload, type PayloadRequest, type TypedUser } from 'payload'
import pg from 'pg'
import { expect } from 'vitest'

import { completeUpload, partUrls, recordPart, startUpload } from '@/lib/models/files'
import { PART_BYTES } from '@/lib/models/constants'
import { requestPublish } from '@/lib/models/publish'
import { scanModelFile } from '@/lib/models/scanJob'
import type { MlModel, User } from '@/payload-types'

import { safetensors } from './pickles'
import { asUser, testPayload, unique } from './payload'
import { startS3 } from './s3'

/**
 * What a model hub test file runs against: s3rver on `s3Port` (the file picked it and set S3_*
 * with useTestS3 in vi.hoisted), Payload, and a pg pool of `poolMax` connections. `close` stops
 * the pool and the S3 server.
 */
export async function startModelHubServices(s3Port: number, poolMax = 4) {
  const s3 = await startS3(s3Port)
  const payload = await testPayload()
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: poolMax })
  return {
    payload,
    pool,
    close: async () => {
      await pool.end()
      await s3.close()
    },
  }
}

/**
 * The model hub's test steps on real Postgres and a real S3 server (the calling file starts
 * s3rver and sets S3_* before the config loads): models, versions, uploads over HTTP to the
 * presigned URLs, scans and publishing.
 */
export function modelHub(payload: () => Payload, pool: () => pg.Pool) {
  const withClient = <T>(work: (client: pg.PoolClient) => Promise<T>) =>
    pool()
      .connect()
      .then(async (client) => {
        try {
          return await work(client)
        } finally {
          client.release()
        }
      })

  const reqAs = (user: User | null, context: Record<string, unknown> = {}) =>
    createLocalReq(
      { user: user ? (asUser(user) as unknown as TypedUser) : undefined, context },
      payload(),
    ) as Promise<PayloadRequest>

  const newModel = (owner: User, data: Partial<MlModel> = {}): Promise<MlModel> =>
    payload().create({
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

  const newVersion = (owner: User, model: number, label = '1.0.0') =>
    payload().create({
      collection: 'model-versions',
      data: { model, label },
      overrideAccess: false,
      user: asUser(owner),
    })

  /** Uploads bytes through the presigned multipart flow, PUTting each part over HTTP. */
  async function upload(owner: User, version: number, filename: string, bytes: Buffer) {
    const req = await reqAs(owner)
    const started = await startUpload(req, {
      version,
      filename,
      kind: 'weights',
      size: bytes.length,
    })
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

  /** A published model of `owner` with one scanned file. */
  async function publishedModel(
    owner: User,
    {
      bytes = safetensors(64),
      filename = 'model.safetensors',
      data = {},
    }: { bytes?: Buffer; filename?: string; data?: Partial<MlModel> } = {},
  ) {
    const model = await newModel(owner, data)
    const version = await newVersion(owner, model.id)
    const { started } = await upload(owner, version.id, filename, bytes)
    await scanModelFile(withClient, started.file.id)
    await requestPublish(await reqAs(owner), version.id)
    return { model, version, fileId: started.file.id }
  }

  return { withClient, reqAs, newModel, newVersion, upload, publishedModel }
}
