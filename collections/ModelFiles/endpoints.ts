import { z } from 'zod'

import { defineEndpoint } from '@/lib/api/endpoint'
import { errorJson } from '@/lib/api/errors'
import { countDownload } from '@/lib/models/downloads'
import {
  abortUpload,
  completeUpload,
  downloadSubject,
  fileForDownload,
  partUrls,
  recordPart,
  startUpload,
  uploadState,
} from '@/lib/models/files'
import { limitSubject, requireKeyScope } from '@/lib/models/http'
import { downloadUrl } from '@/lib/models/storage'
import { hitLimit } from '@/lib/rateLimit'
import { relationId } from '@/lib/relationId'
import { requestIp } from '@/lib/requestIp'
import {
  partUrlsSchema,
  recordPartSchema,
  startUploadSchema,
  uploadStateSchema,
} from '@/schemas/models'

const state = { description: 'The upload: its parts so far', body: uploadStateSchema }

export const fileEndpoints = [
  defineEndpoint({
    path: '/uploads',
    method: 'post',
    summary: 'Start uploading a model file',
    description:
      'Into a draft version you manage. The type is checked by extension and the size against your plan (2 GB free). Then PUT each part (`partSize` bytes, the last shorter) to a URL from `part-urls`, report its ETag to `parts` (the local part route records its own), and `complete`.',
    caller: 'account',
    doing: 'upload model files',
    body: startUploadSchema,
    response: { status: 201, ...state },
    handler: async (req, { body }) => {
      requireKeyScope(req, 'models:write')
      const limit = await hitLimit(`model-upload:${limitSubject(req)}`, 120, 3_600_000)
      if (!limit.isAllowed) return errorJson(429, 'Too many uploads started: try again later.')
      return Response.json(await startUpload(req, body), { status: 201 })
    },
  }),
  defineEndpoint({
    path: '/:id/upload',
    method: 'get',
    summary: 'Where an upload stands (to resume it)',
    caller: 'account',
    doing: 'upload model files',
    response: state,
    handler: async (req, { id }) => {
      requireKeyScope(req, 'models:write')
      return Response.json(await uploadState(req, Number(id)))
    },
  }),
  defineEndpoint({
    path: '/:id/upload/part-urls',
    method: 'post',
    summary: 'Signed URLs to PUT parts of an upload to',
    description: 'Each lives 5 minutes. On S3 they are presigned UploadPart URLs of the bucket.',
    caller: 'account',
    doing: 'upload model files',
    body: partUrlsSchema,
    response: {
      description: 'One URL per part',
      body: z.object({
        parts: z.array(z.object({ partNumber: z.number().int(), url: z.string() })),
      }),
    },
    handler: async (req, { body, id }) => {
      requireKeyScope(req, 'models:write')
      return Response.json({ parts: await partUrls(req, Number(id), body.parts) })
    },
  }),
  defineEndpoint({
    path: '/:id/upload/parts',
    method: 'post',
    summary: 'Record a part the bucket stored (its ETag)',
    caller: 'account',
    doing: 'upload model files',
    body: recordPartSchema,
    response: state,
    handler: async (req, { body, id }) => {
      requireKeyScope(req, 'models:write')
      await recordPart(req, Number(id), body)
      return Response.json(await uploadState(req, Number(id)))
    },
  }),
  defineEndpoint({
    path: '/:id/upload/complete',
    method: 'post',
    summary: 'Complete an upload',
    description: 'Every part must be recorded; the file then waits for its safety scan.',
    caller: 'account',
    doing: 'upload model files',
    response: state,
    handler: async (req, { id }) => {
      requireKeyScope(req, 'models:write')
      return Response.json(await completeUpload(req, Number(id)))
    },
  }),
  defineEndpoint({
    path: '/:id/upload',
    method: 'delete',
    summary: 'Cancel an unfinished upload',
    caller: 'account',
    doing: 'upload model files',
    response: { description: 'Cancelled', body: z.object({ cancelled: z.literal(true) }) },
    handler: async (req, { id }) => {
      requireKeyScope(req, 'models:write')
      await abortUpload(req, Number(id))
      return Response.json({ cancelled: true })
    },
  }),
  defineEndpoint({
    path: '/:id/download',
    method: 'get',
    summary: 'Download a model file',
    description:
      'Checks that you may see the file (and, for a file the safety scan flagged, that you own the model or are staff), counts the download (once per person, or address, per model per day) and redirects (302) to a signed URL that lives 5 minutes.',
    caller: 'anyone',
    doing: 'download models',
    response: {
      description: 'Where the bytes are (with `Accept: application/json`)',
      body: z.object({ url: z.string() }),
    },
    handler: async (req, { id }) => {
      requireKeyScope(req, 'models:read')
      const ip = requestIp(req)
      const limit = await hitLimit(`model-download:${limitSubject(req, ip)}`, 600, 3_600_000)
      if (!limit.isAllowed) return errorJson(429, 'Too many downloads: try again later.')
      const file = await fileForDownload(req, Number(id))
      const model = await req.payload.findByID({
        collection: 'ml-models',
        id: relationId(file.model),
        depth: 0,
        overrideAccess: true,
        req,
      })
      const version = await req.payload.findByID({
        collection: 'model-versions',
        id: relationId(file.version),
        depth: 0,
        overrideAccess: true,
        req,
      })
      // Listening to a sample in the page's player is not a download of the model.
      if (file.kind !== 'sample-audio')
        await countDownload(req, {
          model,
          fileId: file.id,
          version: version.label,
          subject: downloadSubject(req, ip),
        })
      const url = await downloadUrl({
        fileId: file.id,
        key: file.storageKey,
        filename: file.filename ?? 'model',
        contentType: file.contentType ?? 'application/octet-stream',
      })
      if (req.headers.get('accept')?.includes('application/json')) {
        return Response.json({ url }, { headers: { 'Cache-Control': 'no-store' } })
      }
      return new Response(null, {
        status: 302,
        headers: { Location: url, 'Cache-Control': 'no-store' },
      })
    },
  }),
]
