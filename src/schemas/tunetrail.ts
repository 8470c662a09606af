import { z } from 'zod'

/**
 * The TuneTrail API that portal keys are scoped for (served by TuneTrail's own services, not
 * this portal), as the docs pages describe it. The OpenAPI document's /v1 operations are built
 * from these (src/lib/api/openapi/tunetrail.ts).
 */
const id = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[a-z0-9]+$`), `must look like ${prefix}_…`)

export const trackId = id('trk')

export const audioFeatures = z.object({
  tempo: z.number().describe('Beats per minute.'),
  key: z.string().describe('For example "A minor".'),
  loudness_db: z.number().optional(),
  energy: z.number().min(0).max(1),
  danceability: z.number().min(0).max(1).optional(),
  valence: z.number().min(0).max(1).optional(),
})

export const track = z.object({
  id: trackId,
  title: z.string(),
  artist: z.string(),
  album: z.string().nullable(),
  isrc: z.string().nullable(),
  duration_ms: z.number().int().nullable(),
  genres: z.array(z.string()),
  features: audioFeatures.nullable().describe('Filled in once the audio has been analysed.'),
  created_at: z.iso.datetime(),
})

export const trackCreate = z.object({
  title: z.string().min(1).max(300),
  artist: z.string().min(1).max(300),
  album: z.string().max(300).optional(),
  isrc: z
    .string()
    .regex(/^[A-Z]{2}[A-Z0-9]{3}\d{7}$/, 'isrc must be 12 characters, such as USRC17607839.')
    .optional(),
  genres: z.array(z.string().max(50)).max(10).optional(),
  audio_url: z.url().optional().describe('HTTPS audio to analyse at once (MP3, WAV, FLAC, OGG).'),
})

export const trackUpdate = trackCreate.omit({ audio_url: true }).partial()

export const trackPage = z.object({
  data: z.array(track),
  next_cursor: z.string().nullable(),
})

export const similarTracks = z.object({
  seed: trackId,
  model: z.string(),
  data: z.array(
    z.object({
      track: track.pick({ id: true, title: true, artist: true }),
      score: z.number().min(0).max(1),
    }),
  ),
})

export const recommendationsRequest = z.object({
  seed_tracks: z.array(trackId).min(1).max(50),
  exclude: z.array(trackId).max(500).optional(),
  limit: z.number().int().min(1).max(100).default(20),
  user: z.string().max(200).optional().describe('Your own listener id; never shared.'),
})

export const recommendations = similarTracks.omit({ seed: true })

export const ANALYSES = ['features', 'embedding', 'stems'] as const

export const audioJobRequest = z
  .object({
    audio_url: z.url().optional(),
    track_id: trackId.optional(),
    analyses: z.array(z.enum(ANALYSES)).min(1),
  })
  .refine((job) => Boolean(job.audio_url) !== Boolean(job.track_id), {
    message: 'Send either audio_url or track_id.',
    path: ['audio_url'],
  })

export const audioJob = z.object({
  id: id('aud'),
  status: z.enum(['queued', 'processing', 'succeeded', 'failed']),
  track_id: trackId.nullable(),
  analyses: z.array(z.enum(ANALYSES)),
  result: z
    .object({
      features: audioFeatures.optional(),
      embedding: z
        .object({ model: z.string(), dimensions: z.number().int(), url: z.url() })
        .optional(),
      stems: z.record(z.string(), z.url()).optional(),
    })
    .nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable().optional(),
  created_at: z.iso.datetime(),
  finished_at: z.iso.datetime().nullable(),
})

export const MODEL_TASKS = ['embedding', 'tagging', 'genre-classification', 'separation'] as const

export const model = z.object({
  id: z.string().describe('For example tt-embed-2, or your fine-tuned model’s id.'),
  name: z.string(),
  task: z.enum(MODEL_TASKS),
  version: z.string(),
  owner: z.enum(['tunetrail', 'you']),
  created_at: z.iso.datetime(),
})

export const modelList = z.object({ data: z.array(model) })

export const trainingRunRequest = z.object({
  base_model: z.string().min(1),
  name: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'name must be lowercase words joined by hyphens.'),
  sessions: z.string().describe('JSON Lines of listening sessions (multipart file).'),
})

export const trainingRun = z.object({
  id: id('run'),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  base_model: z.string(),
  name: z.string(),
  model: z.string().nullable().describe('The new model’s id once the run succeeded.'),
  metrics: z.record(z.string(), z.number()).nullable(),
  created_at: z.iso.datetime(),
  finished_at: z.iso.datetime().nullable(),
})
