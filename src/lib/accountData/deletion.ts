import { APIError } from 'payload'

import type { Queryable } from '@/lib/db'
import { actionEmail, portalUrl } from '@/lib/emails'
import { invalidateKeyHash } from '@/lib/keys/cache'
import { enqueueOn } from '@/lib/queue'

/** Days between asking to delete an account and its data being removed. */
export const GRACE_DAYS = 14

/** The account authored content moves to: no password, no email anyone can receive. */
export const GHOST = {
  email: 'deleted-user@tunetrail.invalid',
  username: 'deleted-user',
  name: 'Deleted user',
} as const

export type PendingDeletion = {
  requested_at: Date
  purge_after: Date
  cancelled_at: Date | null
}

/** Organizations the account is the only owner of: they must be handed over or deleted first. */
export async function soleOwnedOrganizations(
  db: Queryable,
  userId: number,
): Promise<{ id: number; name: string; slug: string }[]> {
  const { rows } = await db.query<{ id: number; name: string; slug: string }>(
    `SELECT o.id, o.name, o.slug
       FROM organizations o JOIN organizations_members m ON m._parent_id = o.id
      WHERE m.user_id = $1 AND m.role = 'owner'
        AND NOT EXISTS (SELECT 1 FROM organizations_members other
                         WHERE other._parent_id = o.id AND other.role = 'owner'
                           AND other.user_id IS DISTINCT FROM $1)
      ORDER BY o.name`,
    [userId],
  )
  return rows
}

/** The 409 a sole owner gets, naming the organizations. */
export function ownerConflict(orgs: { name: string }[]) {
  const names = orgs.map((org) => `“${org.name}”`).join(', ')
  return new APIError(
    `You are the only owner of ${names}: make another member an owner, or delete the organization, before deleting your account.`,
    409,
    undefined,
    true,
  )
}

/** The account's deletion request (the latest one, cancelled or not), or null. */
export async function deletionOf(db: Queryable, userId: number): Promise<PendingDeletion | null> {
  const { rows } = await db.query<PendingDeletion>(
    `SELECT requested_at, purge_after, cancelled_at FROM account_deletions WHERE user_id = $1`,
    [userId],
  )
  return rows[0] ?? null
}

/**
 * Drops the account's keys from every verifier's cache: they stop (or start again) verifying at
 * once while a deletion is pending (src/lib/keys/store.ts). Run inside the change's transaction:
 * the tombstones outlive its commit.
 */
async function forgetOwnerKeys(db: Queryable, userId: number): Promise<void> {
  const { rows } = await db.query<{ key_hash: string | null }>(
    'SELECT key_hash FROM api_keys WHERE owner_id = $1',
    [userId],
  )
  for (const { key_hash: hash } of rows) if (hash) invalidateKeyHash(hash)
}

/**
 * Schedules the account's deletion after the grace period, ends every session, suspends the
 * account's keys and mails the owner. The caller has checked the password (and second factor). Throws the 409 for a sole
 * owner of an organization. Run inside a transaction: the request, the session ends and the
 * mail commit together.
 */
export async function scheduleDeletion(
  db: Queryable,
  user: { id: number; email: string },
  reason: string | null,
  now = new Date(),
): Promise<Date> {
  const owned = await soleOwnedOrganizations(db, user.id)
  if (owned.length > 0) throw ownerConflict(owned)
  const purgeAfter = new Date(now.getTime() + GRACE_DAYS * 86_400_000)
  await db.query(
    `INSERT INTO account_deletions (user_id, requested_at, purge_after, reason)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id) DO UPDATE
        SET requested_at = $2, purge_after = $3, reason = $4, cancelled_at = NULL`,
    [user.id, now.toISOString(), purgeAfter.toISOString(), reason],
  )
  await db.query('DELETE FROM user_sessions WHERE user_id = $1', [user.id])
  await forgetOwnerKeys(db, user.id)
  await enqueueOn(db, 'mail__send', [
    {
      to: user.email,
      subject: 'Your TuneTrail Community account will be deleted',
      html: actionEmail({
        heading: 'Your account will be deleted',
        intro: `You asked to delete your account. On ${purgeAfter.toUTCString()} your personal data, sessions, keys and webhooks are removed and your posts are shown as by “${GHOST.name}”. Until then your API keys stop working, and logging in cancels the deletion (the keys work again).`,
        action: 'Log in to keep your account',
        url: portalUrl('/login', { next: '/settings/account' }),
        outro: 'If you did not ask for this, log in now and change your password.',
      }),
    },
  ])
  return purgeAfter
}

/**
 * Cancels a pending deletion (logging in does this): the account's keys verify again. Returns
 * true when there was one, and mails the owner that the account stays.
 */
export async function cancelDeletion(db: Queryable, userId: number): Promise<boolean> {
  const { rows } = await db.query<{ email: string }>(
    `UPDATE account_deletions d SET cancelled_at = now()
       FROM users u
      WHERE d.user_id = $1 AND u.id = d.user_id AND d.cancelled_at IS NULL
      RETURNING u.email`,
    [userId],
  )
  if (!rows[0]) return false
  await forgetOwnerKeys(db, userId)
  await enqueueOn(db, 'mail__send', [
    {
      to: rows[0].email,
      subject: 'Your TuneTrail Community account stays',
      html: actionEmail({
        heading: 'Account deletion cancelled',
        intro:
          'You logged in during the grace period, so your account and everything in it stay as they were.',
        action: 'Open your account settings',
        url: portalUrl('/settings/account'),
        outro: 'If it was not you who logged in, change your password now.',
      }),
    },
  ])
  return true
}

async function ghostId(db: Queryable): Promise<number> {
  const found = await db.query<{ id: number }>('SELECT id FROM users WHERE email = $1', [
    GHOST.email,
  ])
  if (found.rows[0]) return found.rows[0].id
  // The username is taken by a person: the ghost gets a suffixed one.
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO users (email, name, username, plan, _verified, created_at, updated_at)
     VALUES ($1, $2,
             CASE WHEN EXISTS (SELECT 1 FROM users WHERE username = $3)
                  THEN $3 || '-' || substr(md5(random()::text), 1, 6) ELSE $3 END,
             'free', false, now(), now())
     ON CONFLICT (email) DO UPDATE SET updated_at = users.updated_at
     RETURNING id`,
    [GHOST.email, GHOST.name, GHOST.username],
  )
  return rows[0].id
}

/**
 * What ties a person to others' showcase projects and may not outlive them (the rows need a
 * person): their listing as a maker goes (the project stays) and their upvotes go, with the
 * projects' counts. Before the user row is deleted, by the purge or by staff in /admin.
 */
export async function releaseShowcaseTies(db: Queryable, userId: number): Promise<void> {
  // The projects first, in id order, as a save or a maker's answer takes them (src/lib/showcase/
  // lock.ts): their makers rows and counts change next, and nobody waits on anybody in a circle.
  await db.query(
    `SELECT 1 FROM showcase_projects
      WHERE id IN (SELECT _parent_id FROM showcase_projects_makers WHERE user_id = $1
                   UNION SELECT project_id FROM project_votes WHERE user_id = $1)
      ORDER BY id FOR UPDATE`,
    [userId],
  )
  await db.query('DELETE FROM showcase_projects_makers WHERE user_id = $1', [userId])
  await db.query(
    `WITH removed AS (DELETE FROM project_votes WHERE user_id = $1 RETURNING project_id)
     UPDATE showcase_projects p SET votes = greatest(0, p.votes - r.n)
       FROM (SELECT project_id, count(*)::int AS n FROM removed GROUP BY 1) r
      WHERE p.id = r.project_id`,
    [userId],
  )
}

/**
 * Removes one account for good (in the caller's transaction): authored content (forum posts,
 * models, showcase projects, comments) moves to the ghost, keys are revoked, webhooks, memberships, sessions, notifications and the avatar go, then
 * the user row itself. Returns the revoked keys' hashes (to drop from the caches after commit),
 * or null when the account may not go (it became the sole owner of an organization).
 */
export async function purgeAccount(db: Queryable, userId: number): Promise<string[] | null> {
  if ((await soleOwnedOrganizations(db, userId)).length > 0) return null
  const ghost = await ghostId(db)
  const move = [
    'UPDATE discussions SET author_id = $2 WHERE author_id = $1',
    'UPDATE discussions SET last_reply_by_id = $2 WHERE last_reply_by_id = $1',
    'UPDATE replies SET author_id = $2 WHERE author_id = $1',
    'UPDATE model_comments SET author_id = $2 WHERE author_id = $1',
    'UPDATE discussions_edit_history SET editor_id = $2 WHERE editor_id = $1',
    'UPDATE replies_edit_history SET editor_id = $2 WHERE editor_id = $1',
    'UPDATE forum_attachments SET uploaded_by_id = $2 WHERE uploaded_by_id = $1',
    'UPDATE showcase_projects SET owner_id = $2 WHERE owner_id = $1',
    'UPDATE project_comments SET author_id = $2 WHERE author_id = $1',
    // A handle of its own per model keeps (owner_handle, slug) unique under the ghost.
    `UPDATE ml_models SET owner_id = $2,
            owner_handle = 'deleted-' || substr(md5(random()::text || id::text), 1, 10)
      WHERE owner_id = $1 AND organization_id IS NULL`,
  ]
  for (const text of move) await db.query(text, [userId, ghost])
  const { rows: keys } = await db.query<{ key_hash: string | null }>(
    `UPDATE api_keys SET status = 'revoked', revoked_at = now(), owner_id = NULL
      WHERE owner_id = $1 RETURNING key_hash`,
    [userId],
  )
  const { rows: avatar } = await db.query<{ avatar_id: number | null }>(
    'SELECT avatar_id FROM users WHERE id = $1',
    [userId],
  )
  const personal = [
    'DELETE FROM webhook_endpoints WHERE owner_id = $1 AND organization_id IS NULL',
    'DELETE FROM organizations_members WHERE user_id = $1',
    'DELETE FROM user_sessions WHERE user_id = $1',
    'DELETE FROM notifications WHERE recipient_id = $1',
    'DELETE FROM notification_preferences WHERE user_id = $1',
    'DELETE FROM docs_feedback WHERE user_id = $1',
    'DELETE FROM account_exports WHERE user_id = $1',
    'DELETE FROM users WHERE id = $1',
  ]
  await releaseShowcaseTies(db, userId)
  for (const text of personal) await db.query(text, [userId])
  if (avatar[0]?.avatar_id) {
    await db.query('DELETE FROM media WHERE id = $1', [avatar[0].avatar_id])
  }
  return keys.map((key) => key.key_hash).filter((hash): hash is string => Boolean(hash))
}

/** Accounts whose grace period ended by `now`, oldest first. */
export async function dueDeletions(db: Queryable, now = new Date(), limit = 50): Promise<number[]> {
  const { rows } = await db.query<{ user_id: number }>(
    `SELECT user_id FROM account_deletions
      WHERE cancelled_at IS NULL AND purge_after <= $1
      ORDER BY purge_after LIMIT $2`,
    [now.toISOString(), limit],
  )
  return rows.map((row) => row.user_id)
}

type Transactional = { query: Queryable['query']; release?: () => void }

/**
 * The worker's account__purge: each account due by `now` is purged in a transaction of its own
 * (one failure does not hold back the others); revoked keys leave every cache after commit.
 */
export async function purgeDueAccounts(
  connect: () => Promise<Transactional>,
  now = new Date(),
  log: (message: string) => void = () => undefined,
): Promise<number> {
  const client = await connect()
  let purged = 0
  try {
    for (const userId of await dueDeletions(client, now)) {
      await client.query('BEGIN')
      try {
        // Re-checked under the row lock: a login that cancelled it meanwhile wins.
        const { rows } = await client.query(
          `SELECT 1 FROM account_deletions
            WHERE user_id = $1 AND cancelled_at IS NULL AND purge_after <= $2 FOR UPDATE`,
          [userId, now.toISOString()],
        )
        const hashes = rows.length > 0 ? await purgeAccount(client, userId) : []
        await client.query('COMMIT')
        if (hashes === null) log(`account ${userId} still owns an organization alone: kept`)
        else if (rows.length > 0) {
          for (const hash of hashes) invalidateKeyHash(hash)
          purged++
        }
      } catch (err) {
        await client.query('ROLLBACK')
        throw err
      }
    }
  } finally {
    client.release?.()
  }
  return purged
}
