import type { PoolClient } from 'pg'

import type { Queryable } from '../db'
import { actionEmail, portalUrl } from '../emails'
import type { Consumer, StoredEvent } from '../events/fanout'
import { publishEvent } from '../events/publish'
import { enqueueOn } from '../queue'
import { announce } from './live'
import {
  isNotificationType,
  NOTIFICATION_TYPES,
  preferencesWithDefaults,
  type NotificationText,
  type NotificationType,
  type Preferences,
} from './types'
import { unsubscribeLinks } from './unsubscribe'

/**
 * Who hears of an event: its account's owner, or its organization's owners and admins; the user
 * its data names; or everyone who turned the type on (followers of the status page).
 */
async function recipientsOf(
  client: Queryable,
  type: NotificationType,
  event: StoredEvent,
): Promise<{ id: number; email: string }[]> {
  const rule = NOTIFICATION_TYPES[type].recipients
  let ids: number[]
  if (rule === 'followers') {
    const { rows } = await client.query<{ user_id: number }>(
      `SELECT DISTINCT p.user_id FROM notification_preferences p
         JOIN notification_preferences_settings s ON s._parent_id = p.id
        WHERE s.type::text = $1 AND (s.in_app OR s.email OR s.webhook) AND p.user_id IS NOT NULL`,
      [type],
    )
    ids = rows.map((row) => row.user_id)
  } else if (rule === 'account') {
    if (event.account.organization) {
      const { rows } = await client.query<{ user_id: number }>(
        `SELECT user_id FROM organizations_members
          WHERE _parent_id = $1 AND role IN ('owner', 'admin') AND user_id IS NOT NULL`,
        [event.account.organization],
      )
      ids = rows.map((row) => row.user_id)
    } else {
      ids = event.account.owner ? [event.account.owner] : []
    }
  } else {
    const id = Number(event.data[rule.userIdFrom])
    ids = Number.isInteger(id) && id > 0 ? [id] : []
  }
  if (ids.length === 0) return []
  const { rows } = await client.query<{ id: number; email: string }>(
    'SELECT id, email FROM users WHERE id = ANY($1::int[])',
    [ids],
  )
  return rows
}

/** Everyone's preferences at once, with the defaults filled in. */
export async function loadPreferences(
  client: Queryable,
  userIds: number[],
): Promise<Map<number, Preferences>> {
  const { rows } = await client.query<{
    user_id: number
    digest: string | null
    type: string | null
    in_app: boolean | null
    email: boolean | null
    webhook: boolean | null
  }>(
    `SELECT p.user_id, p.digest::text AS digest, s.type::text AS type, s.in_app, s.email, s.webhook
       FROM notification_preferences p
       LEFT JOIN notification_preferences_settings s ON s._parent_id = p.id
      WHERE p.user_id = ANY($1::int[])`,
    [userIds],
  )
  const saved = new Map<
    number,
    {
      digest: string | null
      settings: NonNullable<Parameters<typeof preferencesWithDefaults>[0]>['settings']
    }
  >()
  for (const row of rows) {
    const entry = saved.get(row.user_id) ?? { digest: row.digest, settings: [] }
    if (row.type) {
      entry.settings?.push({
        type: row.type,
        inApp: row.in_app,
        email: row.email,
        webhook: row.webhook,
      })
    }
    saved.set(row.user_id, entry)
  }
  return new Map(userIds.map((id) => [id, preferencesWithDefaults(saved.get(id) ?? null)]))
}

/** The mail of one notification, with its one-click unsubscribe. */
export function notificationMail(
  to: string,
  userId: number,
  type: NotificationType,
  text: NotificationText,
) {
  const links = unsubscribeLinks({ userId, type })
  return {
    to,
    subject: text.title,
    html: actionEmail({
      heading: text.title,
      intro: text.body,
      action: 'Open in TuneTrail Community',
      url: portalUrl(text.link ?? '/notifications'),
      unsubscribeUrl: links.page,
    }),
    headers: {
      'List-Unsubscribe': `<${links.oneClick}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  }
}

/**
 * Turns an event into notifications for the people it concerns, each as they asked: shown in
 * the portal, mailed now (or kept for the daily digest), and sent to their webhooks as
 * `notification.created`. Those with something new in the bell are told once it committed.
 */
export async function notify(client: PoolClient, event: StoredEvent): Promise<number[]> {
  if (!isNotificationType(event.type)) return []
  const type = event.type
  const recipients = await recipientsOf(client, type, event)
  if (recipients.length === 0) return []
  const preferences = await loadPreferences(
    client,
    recipients.map((recipient) => recipient.id),
  )
  const definition = NOTIFICATION_TYPES[type] as (typeof NOTIFICATION_TYPES)[NotificationType] & {
    mailWhen?: (data: Record<string, unknown>) => boolean
  }
  const text = definition.render(event.data)
  const isMailWanted = definition.mailWhen?.(event.data) ?? true
  const shown: number[] = []
  for (const recipient of recipients) {
    const wants = preferences.get(recipient.id) as Preferences
    const channels = wants.channels[type]
    const isMailed = isMailWanted && channels.email && wants.digest !== 'off'
    if (!channels.inApp && !isMailed && !channels.webhook) continue
    const emailState = !isMailed ? 'none' : wants.digest === 'daily' ? 'pending' : 'sent'
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO notifications (recipient_id, type, title, body, link, actor_id, event_id, in_app,
                                  email_state, updated_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), now()) RETURNING id`,
      [
        recipient.id,
        type,
        text.title,
        text.body,
        text.link,
        event.actor,
        event.id,
        channels.inApp,
        emailState,
      ],
    )
    if (emailState === 'sent') {
      await enqueueOn(client, 'mail__send', [
        notificationMail(recipient.email, recipient.id, type, text),
      ])
    }
    if (channels.webhook) {
      await publishEvent(client, {
        type: 'notification.created',
        account: { owner: recipient.id, organization: null },
        data: { notification_id: rows[0].id, type, ...text },
      })
    }
    if (channels.inApp) shown.push(recipient.id)
  }
  return shown
}

export const notificationConsumer: Consumer = {
  name: 'notifications',
  wants: (event) => !event.isTest && isNotificationType(event.type),
  consume: async (client, event) => {
    const shown = await notify(client, event)
    return shown.length > 0 ? () => announce(shown) : undefined
  },
}
