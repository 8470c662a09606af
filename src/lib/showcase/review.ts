import { ValidationError, type PayloadRequest } from 'payload'

import { hasRole } from '@/access/roles'
import type { ShowcaseProject } from '@/payload-types'

import { accountOf, personId } from '../accounts'
import { db } from '../db'
import { serverUrl } from '../defaults'
import { publishEvent } from '../events/publish'
import { refuse } from '../models/http'
import { relationId } from '../relationId'
import { inTransaction } from '../transactions'
import type { REVIEW_DECISIONS } from './events'

/**
 * A maker whose projects (and edits to them) skip the queue: moderators and above, and anyone
 * already published. For an edit, `except` is the project edited: it does not vouch for itself.
 */
export async function isTrustedMaker(
  req: PayloadRequest,
  userId: number,
  { except = 0 } = {},
): Promise<boolean> {
  if (personId(req.user) === userId && hasRole(req.user, 'moderator')) return true
  const { rows } = await (
    await db(req)
  ).query<{ trusted: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM showcase_projects
                     WHERE owner_id = $1 AND status = 'published' AND id <> $2) AS trusted`,
    [userId, except],
  )
  return Boolean(rows[0]?.trusted)
}

export const projectPath = (slug: string) => `/showcase/projects/${slug}`

/**
 * What a published project shows that a moderator reviews: edits a maker (not trusted) makes to
 * these wait in `pendingRevision` until a moderator approves them.
 */
export const REVIEWED_FIELDS = [
  'title',
  'tagline',
  'story',
  'screenshots',
  'demoVideo',
  'demoUrl',
  'repository',
] as const

export type ProjectContent = Partial<Pick<ShowcaseProject, (typeof REVIEWED_FIELDS)[number]>>

/** The reviewed fields a stored revision holds (anything else in it is ignored). */
export function revisionContent(revision: unknown): ProjectContent {
  const stored = (revision ?? {}) as Record<string, unknown>
  return Object.fromEntries(
    REVIEWED_FIELDS.filter((field) => stored[field] !== undefined).map((field) => [
      field,
      stored[field],
    ]),
  ) as ProjectContent
}

const acceptedMakers = (project: ShowcaseProject) =>
  (project.makers ?? []).filter((m) => m.accepted).map((m) => Number(relationId(m.user)))

/**
 * Tells of a decision: `project.published` / `project.featured` to integrators (the project's
 * account), and a notice to each listed maker (unless it was the maker's own trusted publish).
 */
export async function announceDecision(
  req: PayloadRequest,
  project: ShowcaseProject,
  decision: (typeof REVIEW_DECISIONS)[number],
  { isNotice = true, reason = String(project.rejectionReason ?? '') } = {},
): Promise<void> {
  const sql = await db(req)
  const ref = {
    project_id: project.id,
    slug: project.slug,
    title: project.title,
    url: `${serverUrl()}${projectPath(project.slug)}`,
  }
  const account = accountOf({ owner: project.owner, organization: project.organization })
  const actor = personId(req.user)
  const makers = acceptedMakers(project)
  if (decision === 'approved') {
    const { rows } = makers.length
      ? await sql.query<{ username: string }>(
          'SELECT username FROM users WHERE id = ANY($1::int[]) ORDER BY username',
          [`{${makers.join(',')}}`],
        )
      : { rows: [] }
    await publishEvent(sql, {
      type: 'project.published',
      account,
      actor,
      data: {
        ...ref,
        tagline: project.tagline,
        makers: rows.map((row) => row.username),
        published_at: new Date(project.publishedAt ?? Date.now()).toISOString(),
      },
    })
  }
  if (decision === 'featured') {
    await publishEvent(sql, {
      type: 'project.featured',
      account,
      actor,
      data: { ...ref, featured_at: new Date(project.featuredAt ?? Date.now()).toISOString() },
    })
  }
  if (!isNotice) return
  for (const maker of makers) {
    await publishEvent(sql, {
      type: 'showcase.reviewed',
      account: { owner: maker, organization: null },
      actor,
      data: {
        ...ref,
        user_id: maker,
        decision,
        reason: decision === 'rejected' || decision === 'edit_rejected' ? reason : '',
        link: projectPath(project.slug),
      },
    })
  }
}

/**
 * The project as its maker's pending changes would make it: what the edit form and its preview
 * show. Held screenshot rows have no row id until they go live; they are named by position.
 */
export function withPendingRevision(project: ShowcaseProject): ShowcaseProject {
  const pending = revisionContent(project.pendingRevision)
  const screenshots = pending.screenshots?.map((row, index) => ({
    ...row,
    id: row.id ?? `pending-${index}`,
  }))
  return { ...project, ...pending, ...(screenshots ? { screenshots } : {}) }
}

/**
 * Asks each person newly listed as a maker (not yet accepted) to accept: a notice, mailed by
 * default, whose link opens the project page with its Accept and Decline buttons.
 */
export async function inviteMakers(
  req: PayloadRequest,
  project: ShowcaseProject,
  before: Partial<ShowcaseProject>,
): Promise<void> {
  const listed = new Set((before.makers ?? []).map((m) => Number(relationId(m.user))))
  const invited = (project.makers ?? [])
    .filter((m) => !m.accepted)
    .map((m) => Number(relationId(m.user)))
    .filter((user) => !listed.has(user))
  if (!invited.length) return
  const sql = await db(req)
  const owner = Number(relationId(project.owner))
  const { rows } = await sql.query<{ username: string }>(
    'SELECT username FROM users WHERE id = $1',
    [owner],
  )
  for (const user of invited) {
    await publishEvent(sql, {
      type: 'showcase.maker_invited',
      account: { owner: user, organization: null },
      actor: personId(req.user),
      data: {
        project_id: project.id,
        slug: project.slug,
        title: project.title,
        url: `${serverUrl()}${projectPath(project.slug)}`,
        user_id: user,
        invited_by: rows[0]?.username ?? 'A maker',
        link: projectPath(project.slug),
      },
    })
  }
}

/** A project the request may see, or a 404 that says nothing more. */
export async function visibleProject(req: PayloadRequest, id: number): Promise<ShowcaseProject> {
  const { docs } =
    Number.isInteger(id) && id > 0
      ? await req.payload.find({
          collection: 'showcase-projects',
          where: { id: { equals: id } },
          depth: 0,
          limit: 1,
          overrideAccess: false,
          req,
        })
      : { docs: [] }
  if (!docs[0]) throw refuse(404, 'No project you can see has this id.')
  return docs[0]
}

/**
 * A moderator's decision: approve (publish) or reject with a reason. On a published project
 * with changes waiting (`pendingRevision`), the decision is on those changes: approved, they
 * go live; rejected, they are dropped and the page stays as it was. The makers are told.
 */
export async function reviewProjectAs(
  req: PayloadRequest,
  id: number,
  decision: 'approve' | 'reject',
  reason = '',
): Promise<ShowcaseProject> {
  if (!hasRole(req.user, 'moderator')) throw refuse(403, 'Only moderators review projects.')
  return inTransaction(req, async () => {
    const project = await visibleProject(req, id)
    if (project.status === 'published' && project.pendingRevision) {
      if (decision === 'reject' && !reason.trim()) {
        throw new ValidationError({
          collection: 'showcase-projects',
          errors: [
            { path: 'rejectionReason', message: 'Give the makers a reason for the rejection.' },
          ],
        })
      }
      // Tells the collection's hook to clear the revision, for this one update only.
      req.context.showcaseRevision = decision
      const updated = await req.payload
        .update({
          collection: 'showcase-projects',
          id,
          data: decision === 'approve' ? revisionContent(project.pendingRevision) : {},
          depth: 0,
          overrideAccess: false,
          req,
        })
        .finally(() => {
          delete req.context.showcaseRevision
        })
      await announceDecision(
        req,
        updated,
        decision === 'approve' ? 'edit_approved' : 'edit_rejected',
        {
          reason: reason.trim(),
        },
      )
      return updated
    }
    return req.payload.update({
      collection: 'showcase-projects',
      id,
      data:
        decision === 'approve'
          ? { status: 'published' }
          : { status: 'rejected', rejectionReason: reason.trim() },
      depth: 0,
      overrideAccess: false,
      req,
    })
  })
}

/** Staff feature (or stop featuring) a published project. */
export async function featureProjectAs(
  req: PayloadRequest,
  id: number,
  featured: boolean,
): Promise<ShowcaseProject> {
  if (!hasRole(req.user, 'staff')) throw refuse(403, 'Only staff feature projects.')
  return inTransaction(req, async () => {
    await visibleProject(req, id)
    return req.payload.update({
      collection: 'showcase-projects',
      id,
      data: { featured },
      depth: 0,
      overrideAccess: false,
      req,
    })
  })
}

/**
 * A person listed as a maker accepts (and is shown) or leaves the project. Leaving also drops
 * the usage key they linked, so its badge goes with them.
 */
export async function setMakerAs(
  req: PayloadRequest,
  id: number,
  accept: boolean,
): Promise<ShowcaseProject> {
  const me = personId(req.user)
  if (!me) throw refuse(403, 'Sign in as a person to do this.')
  return inTransaction(req, async () => {
    const project = await visibleProject(req, id)
    const row = (project.makers ?? []).find((m) => Number(relationId(m.user)) === me)
    if (!row) throw refuse(404, 'You are not listed on this project.')
    const sql = await db(req)
    if (accept) {
      await sql.query(
        'UPDATE showcase_projects_makers SET accepted = true WHERE _parent_id = $1 AND user_id = $2',
        [id, me],
      )
    } else {
      await sql.query(
        'DELETE FROM showcase_projects_makers WHERE _parent_id = $1 AND user_id = $2',
        [id, me],
      )
      await sql.query(
        `UPDATE showcase_projects SET usage_key_id = NULL, show_usage_counts = false
          WHERE id = $1 AND usage_key_id IN (SELECT id FROM api_keys WHERE owner_id = $2)`,
        [id, me],
      )
    }
    return visibleProject(req, id)
  })
}
