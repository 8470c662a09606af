import { tunetrailApiUrl } from '@/lib/defaults'
import {
  audioJob,
  audioJobRequest,
  model,
  modelList,
  recommendations,
  recommendationsRequest,
  similarTracks,
  track,
  trackCreate,
  trackPage,
  trackUpdate,
  trainingRun,
  trainingRunRequest,
} from '@/schemas/tunetrail'

import type { Scope } from '../../keys/scopes'
import { errorResponses, fromZod, jsonBody, ok, operationId, type Json } from './shared'

/**
 * The TuneTrail API surface portal keys are scoped for. TuneTrail's services serve it (at
 * TUNETRAIL_API_URL), not this portal: each operation names that server, and is marked
 * `x-tunetrail-api` so that tools acting on this portal (the fuzz test, the playground's send)
 * know it is elsewhere. Bodies and answers come from src/schemas/tunetrail.ts.
 */
type TuneTrailOperation = {
  tag: string
  scope: Scope
  summary: string
  description?: string
  parameters?: Json[]
  requestBody?: Json
  success: [status: number, description: string, schema?: Json]
}

const path = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
})
const query = (name: string, schema: Json, description?: string) => ({
  name,
  in: 'query',
  schema,
  ...(description ? { description } : {}),
})

const TRACK_ID = path('id', 'A track id (trk_…).')

const OPERATIONS: Record<string, TuneTrailOperation> = {
  'get /v1/tracks': {
    tag: 'TuneTrail: Tracks',
    scope: 'tracks:read',
    summary: 'List tracks',
    description: 'Newest first; pass the previous answer’s `next_cursor` as `cursor`.',
    parameters: [
      query('limit', { type: 'integer', minimum: 1, maximum: 100, default: 20 }),
      query('cursor', { type: 'string' }),
      query('artist', { type: 'string' }),
      query('genre', { type: 'string' }),
      query('q', { type: 'string' }, 'Search in titles and artists.'),
    ],
    success: [200, 'A page of tracks', fromZod(trackPage)],
  },
  'post /v1/tracks': {
    tag: 'TuneTrail: Tracks',
    scope: 'tracks:write',
    summary: 'Create a track',
    requestBody: jsonBody(fromZod(trackCreate)),
    success: [201, 'The track', fromZod(track)],
  },
  'get /v1/tracks/{id}': {
    tag: 'TuneTrail: Tracks',
    scope: 'tracks:read',
    summary: 'Read a track',
    parameters: [TRACK_ID],
    success: [200, 'The track', fromZod(track)],
  },
  'patch /v1/tracks/{id}': {
    tag: 'TuneTrail: Tracks',
    scope: 'tracks:write',
    summary: 'Update a track',
    description: 'Omitted fields stay as they are.',
    parameters: [TRACK_ID],
    requestBody: jsonBody(fromZod(trackUpdate)),
    success: [200, 'The track', fromZod(track)],
  },
  'delete /v1/tracks/{id}': {
    tag: 'TuneTrail: Tracks',
    scope: 'tracks:write',
    summary: 'Delete a track',
    description: 'It leaves recommendations within a minute.',
    parameters: [TRACK_ID],
    success: [204, 'Deleted'],
  },
  'get /v1/tracks/{id}/similar': {
    tag: 'TuneTrail: Recommendations',
    scope: 'recommendations:read',
    summary: 'Tracks that sound like this one',
    parameters: [
      TRACK_ID,
      query('limit', { type: 'integer', minimum: 1, maximum: 50, default: 10 }),
      query('genre', { type: 'string' }),
      query('min_tempo', { type: 'number' }),
      query('max_tempo', { type: 'number' }),
      query('min_energy', { type: 'number', minimum: 0, maximum: 1 }),
      query('max_energy', { type: 'number', minimum: 0, maximum: 1 }),
    ],
    success: [200, 'Ranked by score', fromZod(similarTracks)],
  },
  'post /v1/recommendations': {
    tag: 'TuneTrail: Recommendations',
    scope: 'recommendations:read',
    summary: 'Recommendations for a listener',
    requestBody: jsonBody(fromZod(recommendationsRequest)),
    success: [200, 'Ranked tracks', fromZod(recommendations)],
  },
  'post /v1/audio/jobs': {
    tag: 'TuneTrail: Audio processing',
    scope: 'audio:process',
    summary: 'Submit audio for analysis',
    description:
      'Either `audio_url` or `track_id`. Send an `Idempotency-Key` header to make retries safe. Completion also arrives as the `audio.processing_completed` webhook.',
    parameters: [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } }],
    requestBody: jsonBody(fromZod(audioJobRequest)),
    success: [202, 'The queued job', fromZod(audioJob)],
  },
  'get /v1/audio/jobs/{id}': {
    tag: 'TuneTrail: Audio processing',
    scope: 'audio:process',
    summary: 'Read a job',
    description: 'Poll no more than once every 2 seconds, or use the webhook.',
    parameters: [path('id', 'A job id (aud_…).')],
    success: [200, 'The job', fromZod(audioJob)],
  },
  'get /v1/models': {
    tag: 'TuneTrail: Models',
    scope: 'models:read',
    summary: 'List models',
    parameters: [query('task', { type: 'string' })],
    success: [200, 'Models you may use', fromZod(modelList)],
  },
  'get /v1/models/{id}': {
    tag: 'TuneTrail: Models',
    scope: 'models:read',
    summary: 'Read a model',
    parameters: [path('id', 'A model id such as tt-embed-2.')],
    success: [200, 'The model', fromZod(model)],
  },
  'post /v1/models/training-runs': {
    tag: 'TuneTrail: Models',
    scope: 'models:train',
    summary: 'Start a training run',
    description: 'Fine-tunes a base model on your listening sessions (JSON Lines).',
    requestBody: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            ...fromZod(trainingRunRequest),
            properties: {
              ...(fromZod(trainingRunRequest).properties as Json),
              sessions: { type: 'string', contentMediaType: 'application/jsonl' },
            },
          },
        },
      },
    },
    success: [202, 'The queued run', fromZod(trainingRun)],
  },
  'get /v1/models/training-runs/{id}': {
    tag: 'TuneTrail: Models',
    scope: 'models:train',
    summary: 'Read a training run',
    parameters: [path('id', 'A run id (run_…).')],
    success: [200, 'The run', fromZod(trainingRun)],
  },
}

export const TUNETRAIL_TAGS = [
  ...new Set(Object.values(OPERATIONS).map((operation) => operation.tag)),
].map((name) => ({ name, description: `TuneTrail API (${tunetrailApiUrl()}), not this portal.` }))

export function tunetrailPaths(): Record<string, Record<string, Json>> {
  const paths: Record<string, Record<string, Json>> = {}
  const servers = [{ url: tunetrailApiUrl(), description: 'The TuneTrail API' }]
  for (const [key, operation] of Object.entries(OPERATIONS)) {
    const [method, route] = key.split(' ')
    const [status, description, schema] = operation.success
    paths[route] ??= {}
    paths[route][method] = {
      tags: [operation.tag],
      operationId: operationId(method, route),
      summary: operation.summary,
      ...(operation.description ? { description: operation.description } : {}),
      servers,
      'x-tunetrail-api': true,
      ...(operation.parameters ? { parameters: operation.parameters } : {}),
      ...(operation.requestBody ? { requestBody: operation.requestBody } : {}),
      responses: {
        [status]: ok(description, schema),
        ...errorResponses([400, 401, 403, 404, 429]),
      },
      security: [{ apiKey: [operation.scope] }],
      'x-required-scopes': [operation.scope],
    }
  }
  return paths
}
