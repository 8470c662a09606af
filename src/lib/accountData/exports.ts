import { APIError } from 'payload'

import type { Queryable } from '@/lib/db'
import { actionEmail, portalUrl } from '@/lib/emails'
import { enqueueOn } from '@/lib/queue'
import { newToken, sha256 } from '@/lib/tokens'

import { buildArchive } from './archive'

/** How long the mailed download link works. */
export const EXPORT_LINK_DAYS = 7
/** Exports one account may ask for per day (each one reads everything it owns). */
export const EXPORTS_PER_DAY = 3

export type ExportRow = {
  id: number
  status: 'pending' | 'ready' | 'failed'
  created_at: Date
  ready_at: Date | null
  expires_at: Date | null
  downloaded_at: Date | null
}

const alreadyPending = () =>
  new APIError('An export is already being prepared: it arrives by mail.', 409, undefined, true)

export const downloadPath = (exportId: number) => `/settings/account/exports/${exportId}/download`

/**
 * Queues an export of the account's data. Run inside a transaction (`db` of a request in one):
 * the row and its job commit together. Refused while one is being built, and past the daily cap.
 */
export async function requestExport(db: Queryable, userId: number): Promise<number> {
  const { rows: recent } = await db.query<{ pending: number; today: number }>(
    `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
            count(*) FILTER (WHERE created_at > now() - interval '1 day')::int AS today
       FROM account_exports WHERE user_id = $1`,
    [userId],
  )
  if (recent[0].pending > 0) throw alreadyPending()
  if (recent[0].today >= EXPORTS_PER_DAY) {
    throw new APIError(
      `At most ${EXPORTS_PER_DAY} exports a day: try again tomorrow.`,
      429,
      undefined,
      true,
    )
  }
  // A request racing this one loses on the pending index: nothing is inserted.
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO account_exports (user_id) VALUES ($1)
     ON CONFLICT (user_id) WHERE status = 'pending' DO NOTHING RETURNING id`,
    [userId],
  )
  if (!rows[0]) throw alreadyPending()
  await enqueueOn(db, 'account__export', [{ exportId: rows[0].id }])
  return rows[0].id
}

/** The account's recent exports, newest first (never the archive or its token). */
export async function listExports(db: Queryable, userId: number): Promise<ExportRow[]> {
  const { rows } = await db.query<ExportRow>(
    `SELECT id, status, created_at, ready_at, expires_at, downloaded_at
       FROM account_exports WHERE user_id = $1 ORDER BY id DESC LIMIT 10`,
    [userId],
  )
  return rows
}

function exportMail(to: string, url: string) {
  return {
    to,
    subject: 'Your TuneTrail Community data export is ready',
    html: actionEmail({
      heading: 'Your data export is ready',
      intro: `The archive of your account (profile, keys' details, webhooks, discussions, replies, models and showcase projects) is ready. The link works for ${EXPORT_LINK_DAYS} days, only while you are signed in to this account.`,
      action: 'Download your data',
      url,
      outro: 'If you did not ask for this export, change your password and review your sessions.',
    }),
  }
}

/**
 * Builds one export (the worker's account__export): the archive, a fresh link token stored as
 * its hash, and the mail with the link — all in the caller's transaction. Returns false when
 * there is nothing to do (gone, or done already).
 */
export async function runExport(db: Queryable, exportId: number, now = new Date()) {
  const { rows } = await db.query<{ user_id: number; email: string }>(
    `SELECT e.user_id, u.email FROM account_exports e JOIN users u ON u.id = e.user_id
      WHERE e.id = $1 AND e.status = 'pending' FOR UPDATE OF e`,
    [exportId],
  )
  if (!rows[0]) return false
  const archive = await buildArchive(db, rows[0].user_id, now)
  if (!archive) return false
  const token = newToken()
  const expiresAt = new Date(now.getTime() + EXPORT_LINK_DAYS * 86_400_000)
  await db.query(
    `UPDATE account_exports
        SET status = 'ready', archive = $2::jsonb, token_hash = $3, ready_at = $4, expires_at = $5
      WHERE id = $1`,
    [exportId, JSON.stringify(archive), sha256(token), now.toISOString(), expiresAt.toISOString()],
  )
  await enqueueOn(db, 'mail__send', [
    exportMail(rows[0].email, portalUrl(downloadPath(exportId), { token })),
  ])
  return true
}

export type DownloadAnswer =
  | { ok: true; archive: unknown; username: string; createdAt: Date }
  | { ok: false; status: 404 | 410 }

/**
 * The archive behind a download link: only for the account it belongs to, with the link's
 * token, before it expires. Anything else is a 404 that tells nothing; an expired link a 410.
 */
export async function openExport(
  db: Queryable,
  exportId: number,
  token: string,
  userId: number,
  now = new Date(),
): Promise<DownloadAnswer> {
  if (!Number.isSafeInteger(exportId) || token.length < 20 || token.length > 200) {
    return { ok: false, status: 404 }
  }
  const { rows } = await db.query<{
    archive: unknown
    expires_at: Date
    username: string
    created_at: Date
  }>(
    `SELECT e.archive, e.expires_at, e.created_at, u.username
       FROM account_exports e JOIN users u ON u.id = e.user_id
      WHERE e.id = $1 AND e.user_id = $2 AND e.token_hash = $3 AND e.status = 'ready'`,
    [exportId, userId, sha256(token)],
  )
  const row = rows[0]
  if (!row) return { ok: false, status: 404 }
  if (new Date(row.expires_at).getTime() <= now.getTime()) return { ok: false, status: 410 }
  await db.query(`UPDATE account_exports SET downloaded_at = $2 WHERE id = $1`, [
    exportId,
    now.toISOString(),
  ])
  return { ok: true, archive: row.archive, username: row.username, createdAt: row.created_at }
}

/** Expired archives are dropped (the rows stay, so the page can say they expired). */
export async function pruneExports(db: Queryable, now = new Date()): Promise<number> {
  const result = await db.query(
    `UPDATE account_exports SET archive = NULL, token_hash = NULL
      WHERE expires_at < $1 AND archive IS NOT NULL`,
    [now.toISOString()],
  )
  return result.rowCount ?? 0
}
