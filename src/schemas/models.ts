import { z } from 'zod'

import { FILE_KINDS, MODEL_TASKS, SORTS } from '@/lib/models/constants'

const id = z.number().int().positive().max(2_147_483_647)

export const startUploadSchema = z.object({
  version: id,
  filename: z
    .string()
    .min(1)
    .max(200)
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._ -]*$/,
      'letters, digits, dots, dashes, underscores and spaces',
    ),
  kind: z.enum(FILE_KINDS).default('weights'),
  size: z.number().int().positive(),
})

export const partUrlsSchema = z.object({
  parts: z.array(z.number().int().positive().max(10_000)).min(1).max(100),
})

export const recordPartSchema = z.object({
  partNumber: z.number().int().positive().max(10_000),
  etag: z.string().min(1).max(200),
})

export const forkSchema = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'lower-case letters, digits and dashes')
    .optional(),
  name: z.string().min(1).max(100).optional(),
  organization: id.optional(),
})

export const uploadStateSchema = z.object({
  file: z.object({
    id: z.number().int(),
    filename: z.string(),
    size: z.number().int(),
    uploadStatus: z.enum(['pending', 'uploaded']),
  }),
  mode: z.enum(['s3', 'local']),
  partSize: z.number().int(),
  partCount: z.number().int(),
  parts: z.array(z.object({ partNumber: z.number().int(), etag: z.string() })),
})

/** The browse page's query string: every filter is in the URL, so a view can be shared. */
export const browseQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  task: z.enum(MODEL_TASKS).optional().catch(undefined),
  framework: z.string().max(40).optional().catch(undefined),
  license: z.string().max(40).optional().catch(undefined),
  tag: z.string().max(40).optional().catch(undefined),
  owner: z.string().max(48).optional().catch(undefined),
  sampleRate: z.coerce.number().int().positive().max(384_000).optional().catch(undefined),
  metric: z.string().max(40).optional().catch(undefined),
  dataset: z.string().max(80).optional().catch(undefined),
  min: z.coerce.number().min(-1e9).max(1e9).optional().catch(undefined),
  sort: z.enum(SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
})
export type BrowseQuery = z.infer<typeof browseQuerySchema>
