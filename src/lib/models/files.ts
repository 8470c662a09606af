import { createHash } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import { managesModel } from '@/access/modelAccess'
import { hasRole } from '@/access/roles'
import type { ModelFile, ModelVersion } from '@/payload-types'

import { personId } from '../accounts'
import { db, type Queryable } from '../db'
import type { Plan } from '../plans'
import { enqueueInTransaction } from '../queue'
import { relationId } from '../relationId'
import { inTransaction } from '../transactions'
import { refuse } from './http'
import {
  extensionOf,
  FILE_TYPES,
  MAX_FILE_BYTES,
  MAX_PARTS,
  PART_BYTES,
  type FileKind,
} from './constants'
import * as storage from './storage'

type Upload = { uploadId: string; parts: { partNumber: number; etag: string; size?: number }[] }

export type UploadState = {
  file: { id: number; filename: string; size: number; uploadStatus: string }
  mode: storage.StorageMode
  partSize: number
  partCount: number
  parts: { partNumber: number; etag: string }[]
}

/** The plan of the account that owns a model: the organization's, or the owner's. */
export async function modelPlan(req: PayloadRequest, modelId: number): Promise<Plan> {
  const model = await req.payload.findByID({
    collection: 'ml-models',
    id: modelId,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const account = model.organization
    ? await req.payload.findByID({
        collection: 'organizations',
        id: relationId(model.organization),
        depth: 0,
        overrideAccess: true,
        req,
      })
    : await req.payload.findByID({
        collection: 'users',
        id: relationId(model.owner),
        depth: 0,
        overrideAccess: true,
        req,
      })
  return ((account as { plan?: Plan | null }).plan ?? 'free') as Plan
}

/** A file whose upload the request may drive: one of its models, still uploading. */
async function ownUpload(req: PayloadRequest, fileId: number) {
  const file = await req.payload
    .findByID({
      collection: 'model-files',
      id: fileId,
      depth: 0,
      overrideAccess: true,
      showHiddenFields: true,
      req,
    })
    .catch(() => null)
  if (!file || !(await managesModel(req, relationId(file.model)))) {
    throw refuse(404, 'No upload of yours has this id.')
  }
  return file as unknown as ModelFile & { storageKey: string; upload: Upload | null }
}

const stateOf = (file: ModelFile & { upload: Upload | null }): UploadState => ({
  file: {
    id: file.id,
    filename: file.filename ?? '',
    size: file.size ?? 0,
    uploadStatus: file.uploadStatus ?? 'pending',
  },
  mode: storage.storageMode(),
  partSize: PART_BYTES,
  partCount: Math.max(1, Math.ceil((file.size ?? 0) / PART_BYTES)),
  parts: (file.upload?.parts ?? []).map(({ partNumber, etag }) => ({ partNumber, etag })),
})

/**
 * Starts the upload of one file into a draft version: the type must be allowed (by extension)
 * and the size within the owner's plan; the file is created pending, with a fresh object key.
 */
export async function startUpload(
  req: PayloadRequest,
  input: { version: number; filename: string; kind: FileKind; size: number },
): Promise<UploadState> {
  const version = (await req.payload
    .findByID({
      collection: 'model-versions',
      id: input.version,
      depth: 0,
      overrideAccess: true,
      req,
    })
    .catch(() => null)) as ModelVersion | null
  const modelId = version ? Number(relationId(version.model)) : 0
  if (!version || !(await managesModel(req, modelId))) {
    throw refuse(404, 'No version of yours has this id.', 'version')
  }
  if (version.status !== 'draft') {
    throw refuse(
      409,
      `Version ${version.label} is ${version.status}: upload to a new version.`,
      'version',
    )
  }
  const extension = extensionOf(input.filename)
  const type = FILE_TYPES[extension]
  if (!type) {
    throw refuse(
      422,
      `Files ending ${extension || 'without an extension'} are not accepted. Allowed: ${Object.keys(FILE_TYPES).join(', ')}.`,
      'filename',
    )
  }
  const plan = await modelPlan(req, modelId)
  if (input.size > MAX_FILE_BYTES[plan]) {
    throw refuse(
      413,
      `The ${plan} plan takes files up to ${MAX_FILE_BYTES[plan] / 1024 ** 3} GB.`,
      'size',
    )
  }
  if (Math.ceil(input.size / PART_BYTES) > MAX_PARTS)
    throw refuse(413, 'The file is too large.', 'size')
  const { totalDocs } = await req.payload.count({
    collection: 'model-files',
    where: { and: [{ version: { equals: version.id } }, { filename: { equals: input.filename } }] },
    overrideAccess: true,
    req,
  })
  if (totalDocs > 0) {
    throw refuse(
      409,
      `Version ${version.label} already has a file named ${input.filename}.`,
      'filename',
    )
  }
  const storageKey = storage.newStorageKey(modelId, input.filename)
  const uploadId = await storage.createUpload(storageKey, type.contentType)
  const file = await req.payload.create({
    collection: 'model-files',
    data: {
      model: modelId,
      version: version.id,
      filename: input.filename,
      kind: input.kind,
      contentType: type.contentType,
      size: input.size,
      uploadStatus: 'pending',
      scanStatus: 'pending',
      storage: storage.storageMode(),
      storageKey,
      upload: { uploadId, parts: [] },
    } as never,
    overrideAccess: true,
    req,
  })
  return stateOf(file as ModelFile & { upload: Upload })
}

/** Where an upload stands (to resume it): the parts already stored. */
export async function uploadState(req: PayloadRequest, fileId: number): Promise<UploadState> {
  return stateOf(await ownUpload(req, fileId))
}

/** Short-lived URLs to PUT the given parts to (the bucket's, or the portal's on local disk). */
export async function partUrls(
  req: PayloadRequest,
  fileId: number,
  partNumbers: number[],
): Promise<{ partNumber: number; url: string }[]> {
  const file = await ownUpload(req, fileId)
  if (file.uploadStatus !== 'pending' || !file.upload) throw refuse(409, 'This upload is complete.')
  const { partCount: count, partSize } = stateOf(file)
  const size = file.size ?? 0
  const bad = partNumbers.find((n) => n < 1 || n > count)
  if (bad !== undefined) throw refuse(400, `Part ${bad} is outside 1–${count}.`, 'parts')
  return Promise.all(
    partNumbers.map(async (partNumber) => ({
      partNumber,
      url: await storage.partUrl({
        fileId,
        key: file.storageKey,
        uploadId: file.upload!.uploadId,
        partNumber,
        contentLength: partNumber < count ? partSize : size - (count - 1) * partSize,
      }),
    })),
  )
}

/**
 * Records a stored part (its ETag), so a later visit can resume: the bucket answers the ETag to
 * the client, who reports it; the local part route records its own. Row-locked, so parts
 * reported at once do not overwrite each other.
 */
export async function recordPart(
  req: PayloadRequest,
  fileId: number,
  part: { partNumber: number; etag: string; size?: number },
): Promise<void> {
  await inTransaction(req, async () => {
    const sql = await db(req)
    await sql.query('SELECT 1 FROM model_files WHERE id = $1 FOR UPDATE', [fileId])
    const file = await ownUpload(req, fileId)
    if (file.uploadStatus !== 'pending' || !file.upload)
      throw refuse(409, 'This upload is complete.')
    const parts = file.upload.parts.filter((p) => p.partNumber !== part.partNumber)
    parts.push(part)
    parts.sort((a, b) => a.partNumber - b.partNumber)
    await req.payload.update({
      collection: 'model-files',
      id: fileId,
      data: { upload: { uploadId: (file.upload as Upload).uploadId, parts } } as never,
      overrideAccess: true,
      req,
    })
  })
}

/**
 * Finishes an upload: every part present, the object assembled, its size what was announced;
 * then the file waits for its scan (enqueued in the same transaction as the state change).
 */
export async function completeUpload(req: PayloadRequest, fileId: number): Promise<UploadState> {
  // Row-locked: a second "complete" (a double click, a retry) waits, then finds it done.
  type Outcome = { state: UploadState } | { mismatch: number; announced: number; key: string }
  const result = await inTransaction(req, async (): Promise<Outcome> => {
    const sql = await db(req)
    await sql.query('SELECT 1 FROM model_files WHERE id = $1 FOR UPDATE', [fileId])
    const file = await ownUpload(req, fileId)
    if (file.uploadStatus !== 'pending' || !file.upload) return { state: stateOf(file) }
    const state = stateOf(file)
    const have = new Set(file.upload.parts.map((p) => p.partNumber))
    const missing = Array.from({ length: state.partCount }, (_, i) => i + 1).filter(
      (n) => !have.has(n),
    )
    if (missing.length) {
      throw refuse(
        409,
        `Parts missing: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ' …' : ''}.`,
        'parts',
      )
    }
    const size = await storage.completeUpload({
      key: file.storageKey,
      uploadId: file.upload.uploadId,
      parts: file.upload.parts,
    })
    if (size !== file.size)
      return { mismatch: size, announced: file.size ?? 0, key: file.storageKey }
    const doc = await req.payload.update({
      collection: 'model-files',
      id: fileId,
      data: { uploadStatus: 'uploaded', upload: null } as never,
      overrideAccess: true,
      req,
    })
    await enqueueInTransaction(req, 'model__scan', { fileId })
    return { state: stateOf(doc as ModelFile & { upload: Upload | null }) }
  })
  if (!('mismatch' in result)) return result.state
  await storage.deleteObject(result.key)
  await req.payload.delete({ collection: 'model-files', id: fileId, overrideAccess: true, req })
  throw refuse(
    422,
    `The upload is ${result.mismatch} bytes, not the ${result.announced} announced: start again.`,
    'size',
  )
}

/** Cancels an unfinished upload: its parts and the pending file go. */
export async function abortUpload(req: PayloadRequest, fileId: number): Promise<void> {
  const file = await ownUpload(req, fileId)
  if (file.uploadStatus !== 'pending')
    throw refuse(409, 'This upload is complete: delete the file instead.')
  if (file.upload) await storage.abortUpload(file.storageKey, file.upload.uploadId)
  await req.payload.delete({ collection: 'model-files', id: fileId, overrideAccess: true, req })
}

/**
 * Whether a file's bytes are held back, decided by the stored object, not the row: every row
 * sharing the object (the original upload and its forks' references) must be clean or approved,
 * and none rejected — so staff's review of the original reaches every fork. `origin` is the
 * model of the first row (the upload): only its managers, not a forker, may fetch held bytes.
 */
export async function storedObjectHold(
  req: PayloadRequest,
  storageKey: string,
): Promise<{ isHeld: boolean; status: string; originModel: number | null }> {
  const sql = await db(req)
  const { rows } = await sql.query<{ held: boolean; status: string; origin: number | null }>(
    `SELECT bool_or(review = 'rejected'
                    OR (scan_status IS DISTINCT FROM 'clean' AND review IS DISTINCT FROM 'approved'))
              AS held,
            (array_agg(scan_status ORDER BY id))[1] AS status,
            (array_agg(model_id ORDER BY id))[1] AS origin
       FROM model_files WHERE storage_key = $1`,
    [storageKey],
  )
  return {
    isHeld: rows[0]?.held ?? true,
    status: rows[0]?.status ?? 'pending',
    originModel: rows[0]?.origin ?? null,
  }
}

/**
 * Whether the request may fetch a file's bytes, and the file. It must be readable (the model's
 * and version's access rules); uploaded; and if the scan flagged it (or could not finish) and no
 * review approved it — or its scan has not finished — only the managers of the model it was
 * uploaded to and staff get it (storedObjectHold).
 */
export async function fileForDownload(req: PayloadRequest, fileId: number) {
  const found = await req.payload.find({
    collection: 'model-files',
    where: { id: { equals: fileId } },
    depth: 0,
    limit: 1,
    overrideAccess: false,
    req,
  })
  const file = found.docs[0]
  if (!file) throw refuse(404, 'No file you can see has this id.')
  if (file.uploadStatus !== 'uploaded') throw refuse(409, 'This file is still uploading.')
  const internal = (await req.payload.findByID({
    collection: 'model-files',
    id: file.id,
    depth: 0,
    overrideAccess: true,
    showHiddenFields: true,
    req,
  })) as ModelFile & { storageKey: string }
  const hold = await storedObjectHold(req, internal.storageKey)
  if (
    hold.isHeld &&
    !hasRole(req.user, 'staff') &&
    !(hold.originModel !== null && (await managesModel(req, hold.originModel)))
  ) {
    throw refuse(
      403,
      hold.status === 'pending'
        ? 'This file is waiting for its safety scan.'
        : hold.status === 'error'
          ? 'The safety scan could not finish on this file: only its owners and staff can download it until it is reviewed.'
          : hold.status === 'clean'
            ? 'Staff have held this file back: only its owners and staff can download it.'
            : 'The safety scan flagged this file: only its owners and staff can download it until it is reviewed.',
    )
  }
  return internal
}

/** Who a download counts for: the person, an organization's key, or the client address. */
export function downloadSubject(req: PayloadRequest, ip: string | null): string {
  const person = personId(req.user)
  if (person) return `u${person}`
  const org = (req.user as { apiKey?: { organizationId: number | null } } | null)?.apiKey
    ?.organizationId
  if (org) return `o${org}`
  // Addresses are not kept: a hash names the visitor for the day's count.
  return `ip:${createHash('sha256')
    .update(`model-downloads:${ip ?? 'unknown'}`)
    .digest('hex')
    .slice(0, 32)}`
}

/** How long an upload may stay unfinished before the hourly sweep aborts it. */
export const ABANDONED_UPLOAD_HOURS = 24

/**
 * Aborts uploads nobody finished within ABANDONED_UPLOAD_HOURS: the multipart upload (its parts
 * in the bucket, or on disk) is aborted and the pending file row deleted. Returns how many.
 */
export async function abortAbandonedUploads(
  sql: Queryable,
  hours = ABANDONED_UPLOAD_HOURS,
): Promise<number> {
  const { rows } = await sql.query<{
    id: number
    storage_key: string
    upload: { uploadId?: string } | null
  }>(
    `SELECT id, storage_key, upload FROM model_files
      WHERE upload_status = 'pending' AND created_at < now() - make_interval(hours => $1)
      ORDER BY id LIMIT 500`,
    [hours],
  )
  let aborted = 0
  for (const row of rows) {
    if (row.upload?.uploadId) {
      const failed = await storage
        .abortUpload(row.storage_key, row.upload.uploadId)
        .then(() => null)
        .catch((error: { name?: string }) => error)
      // Already gone from the bucket (NoSuchUpload), or a server that cannot abort (s3rver, in
      // tests: its lifecycle must clean up): the row goes. Anything else is tried next hour.
      if (
        failed &&
        !['NoSuchUpload', 'MethodNotAllowed', 'NotImplemented'].includes(failed.name ?? '')
      ) {
        continue
      }
    }
    const { rowCount } = await sql.query(
      `DELETE FROM model_files WHERE id = $1 AND upload_status = 'pending'`,
      [row.id],
    )
    aborted += rowCount ?? 0
  }
  return aborted
}
