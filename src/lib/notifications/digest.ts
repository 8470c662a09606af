import type { PoolClient } from 'pg'

import { portalUrl } from '../emails'
import { enqueueOn } from '../queue'
import { unsubscribeLinks } from './unsubscribe'

type WithClient = <T>(work: (client: PoolClient) => Promise<T>) => Promise<T>

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

type Pending = { id: number; title: string; body: string; link: string | null }

/** The one mail of a person's day: every notification kept for it, each with its link. */
export function digestMail(to: string, userId: number, items: Pending[]) {
  const links = unsubscribeLinks({ userId, type: '*' })
  const list = items
    .map(
      (item) =>
        `<li style="margin-bottom:12px"><a href="${escapeHtml(portalUrl(item.link ?? '/notifications'))}"><strong>${escapeHtml(item.title)}</strong></a><br>${escapeHtml(item.body)}</li>`,
    )
    .join('')
  return {
    to,
    subject: `Your TuneTrail Community digest: ${items.length} notification${items.length === 1 ? '' : 's'}`,
    html: `<!doctype html>
<html lang="en"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#111;max-width:560px;margin:0 auto;padding:24px">
<h1 style="font-size:20px">Since your last digest</h1>
<ul style="padding-left:20px">${list}</ul>
<p><a href="${escapeHtml(portalUrl('/notifications'))}">All notifications</a></p>
<p style="font-size:12px;color:#555">Do not want these mails? <a href="${escapeHtml(links.page)}" style="color:#555">Unsubscribe</a> or change the digest under Settings → Notifications.</p>
</body></html>`,
    headers: {
      'List-Unsubscribe': `<${links.oneClick}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  }
}

/**
 * Sends each person with notifications waiting for the daily digest one mail with all of them,
 * marking them sent in the same transaction as the mail's job. Returns how many mails.
 */
export async function sendDigests(withClient: WithClient): Promise<number> {
  const recipients = await withClient(async (client) => {
    const { rows } = await client.query<{ recipient_id: number }>(
      `SELECT DISTINCT recipient_id FROM notifications WHERE email_state = 'pending'`,
    )
    return rows.map((row) => row.recipient_id)
  })
  let sent = 0
  for (const userId of recipients) {
    const isSent = await withClient(async (client) => {
      await client.query('BEGIN')
      try {
        const { rows: items } = await client.query<Pending>(
          `SELECT id, title, body, link FROM notifications
            WHERE recipient_id = $1 AND email_state = 'pending'
            ORDER BY created_at LIMIT 100 FOR UPDATE SKIP LOCKED`,
          [userId],
        )
        const { rows: users } = await client.query<{ email: string }>(
          'SELECT email FROM users WHERE id = $1',
          [userId],
        )
        if (items.length === 0 || !users[0]) {
          await client.query('ROLLBACK')
          return false
        }
        await enqueueOn(client, 'mail__send', [digestMail(users[0].email, userId, items)])
        await client.query(
          `UPDATE notifications SET email_state = 'sent', updated_at = now() WHERE id = ANY($1::int[])`,
          [items.map((item) => item.id)],
        )
        await client.query('COMMIT')
        return true
      } catch (err) {
        await client.query('ROLLBACK')
        throw err
      }
    })
    if (isSent) sent++
  }
  return sent
}
