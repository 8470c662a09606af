import { z } from 'zod'

import {
  COMPONENT_STATES,
  IMPACTS,
  INCIDENT_STATUSES,
  MAINTENANCE_STATUSES,
} from '../status/states'
import { FORUM_EVENT_TYPES } from '../forum/events'
import { SHOWCASE_EVENT_TYPES } from '../showcase/events'

const id = z.string().min(1).max(100)
const isoDate = z.iso.datetime({ offset: true })

const statusComponentRef = z.object({
  id: z.number().int(),
  name: z.string(),
  slug: z.string(),
})

/** An incident of the status page with the update that caused the event. */
const statusIncidentSchema = z.object({
  incident_id: z.number().int(),
  title: z.string().min(1),
  impact: z.enum(IMPACTS),
  status: z.enum(INCIDENT_STATUSES),
  update_id: z.string(),
  message: z.string(),
  /** Whether subscribers are mailed about this update (staff's "notify subscribers"). */
  notify: z.boolean(),
  components: z.array(statusComponentRef.extend({ state: z.enum(COMPONENT_STATES) })),
  started_at: isoDate,
  resolved_at: isoDate.nullable(),
  url: z.string(),
})

function statusIncidentExample(status: (typeof INCIDENT_STATUSES)[number]) {
  return {
    incident_id: 12,
    title: 'Elevated errors on recommendations',
    impact: 'major',
    status,
    update_id: '6761f0c2a1b2c3d4e5f60718',
    message:
      status === 'resolved'
        ? 'Error rates are back to normal.'
        : 'We are looking into elevated error rates on recommendation requests.',
    notify: true,
    components: [
      { id: 2, name: 'Recommendations', slug: 'recommendations', state: 'partial_outage' },
    ],
    started_at: '2026-11-25T10:00:00Z',
    resolved_at: status === 'resolved' ? '2026-11-25T11:20:00Z' : null,
    url: 'https://community.tunetrail.dev/status/incidents/12',
  }
}

const statusMaintenanceSchema = z.object({
  maintenance_id: z.number().int(),
  title: z.string().min(1),
  description: z.string(),
  status: z.enum(MAINTENANCE_STATUSES),
  notify: z.boolean(),
  components: z.array(statusComponentRef),
  scheduled_start: isoDate,
  scheduled_end: isoDate,
  url: z.string(),
})

function statusMaintenanceExample(status: (typeof MAINTENANCE_STATUSES)[number]) {
  return {
    maintenance_id: 3,
    title: 'Database upgrade',
    description: 'Training runs queue during the upgrade and start afterwards.',
    status,
    notify: true,
    components: [{ id: 4, name: 'Model training', slug: 'training' }],
    scheduled_start: '2026-12-02T02:00:00Z',
    scheduled_end: '2026-12-02T03:00:00Z',
    url: 'https://community.tunetrail.dev/status/maintenances/3',
  }
}

/** A model of the hub, as its events name it. */
const modelEventSchema = z.object({
  model_id: z.number().int(),
  model: z.string(),
  name: z.string(),
  version: z.string().nullable(),
  visibility: z.enum(['public', 'organization', 'private']),
  url: z.string(),
})

const modelEventExample = {
  model_id: 7,
  model: 'maya/genre-cnn',
  name: 'Genre CNN',
  version: '1.0.0',
  visibility: 'public',
  url: 'https://community.tunetrail.dev/models/maya/genre-cnn',
}

/**
 * The one registry of event types — everything that happens to an account and that someone
 * may want to hear of: what it means, who publishes it, whether it leaves the portal (webhooks)
 * or stays inside (notifications, the activity feed), the schema of its `data` (every event is
 * validated against it; integrators see it as JSON Schema) and an example. A new kind of event
 * starts here; see README, "Events".
 */
export const EVENT_TYPES = {
  'track.created': {
    visibility: 'public',
    source: 'service',
    description: 'A track was added to the catalogue.',
    schema: z.object({ track_id: id, title: z.string().min(1), artist: z.string().min(1) }),
    example: { track_id: 'trk_8f2c1a', title: 'Night Drive', artist: 'Maya Lin' },
  },
  'track.updated': {
    visibility: 'public',
    source: 'service',
    description: 'A track’s metadata changed.',
    schema: z.object({
      track_id: id,
      changes: z.record(z.string(), z.unknown()),
    }),
    example: { track_id: 'trk_8f2c1a', changes: { title: 'Night Drive (Remastered)' } },
  },
  'track.deleted': {
    visibility: 'public',
    source: 'service',
    description: 'A track was removed.',
    schema: z.object({ track_id: id }),
    example: { track_id: 'trk_8f2c1a' },
  },
  'recommendation.generated': {
    visibility: 'public',
    source: 'service',
    description: 'A batch of recommendations is ready.',
    schema: z.object({
      request_id: id,
      seed_track_id: id.optional(),
      track_ids: z.array(id).min(1),
    }),
    example: { request_id: 'rec_51d0', seed_track_id: 'trk_8f2c1a', track_ids: ['trk_1', 'trk_2'] },
  },
  'model.training_started': {
    visibility: 'public',
    source: 'service',
    description: 'A model training run started.',
    schema: z.object({ model_id: id, run_id: id, started_at: isoDate }),
    example: { model_id: 'mdl_genre_v3', run_id: 'run_77a', started_at: '2026-11-25T10:00:00Z' },
  },
  'model.training_completed': {
    visibility: 'public',
    source: 'service',
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
    visibility: 'public',
    source: 'service',
    description: 'A model training run failed.',
    schema: z.object({ model_id: id, run_id: id, error: z.string().min(1).max(2000) }),
    example: {
      model_id: 'mdl_genre_v3',
      run_id: 'run_77b',
      error: 'Out of GPU memory at epoch 12',
    },
  },
  'audio.processing_completed': {
    visibility: 'public',
    source: 'service',
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
    visibility: 'public',
    source: 'portal',
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
    visibility: 'public',
    source: 'portal',
    description: 'An API key of the account was revoked (emitted by the portal).',
    schema: z.object({ key_id: z.number().int(), name: z.string(), display: z.string() }),
    example: { key_id: 42, name: 'Production backend', display: 'tt_live_…a1B2' },
  },
  'usage.limit_reached': {
    visibility: 'public',
    source: 'portal',
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
  'api_key.expiring': {
    visibility: 'public',
    source: 'portal',
    description: 'An API key of the account expires within 7 days (emitted by the portal).',
    schema: z.object({
      key_id: z.number().int(),
      name: z.string(),
      display: z.string(),
      expires_at: isoDate,
    }),
    example: {
      key_id: 42,
      name: 'Production backend',
      display: 'tt_live_…a1B2',
      expires_at: '2026-12-07T00:00:00Z',
    },
  },
  'notification.created': {
    visibility: 'public',
    source: 'portal',
    description:
      'A notification for the account’s user, for those who asked for notifications by webhook.',
    schema: z.object({
      notification_id: z.number().int(),
      type: z.string(),
      title: z.string(),
      body: z.string(),
      link: z.string().nullable(),
    }),
    example: {
      notification_id: 7,
      type: 'api_key.revoked',
      title: 'API key revoked',
      body: '“Production backend” (tt_live_…a1B2) was revoked.',
      link: '/api-keys/42',
    },
  },
  'webhook_endpoint.disabled': {
    visibility: 'internal',
    source: 'portal',
    description:
      'A webhook endpoint of the account was disabled (410 Gone, or 5 days of failures).',
    schema: z.object({ endpoint_id: z.number().int(), url: z.string(), reason: z.string() }),
    example: {
      endpoint_id: 3,
      url: 'https://example.com/hooks',
      reason: 'The receiver answered 410 Gone.',
    },
  },
  'organization.invitation_received': {
    visibility: 'internal',
    source: 'portal',
    description: 'The user was invited to an organization.',
    schema: z.object({
      invitation_id: z.number().int(),
      organization_id: z.number().int(),
      organization_name: z.string(),
      role: z.enum(['admin', 'member']),
      invited_by: z.string(),
    }),
    example: {
      invitation_id: 5,
      organization_id: 2,
      organization_name: 'Groove Labs',
      role: 'member',
      invited_by: 'Maya Member',
    },
  },
  'organization.role_changed': {
    visibility: 'internal',
    source: 'portal',
    description: 'A member’s role in the organization changed.',
    schema: z.object({
      organization_id: z.number().int(),
      organization_name: z.string(),
      user_id: z.number().int(),
      from: z.enum(['owner', 'admin', 'member']),
      to: z.enum(['owner', 'admin', 'member']),
    }),
    example: {
      organization_id: 2,
      organization_name: 'Groove Labs',
      user_id: 4,
      from: 'member',
      to: 'admin',
    },
  },
  'model.published': {
    visibility: 'public',
    source: 'portal',
    description: 'A model of the account was published on the model hub (its first version).',
    schema: modelEventSchema,
    example: modelEventExample,
  },
  'model.version_published': {
    visibility: 'public',
    source: 'portal',
    description: 'A new version of a model of the account was published (scanned and live).',
    schema: modelEventSchema,
    example: { ...modelEventExample, version: '1.1.0' },
  },
  'model.starred': {
    visibility: 'public',
    source: 'portal',
    description: 'Someone starred a model of the account.',
    schema: modelEventSchema.extend({ by: z.string(), stars: z.number().int().nonnegative() }),
    example: { ...modelEventExample, by: 'leo', stars: 12 },
  },
  'model.forked': {
    visibility: 'public',
    source: 'portal',
    description: 'Someone forked a model of the account.',
    schema: modelEventSchema.extend({
      by: z.string(),
      fork_id: z.number().int(),
      fork: z.string(),
    }),
    example: { ...modelEventExample, by: 'leo', fork_id: 18, fork: 'leo/genre-cnn' },
  },
  'model.downloaded': {
    visibility: 'public',
    source: 'portal',
    description:
      'A model of the account was downloaded (counted once per person or address per model per day); for analytics, never a notification.',
    schema: z.object({
      model_id: z.number().int(),
      model: z.string(),
      file_id: z.number().int(),
      version: z.string(),
      day: z.iso.date(),
      anonymous: z.boolean(),
    }),
    example: {
      model_id: 7,
      model: 'maya/genre-cnn',
      file_id: 31,
      version: '1.0.0',
      day: '2026-11-30',
      anonymous: false,
    },
  },
  'incident.created': {
    visibility: 'public',
    source: 'portal',
    audience: 'everyone',
    description:
      'An incident was published on the status page (for every endpoint that subscribes to it).',
    schema: statusIncidentSchema,
    example: statusIncidentExample('investigating'),
  },
  'incident.updated': {
    visibility: 'public',
    source: 'portal',
    audience: 'everyone',
    description: 'An incident on the status page has a new update (identified, monitoring …).',
    schema: statusIncidentSchema,
    example: statusIncidentExample('identified'),
  },
  'incident.resolved': {
    visibility: 'public',
    source: 'portal',
    audience: 'everyone',
    description: 'An incident on the status page was resolved.',
    schema: statusIncidentSchema,
    example: statusIncidentExample('resolved'),
  },
  'maintenance.scheduled': {
    visibility: 'public',
    source: 'portal',
    audience: 'everyone',
    description: 'Maintenance was scheduled on the status page.',
    schema: statusMaintenanceSchema,
    example: statusMaintenanceExample('scheduled'),
  },
  'maintenance.started': {
    visibility: 'public',
    source: 'portal',
    audience: 'everyone',
    description: 'Scheduled maintenance began.',
    schema: statusMaintenanceSchema,
    example: statusMaintenanceExample('in_progress'),
  },
  'maintenance.completed': {
    visibility: 'public',
    source: 'portal',
    audience: 'everyone',
    description: 'Maintenance was completed.',
    schema: statusMaintenanceSchema,
    example: statusMaintenanceExample('completed'),
  },
  ...FORUM_EVENT_TYPES,
  ...SHOWCASE_EVENT_TYPES,
} as const satisfies Record<
  string,
  {
    /** public: also delivered to webhooks and listed for integrators; internal: never leaves. */
    visibility: 'public' | 'internal'
    /** Who publishes it: TuneTrail services (POST /api/events) or the portal itself. */
    source: 'service' | 'portal'
    /**
     * `everyone`: about the service, not an account (the status page). Published without an
     * account; it reaches every endpoint that lists its type, whichever account owns it.
     */
    audience?: 'everyone'
    description: string
    schema: z.ZodType
    example: Record<string, unknown>
  }
>

export type EventType = keyof typeof EVENT_TYPES
export const ALL_EVENT_TYPES = Object.keys(EVENT_TYPES) as EventType[]
export const isEventType = (value: string): value is EventType => Object.hasOwn(EVENT_TYPES, value)

/** The types webhooks deliver (and integrators see): every public one. */
export const WEBHOOK_EVENT_TYPES = ALL_EVENT_TYPES.filter(
  (type) => EVENT_TYPES[type].visibility === 'public',
)
export const isWebhookEventType = (value: string): value is EventType =>
  isEventType(value) && EVENT_TYPES[value].visibility === 'public'

/**
 * `incident.*`, `key.*` …: an endpoint listing a family receives each of its public types, the
 * ones added later too.
 */
export const WEBHOOK_EVENT_FAMILIES = [
  ...new Set(WEBHOOK_EVENT_TYPES.map((type) => `${type.split('.')[0]}.*`)),
]

/** An event type or a family of them, as endpoints list them. */
export const isWebhookEventSelector = (value: string): boolean =>
  isWebhookEventType(value) || WEBHOOK_EVENT_FAMILIES.includes(value)

/** Types about the service rather than an account (published without one). */
export const isEveryoneEvent = (value: string): boolean =>
  isEventType(value) && (EVENT_TYPES[value] as { audience?: 'everyone' }).audience === 'everyone'

/** The types TuneTrail services may publish through POST /api/events. */
export const isServiceEventType = (value: string): value is EventType =>
  isEventType(value) && EVENT_TYPES[value].source === 'service'

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
