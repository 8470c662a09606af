import { Validator, type Schema } from '@cfworker/json-schema'

/**
 * JSON Schemas of Statuspage's public v2 API, written from its published documentation
 * (https://metastatuspage.com/api/v2 and the developer docs' "Status API" examples): the page,
 * status, components (and groups), incidents with their updates and scheduled maintenances.
 * Every field Statuspage documents is required with its type, so a client written against
 * Statuspage finds what it reads.
 */
const dateTime = { type: 'string', format: 'date-time' }
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' }

const page = {
  type: 'object',
  required: ['id', 'name', 'url', 'time_zone', 'updated_at'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    url: { type: 'string', format: 'uri' },
    time_zone: { type: 'string' },
    updated_at: dateTime,
  },
}

const status = {
  type: 'object',
  required: ['indicator', 'description'],
  properties: {
    indicator: { enum: ['none', 'minor', 'major', 'critical'] },
    description: { type: 'string' },
  },
}

const componentStatus = {
  enum: [
    'operational',
    'degraded_performance',
    'partial_outage',
    'major_outage',
    'under_maintenance',
  ],
}

const component = {
  type: 'object',
  required: [
    'id',
    'name',
    'status',
    'created_at',
    'updated_at',
    'position',
    'description',
    'showcase',
    'start_date',
    'group_id',
    'page_id',
    'group',
    'only_show_if_degraded',
  ],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    status: componentStatus,
    created_at: dateTime,
    updated_at: dateTime,
    position: { type: 'integer' },
    description: { type: ['string', 'null'] },
    showcase: { type: 'boolean' },
    start_date: { type: ['string', 'null'], format: 'date' },
    group_id: { type: ['string', 'null'] },
    page_id: { type: 'string' },
    group: { type: 'boolean' },
    only_show_if_degraded: { type: 'boolean' },
    components: { type: 'array', items: { type: 'string' } },
  },
  if: { properties: { group: { const: true } } },
  then: { required: ['components'] },
}

const update = (statuses: string[]) => ({
  type: 'object',
  required: [
    'id',
    'status',
    'body',
    'incident_id',
    'created_at',
    'updated_at',
    'display_at',
    'affected_components',
    'deliver_notifications',
    'custom_tweet',
    'tweet_id',
  ],
  properties: {
    id: { type: 'string' },
    status: { enum: statuses },
    body: { type: 'string' },
    incident_id: { type: 'string' },
    created_at: dateTime,
    updated_at: dateTime,
    display_at: dateTime,
    affected_components: {
      type: ['array', 'null'],
      items: {
        type: 'object',
        required: ['code', 'name', 'old_status', 'new_status'],
        properties: {
          code: { type: 'string' },
          name: { type: 'string' },
          old_status: componentStatus,
          new_status: componentStatus,
        },
      },
    },
    deliver_notifications: { type: 'boolean' },
    custom_tweet: { type: ['string', 'null'] },
    tweet_id: { type: ['string', 'null'] },
  },
})

const incidentLike = (statuses: string[], impacts: string[], extra: string[] = []) => ({
  type: 'object',
  required: [
    'id',
    'name',
    'status',
    'created_at',
    'updated_at',
    'monitoring_at',
    'resolved_at',
    'impact',
    'shortlink',
    'started_at',
    'page_id',
    'incident_updates',
    'components',
    ...extra,
  ],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    status: { enum: statuses },
    created_at: dateTime,
    updated_at: dateTime,
    monitoring_at: nullableDateTime,
    resolved_at: nullableDateTime,
    impact: { enum: impacts },
    shortlink: { type: 'string', format: 'uri' },
    started_at: dateTime,
    page_id: { type: 'string' },
    incident_updates: { type: 'array', items: update(statuses) },
    components: { type: 'array', items: component },
    scheduled_for: dateTime,
    scheduled_until: dateTime,
  },
})

const incident = incidentLike(
  ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'],
  ['none', 'minor', 'major', 'critical'],
)
const maintenance = incidentLike(
  ['scheduled', 'in_progress', 'verifying', 'completed'],
  ['none', 'minor', 'major', 'critical', 'maintenance'],
  ['scheduled_for', 'scheduled_until'],
)

const document = (properties: Record<string, unknown>): Schema =>
  ({
    type: 'object',
    required: Object.keys(properties),
    properties,
  }) as Schema

export const STATUSPAGE_V2_SCHEMAS: Record<string, Schema> = {
  'summary.json': document({
    page,
    components: { type: 'array', items: component },
    incidents: { type: 'array', items: incident },
    scheduled_maintenances: { type: 'array', items: maintenance },
    status,
  }),
  'status.json': document({ page, status }),
  'components.json': document({ page, components: { type: 'array', items: component } }),
  'incidents.json': document({ page, incidents: { type: 'array', items: incident } }),
  'incidents/unresolved.json': document({ page, incidents: { type: 'array', items: incident } }),
  'scheduled-maintenances.json': document({
    page,
    scheduled_maintenances: { type: 'array', items: maintenance },
  }),
  'scheduled-maintenances/upcoming.json': document({
    page,
    scheduled_maintenances: { type: 'array', items: maintenance },
  }),
  'scheduled-maintenances/active.json': document({
    page,
    scheduled_maintenances: { type: 'array', items: maintenance },
  }),
}

/** The schema errors of a v2 document (empty when it validates). */
export function statuspageErrors(path: string, body: unknown): string[] {
  const schema = STATUSPAGE_V2_SCHEMAS[path]
  if (!schema) return [`no schema for ${path}`]
  const result = new Validator(schema, '2020-12', false).validate(body)
  return result.valid
    ? []
    : result.errors.map((error) => `${error.instanceLocation}: ${error.error}`)
}
