import { z } from 'zod'

const id = z.string().min(1).max(100)
const isoDate = z.iso.datetime({ offset: true })

/**
 * Every webhook event type: what it means, the schema of its `data` (published events are
 * validated against it; the UI shows it as JSON Schema) and an example payload.
 */
export const EVENT_TYPES = {
  'track.created': {
    description: 'A track was added to the catalogue.',
    schema: z.object({ track_id: id, title: z.string().min(1), artist: z.string().min(1) }),
    example: { track_id: 'trk_8f2c1a', title: 'Night Drive', artist: 'Maya Lin' },
  },
  'track.updated': {
    description: 'A track’s metadata changed.',
    schema: z.object({
      track_id: id,
      changes: z.record(z.string(), z.unknown()),
    }),
    example: { track_id: 'trk_8f2c1a', changes: { title: 'Night Drive (Remastered)' } },
  },
  'track.deleted': {
    description: 'A track was removed.',
    schema: z.object({ track_id: id }),
    example: { track_id: 'trk_8f2c1a' },
  },
  'recommendation.generated': {
    description: 'A batch of recommendations is ready.',
    schema: z.object({
      request_id: id,
      seed_track_id: id.optional(),
      track_ids: z.array(id).min(1),
    }),
    example: { request_id: 'rec_51d0', seed_track_id: 'trk_8f2c1a', track_ids: ['trk_1', 'trk_2'] },
  },
  'model.training_started': {
    description: 'A model training run started.',
    schema: z.object({ model_id: id, run_id: id, started_at: isoDate }),
    example: { model_id: 'mdl_genre_v3', run_id: 'run_77a', started_at: '2026-11-25T10:00:00Z' },
  },
  'model.training_completed': {
    description: 'A model training run finished successfully.',
    schema: z.object({
      model_id: id,
      run_id: id,
      duration_seconds: z.number().nonnegative(),
      metrics: z.record(z.string(), z.number()),
    }),
    example: {
      model_id: 'mdl_genre_v3',
      run_id: 'run_77a',
      duration_seconds: 5423,
      metrics: { accuracy: 0.912, f1: 0.887 },
    },
  },
  'model.training_failed': {
    description: 'A model training run failed.',
    schema: z.object({ model_id: id, run_id: id, error: z.string().min(1).max(2000) }),
    example: {
      model_id: 'mdl_genre_v3',
      run_id: 'run_77b',
      error: 'Out of GPU memory at epoch 12',
    },
  },
  'audio.processing_completed': {
    description: 'Submitted audio finished processing.',
    schema: z.object({
      job_id: id,
      track_id: id.optional(),
      status: z.enum(['succeeded', 'failed']),
      features: z.record(z.string(), z.unknown()).optional(),
    }),
    example: {
      job_id: 'aud_3e9',
      track_id: 'trk_8f2c1a',
      status: 'succeeded',
      features: { bpm: 122, key: 'A minor' },
    },
  },
  'api_key.created': {
    description: 'An API key of the account was created (emitted by the portal).',
    schema: z.object({
      key_id: z.number().int(),
      name: z.string(),
      display: z.string(),
      environment: z.enum(['development', 'staging', 'production']),
      scopes: z.array(z.string()),
    }),
    example: {
      key_id: 42,
      name: 'Production backend',
      display: 'tt_live_…a1B2',
      environment: 'production',
      scopes: ['tracks:read'],
    },
  },
  'api_key.revoked': {
    description: 'An API key of the account was revoked (emitted by the portal).',
    schema: z.object({ key_id: z.number().int(), name: z.string(), display: z.string() }),
    example: { key_id: 42, name: 'Production backend', display: 'tt_live_…a1B2' },
  },
  'usage.limit_reached': {
    description: 'The account reached a plan limit (once per limit and window).',
    schema: z.object({
      resource: z.enum(['api_calls', 'audio_processing', 'model_training']),
      window: z.enum(['minute', 'hour', 'day', 'month']),
      limit: z.number().int().nonnegative(),
      resets_at: isoDate,
    }),
    example: {
      resource: 'api_calls',
      window: 'day',
      limit: 1000,
      resets_at: '2026-11-26T00:00:00Z',
    },
  },
} as const satisfies Record<
  string,
  { description: string; schema: z.ZodType; example: Record<string, unknown> }
>

export type EventType = keyof typeof EVENT_TYPES
export const ALL_EVENT_TYPES = Object.keys(EVENT_TYPES) as EventType[]
export const isEventType = (value: string): value is EventType => Object.hasOwn(EVENT_TYPES, value)

/** The JSON Schema of an event's `data`, as shown to integrators. */
export const eventJsonSchema = (type: EventType) => z.toJSONSchema(EVENT_TYPES[type].schema)

/** Validates published data against its type's schema: the data, or the first problem. */
export function parseEventData(
  type: EventType,
  data: unknown,
): { data: Record<string, unknown> } | { error: { field: string; message: string } } {
  const parsed = EVENT_TYPES[type].schema.safeParse(data)
  if (parsed.success) return { data: parsed.data as Record<string, unknown> }
  const issue = parsed.error.issues[0]
  return { error: { field: ['data', ...issue.path.map(String)].join('.'), message: issue.message } }
}
