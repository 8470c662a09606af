import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'

import type { Payload } from 'payload'

import { errorJson } from '../api/errors'
import { db } from '../db'
import { PART_BYTES } from './constants'
import {
  contentDisposition,
  downloadPurpose,
  localObjectPath,
  partPurpose,
  storageMode,
  verifyPortalUrl,
  writeLocalPart,
} from './storage'

type Row = {
  id: number
  filename: string
  size: number
  content_type: string
  storage_key: string
  upload_status: string
  upload: { uploadId: string; parts: { partNumber: number; etag: string; size?: number }[] } | null
}

const MAX_ID = 2_147_483_647
const parseId = (text: string | undefined) =>
  text && /^\d{1,10}$/.test(text) && Number(text) > 0 && Number(text) <= MAX_ID
    ? Number(text)
    : null

async function fileRow(payload: Payload, id: number): Promise<Row | null> {
  const sql = await db({ payload })
  const { rows } = await sql.query<Row>(
    `SELECT id, filename, size, content_type, storage_key, upload_status, upload
       FROM model_files WHERE id = $1`,
    [id],
  )
  return rows[0] ?? null
}

/**
 * PUT /api/model-files/:id/parts/:part — local disk's stand-in for a presigned UploadPart URL:
 * the signature in the URL is the authorisation (it names the file, its upload and the part,
 * and expires in 5 minutes). The part must have exactly the size the upload expects there.
 */
export async function putLocalPart(payload: Payload, request: Request): Promise<Response> {
  const match = /\/api\/model-files\/([^/]+)\/parts\/([^/]+)$/.exec(new URL(request.url).pathname)
  const id = parseId(match?.[1])
  const part = parseId(match?.[2])
  if (storageMode() !== 'local' || !id || !part) return errorJson(404, 'Not found.')
  const file = await fileRow(payload, id)
  if (!file?.upload || file.upload_status !== 'pending') {
    return errorJson(404, 'No upload is waiting for this part.')
  }
  if (!verifyPortalUrl(new URL(request.url), partPurpose(id, file.upload.uploadId, part))) {
    return errorJson(403, 'This part URL is not valid or has expired: ask for a new one.')
  }
  const count = Math.max(1, Math.ceil(file.size / PART_BYTES))
  if (part > count) return errorJson(400, `Part ${part} is outside 1–${count}.`, { field: 'part' })
  const expected = part < count ? PART_BYTES : file.size - (count - 1) * PART_BYTES
  const declared = Number(request.headers.get('content-length') ?? NaN)
  if (Number.isFinite(declared) && declared !== expected) {
    return errorJson(400, `Part ${part} must be ${expected} bytes, not ${declared}.`, {
      field: 'body',
    })
  }
  if (!request.body) return errorJson(400, 'The part has no body.', { field: 'body' })
  const stored = await writeLocalPart(file.upload.uploadId, part, request.body)
  if (stored.size !== expected) {
    return errorJson(400, `Part ${part} must be ${expected} bytes, not ${stored.size}.`, {
      field: 'body',
    })
  }
  // Recorded at once (row-locked), so a resumed upload knows this part is there.
  const sql = await db({ payload })
  await sql.query(
    `UPDATE model_files SET upload = jsonb_set(upload, '{parts}',
        (SELECT coalesce(jsonb_agg(p ORDER BY (p->>'partNumber')::int), '[]'::jsonb)
           FROM (SELECT p FROM jsonb_array_elements(upload->'parts') p
                  WHERE (p->>'partNumber')::int <> $2
                 UNION ALL SELECT jsonb_build_object('partNumber', $2::int, 'etag', $3::text, 'size', $4::int)) AS s(p))),
        updated_at = now()
      WHERE id = $1 AND upload_status = 'pending'`,
    [id, part, stored.etag, stored.size],
  )
  return Response.json(
    { partNumber: part, etag: stored.etag },
    { headers: { ETag: stored.etag, 'Access-Control-Expose-Headers': 'ETag' } },
  )
}

/**
 * GET /api/model-files/:id/content — local disk's stand-in for a presigned GetObject URL: the
 * download route checked access and counted; the signature says so, for 5 minutes.
 */
export async function getLocalContent(payload: Payload, request: Request): Promise<Response> {
  const match = /\/api\/model-files\/([^/]+)\/content$/.exec(new URL(request.url).pathname)
  const id = parseId(match?.[1])
  if (storageMode() !== 'local' || !id) return errorJson(404, 'Not found.')
  const file = await fileRow(payload, id)
  if (!file || file.upload_status !== 'uploaded') return errorJson(404, 'Not found.')
  if (!verifyPortalUrl(new URL(request.url), downloadPurpose(id, file.storage_key))) {
    return errorJson(403, 'This download link is not valid or has expired: download again.')
  }
  const path = localObjectPath(file.storage_key)
  const info = await stat(path).catch(() => null)
  if (!info) return errorJson(404, 'The file’s bytes are missing.')
  return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream, {
    headers: {
      'Content-Type': file.content_type || 'application/octet-stream',
      'Content-Length': String(info.size),
      'Content-Disposition': contentDisposition(file.filename),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
