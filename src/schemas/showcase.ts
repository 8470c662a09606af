import { z } from 'zod'

import { parseRepo, safeLink, SHOWCASE_LIMITS, SORTS, videoEmbed } from '@/lib/showcase/constants'

const slugParam = z
  .string()
  .max(64)
  .regex(/^[a-z0-9-]+$/)
  .optional()
  .catch(undefined)

/** The showcase page's query string: anything malformed reads as "no filter". */
export const showcaseQuerySchema = z.object({
  // A NUL byte is refused by Postgres: such a search reads as none.
  q: z
    .string()
    .trim()
    .max(100)
    .refine((value) => !value.includes('\0'))
    .optional()
    .catch(undefined),
  tech: slugParam,
  use: slugParam,
  model: z
    .string()
    .max(120)
    .regex(/^[a-z0-9-]+\/[a-z0-9-]+$/)
    .optional()
    .catch(undefined),
  sort: z.enum(SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
})
export type ShowcaseQuery = z.infer<typeof showcaseQuerySchema>

const id = z.coerce.number().int().positive()
const optionalId = z.preprocess((v) => (v === '' || v === undefined ? undefined : v), id.optional())
const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`)

const optionalLink = (max: number, check: (value: string) => unknown, message: string) =>
  z
    .string()
    .max(max, `At most ${max} characters.`)
    .nullable()
    .refine((value) => !value || Boolean(check(value)), message)
const storyText = z.string().max(20_000, 'At most 20000 characters.').nullable().optional()

/**
 * The public content of a published project as a maker's edit proposes it (held for review in
 * `pendingRevision`, which the collection's own field rules do not check): the same limits.
 */
export const projectContentSchema = z
  .object({
    title: z.string().trim().min(1, 'Give it a name.').max(80, 'At most 80 characters.'),
    tagline: z
      .string()
      .trim()
      .min(1, 'Say what it is in one line.')
      .max(80, 'At most 80 characters.'),
    story: z.object({
      whatItDoes: storyText,
      howBuilt: storyText,
      challenges: storyText,
      whatsNext: storyText,
    }),
    screenshots: z
      .array(
        z.object({
          image: id,
          alt: z
            .string()
            .trim()
            .min(1, 'Describe what the screenshot shows.')
            .max(200, 'At most 200 characters.'),
        }),
      )
      .min(1, 'Keep at least one screenshot.')
      .max(
        SHOWCASE_LIMITS.maxScreenshots,
        `At most ${SHOWCASE_LIMITS.maxScreenshots} screenshots.`,
      ),
    demoVideo: optionalLink(300, videoEmbed, 'Demo video must be a YouTube, Vimeo or Loom link.'),
    demoUrl: optionalLink(500, safeLink, 'Demo link must be an http(s) URL.'),
    repository: optionalLink(200, parseRepo, 'Repository must be a GitHub owner/name or its URL.'),
    tags: z
      .array(
        z.object({
          tag: z.string().trim().min(1, 'Name the tag.').max(30, 'At most 30 characters.'),
        }),
      )
      .max(10, 'At most 10 tags.'),
    models: z.array(id).max(10, 'Pick at most 10.'),
    techStack: z.array(id).max(12, 'Pick at most 12.'),
    useCases: z.array(id).max(6, 'Pick at most 6.'),
  })
  .partial()

/** Submit step 1. */
export const basicsSchema = z.object({
  project: optionalId,
  title: text(80).min(1, 'Give it a name.'),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'Lower-case letters, digits and dashes.'),
  tagline: text(80).min(1, 'Say what it is in one line.'),
  demoUrl: text(500).optional().default(''),
  demoVideo: text(300).optional().default(''),
  repository: text(200).optional().default(''),
})

/** Submit step 2. */
export const storySchema = z.object({
  project: id,
  whatItDoes: text(20_000).optional().default(''),
  howBuilt: text(20_000).optional().default(''),
  challenges: text(20_000).optional().default(''),
  whatsNext: text(20_000).optional().default(''),
})

/** Submit step 3 (the file is checked by the media collection). */
export const screenshotSchema = z.object({
  project: id,
  alt: text(200).optional(),
  remove: z.string().max(40).optional(),
  file: z.unknown(),
})

const ids = z.array(id).max(12, 'Pick at most 12.')

/** Submit step 4. */
export const detailsSchema = z.object({
  project: id,
  techStack: ids,
  useCases: ids,
  models: ids,
  tags: z
    .string()
    .max(400)
    .optional()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean)
        .slice(0, 10),
    ),
  makers: z
    .string()
    .max(400)
    .optional()
    .default('')
    .transform((value) =>
      [
        ...new Set(
          value
            .split(',')
            .map((t) => t.trim().replace(/^@/, ''))
            .filter(Boolean),
        ),
      ].slice(0, 9),
    ),
  usageKey: optionalId,
  showUsageCounts: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
})
