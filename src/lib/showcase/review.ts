import { createHash } from 'node:crypto'

import { ValidationError, type PayloadRequest } from 'payload'

import { hasRole } from '@/access/roles'
import type { ShowcaseProject } from '@/payload-types'

import { accountOf, personId } from '../accounts'
import { db } from '../db'
import { serverUrl } from '../defaults'
import { idempotencyScope, publishEvent } from '../events/publish'
import { refuse } from '../models/http'
import { relationId } from '../relationId'
import { hitLimit, refundHit } from '../rateLimit'
import { inTransaction } from '../transactions'
import type { REVIEW_DECISIONS } from './events'
import { lockProject } from './lock'

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
 * What a published project shows that a moderator reviews (everything its page and cards show
 * that its makers write): edits a maker (not trusted) makes to these wait in `pendingRevision`
 * until a moderator approves them.
 */
export const REVIEWED_FIELDS = [
  'title',
  'tagline',
  'story',
  'screenshots',
  'demoVideo',
  'demoUrl',
  'repository',
  'tags',
  'models',
  'techStack',
  'useCases',
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

/**
 * The version of held changes a moderator was shown (a hash of the stored revision): the
 * approve and reject forms send it back, and a decision on changes edited since is refused.
 */
export function revisionVersion(revision: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(revision ?? null))
    .digest('hex')
    .slice(0, 32)
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

/** Invitations a project's owner may send, over all their projects, per hour. */
export const INVITE_LIMIT = { count: 30, windowMs: 60 * 60 * 1000 }
export const inviteLimitKey = (owner: number) => `showcase-invite:${owner}`
const inviteKey = (projectId: number) => `showcase.maker_invited:${projectId}`

/**
 * Asks each person listed as a maker (not yet accepted) to accept: a notice, mailed by default,
 * whose link opens the project page with its Accept and Decline buttons. Only once the project
 * is submitted (a draft's makers are asked when it is), once per person and project, ever (the
 * notice's idempotency key remembers it, whatever happens to the makers list), and at most
 * INVITE_LIMIT an hour per owner: past it the save is refused (429).
 */
export async function inviteMakers(req: PayloadRequest, project: ShowcaseProject): Promise<void> {
  if (project.status !== 'submitted' && project.status !== 'published') return
  const waiting = (project.makers ?? [])
    .filter((m) => !m.accepted)
    .map((m) => Number(relationId(m.user)))
  if (!waiting.length) return
  const sql = await db(req)
  const scopeOf = (user: number) =>
    idempotencyScope({ owner: user, organization: null }, inviteKey(project.id))
  const { rows: asked } = await sql.query<{ scope: string }>(
    `SELECT idempotency_scope AS scope FROM webhook_events
      WHERE idempotency_scope = ANY(string_to_array($1, ','))`,
    [waiting.map(scopeOf).join(',')],
  )
  const wasAsked = new Set(asked.map((row) => row.scope))
  const invited = waiting.filter((user) => !wasAsked.has(scopeOf(user)))
  if (!invited.length) return
  const owner = Number(relationId(project.owner))
  for (let sent = 0; sent < invited.length; sent++) {
    const limit = await hitLimit(inviteLimitKey(owner), INVITE_LIMIT.count, INVITE_LIMIT.windowMs)
    if (!limit.isAllowed) {
      // The save is refused whole: the hits this save took are given back.
      for (let taken = 0; taken <= sent; taken++) await refundHit(inviteLimitKey(owner))
      throw refuse(
        429,
        `Too many maker invitations: at most ${INVITE_LIMIT.count} an hour. Try again later.`,
        'makers',
      )
    }
  }
  const { rows } = await sql.query<{ username: string }>(
    'SELECT username FROM users WHERE id = $1',
    [owner],
  )
  for (const user of invited) {
    await publishEvent(sql, {
      type: 'showcase.maker_invited',
      account: { owner: user, organization: null },
      actor: personId(req.user),
      idempotencyKey: inviteKey(project.id),
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
 * go live; rejected, they are dropped and the page stays as it was. The decision names the
 * `version` of the changes the moderator saw (revisionVersion): the row is locked and changes
 * edited since are refused (409). The makers are told.
 */
export async function reviewProjectAs(
  req: PayloadRequest,
  id: number,
  decision: 'approve' | 'reject',
  reason = '',
  version?: string,
): Promise<ShowcaseProject> {
  if (!hasRole(req.user, 'moderator')) throw refuse(403, 'Only moderators review projects.')
  return inTransaction(req, async () => {
    // Locked until the decision commits: no edit slips in between the check and the update.
    await lockProject(req, id)
    const project = await visibleProject(req, id)
    if (project.status === 'published' && project.pendingRevision) {
      if (!version) {
        throw refuse(400, 'Name the version of the changes you reviewed.', 'version')
      }
      if (version !== revisionVersion(project.pendingRevision)) {
        throw refuse(409, 'The changes were edited since you opened them; review them again.')
      }
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

/**
 * The owner takes back the changes waiting for review: the page stays as it is live. Nobody
 * else may (a moderator rejects them instead).
 */
export async function withdrawRevisionAs(
  req: PayloadRequest,
  id: number,
): Promise<ShowcaseProject> {
  const me = personId(req.user)
  if (!me) throw refuse(403, 'Sign in as a person to do this.')
  return inTransaction(req, async () => {
    const project = await visibleProject(req, id)
    if (Number(relationId(project.owner)) !== me) {
      throw refuse(403, 'Only the project’s owner withdraws its pending changes.')
    }
    if (!project.pendingRevision) return project
    // Tells the collection's hook to clear the revision, for this one update only.
    req.context.showcaseRevision = 'withdraw'
    return req.payload
      .update({
        collection: 'showcase-projects',
        id,
        data: {},
        depth: 0,
        overrideAccess: false,
        req,
      })
      .finally(() => {
        delete req.context.showcaseRevision
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
    // Before reading: a maker's save in flight would otherwise write the old list back.
    await lockProject(req, id)
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
