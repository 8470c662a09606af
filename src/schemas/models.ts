import { z } from 'zod'

import {
  API_VERSIONS,
  FILE_KINDS,
  FRAMEWORKS,
  LICENSES,
  MODEL_TASKS,
  OUTPUT_KINDS,
  RUNTIMES,
  SDKS,
  SORTS,
  VISIBILITIES,
} from '@/lib/models/constants'

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

const optionalNumber = (max: number) =>
  z.preprocess(
    (value) => (value === '' || value === undefined || value === null ? undefined : value),
    z.coerce.number().min(0).max(max).optional(),
  )

/** `name, value, dataset, split` per line → metric rows. */
const metricLines = z
  .string()
  .max(5000)
  .optional()
  .default('')
  .transform((text, ctx) => {
    const rows = []
    for (const [index, line] of text.split('\n').entries()) {
      if (!line.trim()) continue
      const [name, value, dataset, split] = line.split(',').map((part) => part.trim())
      if (!name || !dataset || value === undefined || !Number.isFinite(Number(value))) {
        ctx.addIssue({
          code: 'custom',
          message: `Line ${index + 1}: write name, value, dataset (and a split), e.g. accuracy, 0.91, GTZAN, test.`,
        })
        return z.NEVER
      }
      rows.push({ name, value: Number(value), dataset, split: split || 'test' })
    }
    return rows
  })

/** The upload form's first step: the model's metadata. */
export const modelMetadataSchema = z.object({
  name: z.string().trim().min(1, 'Name the model.').max(100),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'Lower-case letters, digits and dashes.'),
  summary: z.string().trim().min(1, 'Say in a sentence what it does.').max(300),
  card: z.string().max(50_000).optional().default(''),
  task: z.enum(MODEL_TASKS, 'Choose a task.'),
  framework: z.enum(FRAMEWORKS, 'Choose a framework.'),
  license: z.enum(LICENSES, 'Choose a license.'),
  visibility: z.enum(VISIBILITIES),
  organization: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number().int().positive().optional(),
  ),
  tags: z
    .string()
    .max(500)
    .optional()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean)
        .slice(0, 20)
        .map((tag) => ({ tag })),
    ),
  sampleRate: optionalNumber(384_000),
  channels: optionalNumber(64),
  inputSeconds: optionalNumber(86_400),
  trainingDataset: z.string().trim().max(120).optional().default(''),
  trainingHours: optionalNumber(100_000),
  hardware: z.string().trim().max(120).optional().default(''),
  epochs: optionalNumber(100_000),
  metrics: metricLines,
})

/** A comma-separated list of known values (`v1, v2`): anything else is named in the error. */
const knownList = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .max(200)
    .optional()
    .default('')
    .transform((text, ctx) => {
      const picked = [
        ...new Set(
          text
            .split(',')
            .map((part) => part.trim().toLowerCase())
            .filter(Boolean),
        ),
      ]
      const unknown = picked.filter((value) => !values.includes(value as T))
      if (unknown.length) {
        ctx.addIssue({
          code: 'custom',
          message: `Unknown: ${unknown.join(', ')}. Choose from ${values.join(', ')}.`,
        })
        return z.NEVER
      }
      return picked as T[]
    })

/**
 * Editing a model's details (/models/<owner>/<slug>/edit): what the upload form asks, less the
 * slug and owner (the model's address stays), plus its output kind and compatibility.
 */
export const modelEditSchema = modelMetadataSchema.omit({ slug: true, organization: true }).extend({
  model: id.or(z.coerce.number().int().positive().max(2_147_483_647)),
  outputKind: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.enum(OUTPUT_KINDS, 'Choose an output kind.').optional(),
  ),
  apiVersions: knownList(API_VERSIONS),
  sdks: knownList(SDKS),
  runtimes: knownList(RUNTIMES),
})

export const deleteModelSchema = z.object({
  model: z.coerce.number().int().positive().max(2_147_483_647),
})

export const newVersionSchema = z.object({
  model: z.coerce.number().int().positive(),
  label: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'Like 1.2.0: letters, digits, dots, dashes.'),
  changelog: z.string().trim().max(10_000).optional().default(''),
})
