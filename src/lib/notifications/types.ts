import type { EventType } from '../events/registry'
import { forumNotifications } from '../forum/notifications'
import { showcaseNotifications } from '../showcase/events'

export const CHANNELS = ['inApp', 'email', 'webhook'] as const
export type Channel = (typeof CHANNELS)[number]

export const CHANNEL_LABELS: Record<Channel, string> = {
  inApp: 'In the portal',
  email: 'Email',
  webhook: 'Webhook',
}

export const DIGEST_MODES = ['instant', 'daily', 'off'] as const
export type DigestMode = (typeof DIGEST_MODES)[number]

type Data = Record<string, unknown>

export type NotificationText = { title: string; body: string; link: string | null }

type Definition = {
  label: string
  description: string
  /**
   * Who hears of it: the event's account (its owner, or its organization's owners and admins), a
   * user named in the data, or everyone who turned it on (members who follow the status page).
   */
  recipients: 'account' | { userIdFrom: string } | 'followers'
  /** When set, mail goes only for events it accepts (an incident update marked "notify"). */
  mailWhen?: (data: Data) => boolean
  /** What a member who never opened the preferences gets. */
  defaults: Record<Channel, boolean>
  render: (data: Data) => NotificationText
}

const text = (value: unknown) => String(value ?? '')

const STATUS_DEFAULTS = { inApp: false, email: false, webhook: false }
const isNotified = (data: Data) => data.notify === true
const utc = (value: unknown) => `${text(value).slice(0, 16).replace('T', ' ')} UTC`
const incidentText = (heading: string) => (data: Data) => ({
  title: `${heading}: ${text(data.title)}`,
  body: text(data.message),
  link: `/status/incidents/${text(data.incident_id)}`,
})
const maintenanceText = (heading: string) => (data: Data) => ({
  title: `${heading}: ${text(data.title)}`,
  body: `${utc(data.scheduled_start)} – ${utc(data.scheduled_end)}. ${text(data.description)}`.trim(),
  link: `/status/maintenances/${text(data.maintenance_id)}`,
})

/**
 * The status page's notices for members who follow it (off until they turn them on, on /status
 * or under Settings → Notifications). Mail about incidents follows staff's "notify subscribers".
 */
function statusNotifications() {
  return {
    'incident.created': {
      label: 'Status: new incident',
      description: 'An incident is published on the status page.',
      recipients: 'followers',
      defaults: STATUS_DEFAULTS,
      mailWhen: isNotified,
      render: incidentText('Incident'),
    },
    'incident.updated': {
      label: 'Status: incident update',
      description: 'An open incident has a new update.',
      recipients: 'followers',
      defaults: STATUS_DEFAULTS,
      mailWhen: isNotified,
      render: (data: Data) =>
        incidentText(text(data.status).replace(/^./, (c) => c.toUpperCase()))(data),
    },
    'incident.resolved': {
      label: 'Status: incident resolved',
      description: 'An incident is resolved.',
      recipients: 'followers',
      defaults: STATUS_DEFAULTS,
      mailWhen: isNotified,
      render: incidentText('Resolved'),
    },
    'maintenance.scheduled': {
      label: 'Status: maintenance scheduled',
      description: 'Maintenance is scheduled.',
      recipients: 'followers',
      defaults: STATUS_DEFAULTS,
      mailWhen: isNotified,
      render: maintenanceText('Maintenance scheduled'),
    },
    'maintenance.started': {
      label: 'Status: maintenance started',
      description: 'Scheduled maintenance begins.',
      recipients: 'followers',
      defaults: STATUS_DEFAULTS,
      mailWhen: isNotified,
      render: maintenanceText('Maintenance started'),
    },
    'maintenance.completed': {
      label: 'Status: maintenance completed',
      description: 'Maintenance is completed.',
      recipients: 'followers',
      defaults: STATUS_DEFAULTS,
      mailWhen: isNotified,
      render: maintenanceText('Maintenance completed'),
    },
  } as const satisfies Partial<Record<EventType, Definition>>
}

/** The notification types a member who follows the status page gets. */
export const STATUS_NOTIFICATION_TYPES = Object.keys(statusNotifications()) as (keyof ReturnType<
  typeof statusNotifications
>)[]

/**
 * The notification types: each comes from the event of the same type (src/lib/events/registry.ts)
 * and says who hears of it, how it reads, and what a new member gets by default. A feature adds
 * a type here (and its event in the registry); the notifications consumer does the rest.
 */
export const NOTIFICATION_TYPES = {
  'api_key.created': {
    label: 'API key created',
    description: 'A key is created for you, or for an organization you manage.',
    recipients: 'account',
    defaults: { inApp: true, email: true, webhook: false },
    render: (data) => ({
      title: 'API key created',
      body: `“${text(data.name)}” (${text(data.display)}) was created.`,
      link: `/api-keys/${text(data.key_id)}`,
    }),
  },
  'api_key.revoked': {
    label: 'API key revoked',
    description: 'A key of yours, or of an organization you manage, is revoked.',
    recipients: 'account',
    defaults: { inApp: true, email: true, webhook: false },
    render: (data) => ({
      title: 'API key revoked',
      body: `“${text(data.name)}” (${text(data.display)}) was revoked: requests with it are refused.`,
      link: `/api-keys/${text(data.key_id)}`,
    }),
  },
  'api_key.expiring': {
    label: 'API key expiring',
    description: 'A key expires within 7 days.',
    recipients: 'account',
    defaults: { inApp: true, email: true, webhook: false },
    render: (data) => ({
      title: 'API key expiring soon',
      body: `“${text(data.name)}” (${text(data.display)}) expires on ${text(data.expires_at).slice(0, 10)}. Rotate it before then.`,
      link: `/api-keys/${text(data.key_id)}`,
    }),
  },
  'usage.limit_reached': {
    label: 'Rate limit reached',
    description: 'An account reaches a limit of its plan.',
    recipients: 'account',
    defaults: { inApp: true, email: true, webhook: false },
    render: (data) => ({
      title: 'Rate limit reached',
      body: `The ${text(data.resource).replace('_', ' ')} limit of ${text(data.limit)} per ${text(data.window)} was reached; it resets at ${text(data.resets_at).slice(11, 16)} UTC.`,
      link: '/api-keys',
    }),
  },
  'webhook_endpoint.disabled': {
    label: 'Webhook endpoint disabled',
    description: 'An endpoint stops receiving deliveries after failing.',
    recipients: 'account',
    defaults: { inApp: true, email: true, webhook: false },
    render: (data) => ({
      title: 'Webhook endpoint disabled',
      body: `${text(data.url)} was disabled: ${text(data.reason)} Fix the receiver, then enable it again.`,
      link: `/settings/webhooks/${text(data.endpoint_id)}`,
    }),
  },
  'organization.invitation_received': {
    label: 'Invitation to an organization',
    description: 'Someone invites you to their organization.',
    recipients: 'account',
    defaults: { inApp: true, email: false, webhook: false },
    render: (data) => ({
      title: `Invitation to ${text(data.organization_name)}`,
      body: `${text(data.invited_by)} invited you to join ${text(data.organization_name)} as ${data.role === 'admin' ? 'an admin' : 'a member'}. The link is in your mail.`,
      link: '/settings/organization',
    }),
  },
  'organization.role_changed': {
    label: 'Role changed in an organization',
    description: 'Your role in an organization changes.',
    recipients: { userIdFrom: 'user_id' },
    defaults: { inApp: true, email: true, webhook: false },
    render: (data) => ({
      title: `Your role in ${text(data.organization_name)} changed`,
      body: `You are now ${data.to === 'admin' ? 'an admin' : data.to === 'owner' ? 'an owner' : 'a member'} of ${text(data.organization_name)} (was ${text(data.from)}).`,
      link: '/settings/organization',
    }),
  },
  'model.published': {
    label: 'Model published',
    description: 'A model of yours, or of an organization you manage, is published.',
    recipients: 'account',
    defaults: { inApp: true, email: false, webhook: false },
    render: (data) => ({
      title: `${text(data.name)} is published`,
      body: `Version ${text(data.version)} passed its safety scan and is live.`,
      link: `/models/${text(data.model)}`,
    }),
  },
  'model.version_published': {
    label: 'Model version published',
    description: 'A new version of a model of yours is live.',
    recipients: 'account',
    defaults: { inApp: true, email: false, webhook: false },
    render: (data) => ({
      title: `${text(data.name)} ${text(data.version)} is published`,
      body: 'It passed its safety scan and is now the latest version.',
      link: `/models/${text(data.model)}`,
    }),
  },
  'model.starred': {
    label: 'Model starred',
    description: 'Someone stars a model of yours.',
    recipients: 'account',
    defaults: { inApp: true, email: false, webhook: false },
    render: (data) => ({
      title: `${text(data.by)} starred ${text(data.name)}`,
      body: `${text(data.name)} has ${text(data.stars)} stars.`,
      link: `/models/${text(data.model)}`,
    }),
  },
  'model.forked': {
    label: 'Model forked',
    description: 'Someone forks a model of yours.',
    recipients: 'account',
    defaults: { inApp: true, email: false, webhook: false },
    render: (data) => ({
      title: `${text(data.by)} forked ${text(data.name)}`,
      body: `Their copy is ${text(data.fork)}.`,
      link: `/models/${text(data.fork)}`,
    }),
  },
  ...statusNotifications(),
  ...forumNotifications(),
  ...showcaseNotifications(),
} satisfies Partial<Record<EventType, Definition>>

export type NotificationType = keyof typeof NOTIFICATION_TYPES
export const ALL_NOTIFICATION_TYPES = Object.keys(NOTIFICATION_TYPES) as NotificationType[]
export const isNotificationType = (value: string): value is NotificationType =>
  Object.hasOwn(NOTIFICATION_TYPES, value)

export type Preferences = {
  digest: DigestMode
  channels: Record<NotificationType, Record<Channel, boolean>>
}

/** A member's preferences: what they saved, and the defaults for everything they did not. */
export function preferencesWithDefaults(
  saved: {
    digest?: string | null
    settings?:
      | { type: string; inApp?: boolean | null; email?: boolean | null; webhook?: boolean | null }[]
      | null
  } | null,
): Preferences {
  const channels = Object.fromEntries(
    ALL_NOTIFICATION_TYPES.map((type) => {
      const row = saved?.settings?.find((setting) => setting.type === type)
      const defaults = NOTIFICATION_TYPES[type].defaults
      return [
        type,
        {
          inApp: row?.inApp ?? defaults.inApp,
          email: row?.email ?? defaults.email,
          webhook: row?.webhook ?? defaults.webhook,
        },
      ]
    }),
  ) as Preferences['channels']
  const digest = (DIGEST_MODES as readonly string[]).includes(saved?.digest ?? '')
    ? (saved?.digest as DigestMode)
    : 'instant'
  return { digest, channels }
}
