import type { Queryable } from '@/lib/db'

/** The version of the archive's shape, so a reader can tell later formats apart. */
export const ARCHIVE_FORMAT = 'tunetrail-account-export/1'

export type AccountArchive = {
  format: typeof ARCHIVE_FORMAT
  exportedAt: string
  profile: Record<string, unknown>
  organizations: Record<string, unknown>[]
  apiKeys: Record<string, unknown>[]
  webhooks: Record<string, unknown>[]
  discussions: Record<string, unknown>[]
  replies: Record<string, unknown>[]
  modelComments: Record<string, unknown>[]
  models: Record<string, unknown>[]
  projects: Record<string, unknown>[]
}

/**
 * Everything the account owns, as JSON. Each list names its columns: secrets (key hashes,
 * webhook signing secrets and custom headers, password hashes, tokens) are never selected.
 */
const QUERIES = {
  organizations: `
    SELECT o.id, o.name, o.slug, m.role
      FROM organizations_members m JOIN organizations o ON o.id = m._parent_id
     WHERE m.user_id = $1 ORDER BY o.name`,
  apiKeys: `
    SELECT k.id, k.name, k.display AS prefix, k.environment, k.status, k.organization_id,
           ARRAY(SELECT t.text FROM api_keys_texts t
                  WHERE t.parent_id = k.id AND t.path = 'scopes' ORDER BY t."order") AS scopes,
           k.expires_at, k.last_used_at, k.revoked_at, k.notes, k.created_at
      FROM api_keys k WHERE k.owner_id = $1 ORDER BY k.id`,
  webhooks: `
    SELECT w.id, w.url, w.description, w.enabled, w.max_per_second,
           ARRAY(SELECT t.text FROM webhook_endpoints_texts t
                  WHERE t.parent_id = w.id AND t.path = 'events' ORDER BY t."order") AS events,
           w.disabled_at, w.disabled_reason, w.created_at, w.updated_at
      FROM webhook_endpoints w WHERE w.owner_id = $1 ORDER BY w.id`,
  discussions: `
    SELECT d.id, d.title, d.slug, d.kind, d.body, d.status, d.category_id, d.reply_count,
           d.created_at, d.updated_at, d.edited_at
      FROM discussions d WHERE d.author_id = $1 ORDER BY d.id`,
  replies: `
    SELECT r.id, r.discussion_id, r.parent_id, r.body, r.created_at, r.updated_at, r.edited_at
      FROM replies r WHERE r.author_id = $1 ORDER BY r.id`,
  modelComments: `
    SELECT c.id, c.model_id, c.body, c.created_at, c.updated_at
      FROM model_comments c WHERE c.author_id = $1 ORDER BY c.id`,
  models: `
    SELECT m.id, m.name, m.slug, m.owner_handle, m.summary, m.card, m.visibility, m.status,
           m.task, m.framework, m.license, m.downloads, m.stars, m.forks, m.rating_average,
           m.published_at, m.created_at, m.updated_at
      FROM ml_models m WHERE m.owner_id = $1 AND m.organization_id IS NULL ORDER BY m.id`,
} as const

/** The account's showcase projects (drafts and changes held for review too: they are its own). */
async function projectsOf(db: Queryable, userId: number): Promise<Record<string, unknown>[]> {
  const result = await db.query<{ project: Record<string, unknown> }>(
    `SELECT to_jsonb(p) AS project FROM showcase_projects p WHERE p.owner_id = $1 ORDER BY p.id`,
    [userId],
  )
  return result.rows.map((row) => row.project)
}

/** Builds the archive of one account, or null when the account is gone. */
export async function buildArchive(
  db: Queryable,
  userId: number,
  now = new Date(),
): Promise<AccountArchive | null> {
  const { rows } = await db.query(
    `SELECT u.id, u.email, u.name, u.username, u.bio, u.plan, u._verified AS "emailVerified",
            ARRAY(SELECT r.value FROM users_roles r WHERE r.parent_id = u.id ORDER BY r."order") AS roles,
            COALESCE((SELECT json_agg(json_build_object('label', l.label, 'url', l.url) ORDER BY l._order)
                        FROM users_links l WHERE l._parent_id = u.id), '[]') AS links,
            u.created_at, u.updated_at
       FROM users u WHERE u.id = $1`,
    [userId],
  )
  if (!rows[0]) return null
  const lists = Object.fromEntries(
    await Promise.all(
      Object.entries(QUERIES).map(async ([name, text]) => {
        const result = await db.query(text, [userId])
        return [name, result.rows] as const
      }),
    ),
  ) as Record<keyof typeof QUERIES, Record<string, unknown>[]>
  return {
    format: ARCHIVE_FORMAT,
    exportedAt: now.toISOString(),
    profile: rows[0],
    ...lists,
    projects: await projectsOf(db, userId),
  }
}
