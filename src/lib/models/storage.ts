import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { pipeline } from 'node:stream/promises'

import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'

import { payloadSecret } from '../defaults'
import { env } from '../env'
import { dataPath } from '../paths'
import { SIGNED_URL_SECONDS } from './constants'

/**
 * Where model files live: the S3 bucket when S3_* is configured (MinIO in docker-compose),
 * local disk (`DATA_DIR/models`) otherwise. Both offer the same flow to the browser — create an
 * upload, PUT each part to a short-lived URL, complete — so the upload page and integrators do
 * not care which one runs: on S3 the parts go straight to the bucket (presigned multipart), on
 * disk to the portal's part route, signed the same way. Downloads are always short-lived URLs.
 */
export type StorageMode = 's3' | 'local'

export const storageMode = (): StorageMode => (env().S3_BUCKET ? 's3' : 'local')

let client: S3Client | undefined
function s3(): { client: S3Client; bucket: string } {
  const { S3_BUCKET, S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = env()
  client ??= new S3Client({
    endpoint: S3_ENDPOINT,
    region: S3_REGION ?? 'us-east-1',
    forcePathStyle: Boolean(S3_ENDPOINT),
    credentials: {
      accessKeyId: S3_ACCESS_KEY_ID ?? '',
      secretAccessKey: S3_SECRET_ACCESS_KEY ?? '',
    },
  })
  return { client, bucket: S3_BUCKET ?? '' }
}

/** The S3 client of the configured bucket (tests create the bucket with it). */
export const s3Client = () => s3().client

const localObject = (key: string) => dataPath('models', ...key.split('/'))
const localParts = (uploadId: string) => dataPath('model-uploads', uploadId)

/** A new object key: never derived from the user's file name (no path tricks, no collisions). */
export const newStorageKey = (modelId: number, filename: string) =>
  `models/${modelId}/${randomBytes(12).toString('hex')}/${filename.replace(/[^A-Za-z0-9._-]/g, '_')}`

export async function createUpload(key: string, contentType: string): Promise<string> {
  if (storageMode() === 'local') {
    const uploadId = randomBytes(16).toString('hex')
    await mkdir(localParts(uploadId), { recursive: true })
    return uploadId
  }
  const { client, bucket } = s3()
  const out = await client.send(
    new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType }),
  )
  if (!out.UploadId) throw new Error('the bucket returned no upload id')
  return out.UploadId
}

// ---- Signed portal URLs (local disk): the same contract as a presigned S3 URL -------------

const sign = (text: string) =>
  createHmac('sha256', payloadSecret()).update(text).digest('base64url')

/** `?expires=…&signature=…` for `purpose` (a part upload or a download of one file). */
export function signPortalUrl(pathname: string, purpose: string, seconds = SIGNED_URL_SECONDS) {
  const expires = Math.floor(Date.now() / 1000) + seconds
  const signature = sign(`${purpose}:${expires}`)
  return `${pathname}?expires=${expires}&signature=${signature}`
}

/** True when the URL's signature is ours for `purpose` and it has not expired. */
export function verifyPortalUrl(url: URL, purpose: string): boolean {
  const expires = Number(url.searchParams.get('expires'))
  const given = Buffer.from(url.searchParams.get('signature') ?? '')
  if (!Number.isInteger(expires) || expires < Date.now() / 1000) return false
  const wanted = Buffer.from(sign(`${purpose}:${expires}`))
  return given.length === wanted.length && timingSafeEqual(given, wanted)
}

export const partPurpose = (fileId: number, uploadId: string, part: number) =>
  `part:${fileId}:${uploadId}:${part}`
export const downloadPurpose = (fileId: number, key: string) => `download:${fileId}:${key}`

/**
 * A short-lived URL the client PUTs one part to. On S3 the part's exact length is signed in
 * (Content-Length): a client cannot park more bytes in the bucket than the file it declared.
 */
export async function partUrl(input: {
  fileId: number
  key: string
  uploadId: string
  partNumber: number
  contentLength: number
}): Promise<string> {
  if (storageMode() === 'local') {
    return signPortalUrl(
      `/api/model-files/${input.fileId}/parts/${input.partNumber}`,
      partPurpose(input.fileId, input.uploadId, input.partNumber),
    )
  }
  const { client, bucket } = s3()
  return getSignedUrl(
    client,
    new UploadPartCommand({
      Bucket: bucket,
      Key: input.key,
      UploadId: input.uploadId,
      PartNumber: input.partNumber,
      ContentLength: input.contentLength,
    }),
    { expiresIn: SIGNED_URL_SECONDS, signableHeaders: new Set(['content-length']) },
  )
}

/** Stores one part on local disk (the part route); its ETag is the hash of its bytes. */
export async function writeLocalPart(
  uploadId: string,
  partNumber: number,
  body: ReadableStream<Uint8Array> | Buffer,
): Promise<{ etag: string; size: number }> {
  const dir = localParts(uploadId)
  await mkdir(dir, { recursive: true })
  const file = path.join(dir, String(partNumber).padStart(5, '0'))
  const hash = createHash('md5')
  let size = 0
  const source = Buffer.isBuffer(body)
    ? Readable.from([body])
    : Readable.fromWeb(body as NodeReadableStream<Uint8Array>)
  source.on('data', (chunk: Buffer) => {
    hash.update(chunk)
    size += chunk.length
  })
  await pipeline(source, createWriteStream(file))
  return { etag: `"${hash.digest('hex')}"`, size }
}

/** Joins the parts into the object (local) or asks the bucket to; returns the object's size. */
export async function completeUpload(input: {
  key: string
  uploadId: string
  parts: { partNumber: number; etag: string }[]
}): Promise<number> {
  const parts = [...input.parts].sort((a, b) => a.partNumber - b.partNumber)
  if (storageMode() === 'local') {
    const dir = localParts(input.uploadId)
    const target = localObject(input.key)
    await mkdir(path.dirname(target), { recursive: true })
    const out = createWriteStream(target)
    for (const part of parts) {
      await pipeline(
        createReadStream(path.join(dir, String(part.partNumber).padStart(5, '0'))),
        out,
        { end: false },
      )
    }
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    )
    await rm(dir, { recursive: true, force: true })
    return (await stat(target)).size
  }
  const { client, bucket } = s3()
  await client.send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: input.key,
      UploadId: input.uploadId,
      MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
    }),
  )
  const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: input.key }))
  return Number(head.ContentLength ?? 0)
}

/** Drops an unfinished upload's parts. */
export async function abortUpload(key: string, uploadId: string): Promise<void> {
  if (storageMode() === 'local') {
    await rm(localParts(uploadId), { recursive: true, force: true })
    return
  }
  const { client, bucket } = s3()
  await client.send(
    new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }),
  )
}

/** The local parts already stored (sizes by number), for resuming on disk. */
export async function localPartSizes(uploadId: string): Promise<Map<number, number>> {
  const dir = localParts(uploadId)
  const names = await readdir(dir).catch(() => [] as string[])
  const sizes = new Map<number, number>()
  for (const name of names) sizes.set(Number(name), (await stat(path.join(dir, name))).size)
  return sizes
}

/** Puts a whole small object (seed data, tests). */
export async function putObject(key: string, body: Buffer, contentType: string): Promise<void> {
  if (storageMode() === 'local') {
    const target = localObject(key)
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, body)
    return
  }
  const { client, bucket } = s3()
  const { PutObjectCommand } = await import('@aws-sdk/client-s3')
  await client.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
  )
}

/** The object's bytes as a stream (the scan reads it whole, once). */
export async function readObject(key: string): Promise<Readable> {
  if (storageMode() === 'local') return createReadStream(localObject(key))
  const { client, bucket } = s3()
  const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
  return out.Body as Readable
}

/** The local object's path (the signed download route streams it). */
export const localObjectPath = localObject

export async function deleteObject(key: string): Promise<void> {
  if (storageMode() === 'local') {
    await rm(localObject(key), { force: true })
    return
  }
  const { client, bucket } = s3()
  await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
}

/** A short-lived URL that downloads the file under its own name. */
export async function downloadUrl(input: {
  fileId: number
  key: string
  filename: string
  contentType: string
}): Promise<string> {
  if (storageMode() === 'local') {
    return signPortalUrl(
      `/api/model-files/${input.fileId}/content`,
      downloadPurpose(input.fileId, input.key),
    )
  }
  const { client, bucket } = s3()
  return getSignedUrl(
    client,
    new GetObjectCommand({
      Bucket: bucket,
      Key: input.key,
      ResponseContentDisposition: contentDisposition(input.filename),
      ResponseContentType: input.contentType,
    }),
    { expiresIn: SIGNED_URL_SECONDS },
  )
}

/** `attachment; filename="…"` with an RFC 5987 form for names beyond ASCII. */
export const contentDisposition = (filename: string) =>
  `attachment; filename="${filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`
