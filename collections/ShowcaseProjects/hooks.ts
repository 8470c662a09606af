import {
  APIError,
  ValidationError,
  type CollectionAfterChangeHook,
  type CollectionBeforeChangeHook,
  type CollectionBeforeDeleteHook,
  type CollectionBeforeOperationHook,
  type CollectionBeforeValidateHook,
} from 'payload'

import { memberRole } from '@/access/organizationAccess'
import { hasRole } from '@/access/roles'
import { personId } from '@/lib/accounts'
import { db } from '@/lib/db'
import { relationId } from '@/lib/relationId'
import { parseRepo } from '@/lib/showcase/constants'
import { lockProject } from '@/lib/showcase/lock'
import {
  announceDecision,
  inviteMakers,
  isTrustedMaker,
  REVIEWED_FIELDS,
  revisionContent,
} from '@/lib/showcase/review'
import { projectContentSchema } from '@/schemas/showcase'
import { enqueueInTransaction } from '@/lib/queue'
import type { ShowcaseProject } from '@/payload-types'

const invalid = (path: string, message: string) =>
  new ValidationError({ collection: 'showcase-projects', errors: [{ path, message }] })

const TOUCHED = 'showcaseTouched'

/**
 * Which reviewed fields an update names, as sent: from beforeValidate on, `data` is merged with
 * the stored document, and a field sent back with its live value must be told from one not sent.
 */
export const noteTouchedFields: CollectionBeforeOperationHook = async ({
  args,
  operation,
  req,
}) => {
  if (operation !== 'update' && operation !== 'updateByID') return args
  // (Payload names an update by id 'update' here too, with the id in its arguments.)
  const id = (args as { id?: number | string }).id
  if (id === undefined && req.user && !hasRole(req.user, 'moderator')) {
    // Many at once (PATCH with `where`) would skip the row lock below and the held-edit rules'
    // reading of what was sent: members update one project at a time.
    throw new APIError(
      'Update one project at a time: PATCH /api/showcase-projects/:id.',
      400,
      undefined,
      true,
    )
  }
  const data = (args.data ?? {}) as Record<string, unknown>
  req.context[TOUCHED] = REVIEWED_FIELDS.filter((field) => data[field] !== undefined)
  // Locked before Payload reads the project (this runs inside the operation's transaction): a
  // save racing a moderator's decision or a maker's answer waits, then reads what they left.
  if (req.transactionID && id !== undefined) await lockProject(req, Number(id))
  return args
}

type Maker = { user?: unknown; accepted?: boolean | null; id?: string | null }

/**
 * Whose project this is (the creator's, never what a body says), a tidy repository and tags,
 * and an organization only the creator belongs to.
 */
export const prepareProject: CollectionBeforeValidateHook = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (!data) return data
  if (operation === 'create') {
    const person = personId(req.user)
    if (!person)
      throw new APIError('Sign in as a person to submit a project.', 403, undefined, true)
    data.owner = person
  }
  if (typeof data.repository === 'string') {
    data.repository = data.repository.trim()
      ? (parseRepo(data.repository) ?? data.repository)
      : null
  }
  if (Array.isArray(data.tags)) {
    const seen = new Set<string>()
    data.tags = (data.tags as { tag?: unknown }[])
      .map((row) => ({
        tag: String(row?.tag ?? '')
          .trim()
          .toLowerCase()
          .replace(/\s+/g, '-'),
      }))
      .filter((row) => row.tag && !seen.has(row.tag) && seen.add(row.tag))
  }
  const organization = data.organization ? Number(relationId(data.organization)) : null
  const before = originalDoc?.organization ? Number(relationId(originalDoc.organization)) : null
  if (organization && organization !== before && !hasRole(req.user, 'moderator')) {
    const org = await req.payload
      .findByID({
        collection: 'organizations',
        id: organization,
        depth: 0,
        overrideAccess: true,
        req,
      })
      .catch(() => null)
    if (!org || !memberRole(org.members, personId(req.user) ?? -1)) {
      throw invalid('organization', 'You can only name an organization you belong to.')
    }
  }
  return data
}

/** Makers keep what they accepted; a new one is listed only once they accept. */
function settleMakers(data: Partial<ShowcaseProject>, original: ShowcaseProject | undefined) {
  const owner = Number(relationId(data.owner ?? original?.owner))
  const wasAccepted = new Set(
    (original?.makers ?? []).filter((m) => m.accepted).map((m) => Number(relationId(m.user))),
  )
  const rows = (data.makers ?? original?.makers ?? (owner ? [{ user: owner }] : [])) as Maker[]
  const seen = new Set<number>()
  data.makers = rows
    .map((row) => ({ ...row, user: Number(relationId(row.user)) }))
    .filter((row) => Number.isInteger(row.user) && !seen.has(row.user) && seen.add(row.user))
    .map((row) => ({
      ...row,
      accepted: row.user === owner || wasAccepted.has(row.user),
    })) as ShowcaseProject['makers']
}

/** Only the key's owner links it (and opts in to counts), and only while they are a maker. */
async function settleUsageKey(
  data: Partial<ShowcaseProject>,
  original: ShowcaseProject | undefined,
  req: Parameters<CollectionBeforeChangeHook>[0]['req'],
) {
  const keyId = data.usageKey === undefined ? original?.usageKey : data.usageKey
  const id = keyId ? Number(relationId(keyId)) : null
  const before = original?.usageKey ? Number(relationId(original.usageKey)) : null
  const me = personId(req.user)
  if (!id) {
    data.showUsageCounts = false
    return
  }
  const key = await req.payload
    .findByID({ collection: 'api-keys', id, depth: 0, overrideAccess: true, req })
    .catch(() => null)
  const keyOwner = key && !key.organization ? Number(relationId(key.owner)) : null
  if (id !== before) {
    if (!key || keyOwner !== me || key.status !== 'active') {
      throw invalid('usageKey', 'Link one of your own active personal API keys.')
    }
    const isMaker = (data.makers ?? []).some((m) => Number(m.user) === me && m.accepted)
    if (!isMaker) throw invalid('usageKey', 'Only a listed maker can link their key.')
  }
  if (
    data.showUsageCounts !== undefined &&
    Boolean(data.showUsageCounts) !== Boolean(original?.showUsageCounts) &&
    keyOwner !== me
  ) {
    data.showUsageCounts = Boolean(original?.showUsageCounts)
  }
}

/** The fields this hook reads as lists (Payload validates them only after the hooks run). */
const LIST_FIELDS = ['makers', 'screenshots', 'tags', 'models', 'techStack', 'useCases'] as const

function requireLists(data: Partial<ShowcaseProject>) {
  for (const field of LIST_FIELDS) {
    const value = data[field]
    if (value !== undefined && value !== null && !Array.isArray(value)) {
      throw invalid(field, 'This must be a list.')
    }
  }
}

type ReviewedField = (typeof REVIEWED_FIELDS)[number]
const STORY_SECTIONS = ['whatItDoes', 'howBuilt', 'challenges', 'whatsNext'] as const

/**
 * A reviewed field's value as stored in a revision and compared: no row ids, ids for uploads
 * and relationships.
 */
function comparable(field: ReviewedField, value: unknown): unknown {
  if (field === 'models' || field === 'techStack' || field === 'useCases') {
    return ((value ?? []) as unknown[]).map((item) => Number(relationId(item)))
  }
  if (field === 'tags') {
    return ((value ?? []) as { tag?: unknown }[]).map((row) => ({ tag: row.tag }))
  }
  if (field === 'screenshots') {
    return ((value ?? []) as { image?: unknown; alt?: unknown }[]).map((row) => ({
      image: Number(relationId(row.image)),
      alt: row.alt,
    }))
  }
  if (field === 'story') {
    const story = (value ?? {}) as Record<string, unknown>
    return Object.fromEntries(STORY_SECTIONS.map((key) => [key, story[key] || null]))
  }
  return value || null
}

/**
 * Each screenshot names an upload that exists and that the editor uploaded, or one the project
 * already shows: nobody puts another person's upload (or a made-up id) on their page, held for
 * review or not. Moderators pick any upload.
 */
async function checkScreenshots(
  data: Partial<ShowcaseProject>,
  original: ShowcaseProject | undefined,
  req: Parameters<CollectionBeforeChangeHook>[0]['req'],
) {
  const me = personId(req.user)
  if (!me || hasRole(req.user, 'moderator') || data.screenshots === undefined) return
  const shown = new Set(
    [
      ...(original?.screenshots ?? []),
      ...(revisionContent(original?.pendingRevision).screenshots ?? []),
    ].map((row) => Number(relationId(row.image))),
  )
  const images = (data.screenshots ?? []).map((row) => Number(relationId(row.image)))
  const fresh = images.filter((image) => !shown.has(image))
  if (!fresh.length) return
  const { rows } = await (
    await db(req)
  ).query<{ id: number }>(
    'SELECT id FROM media WHERE id = ANY($1::int[]) AND uploaded_by_id = $2',
    [`{${fresh.filter((image) => Number.isInteger(image) && image > 0).join(',')}}`, me],
  )
  const mine = new Set(rows.map((row) => row.id))
  const index = images.findIndex((image) => !shown.has(image) && !mine.has(image))
  if (index >= 0) {
    throw invalid(`screenshots.${index}.image`, 'Pick a screenshot you uploaded.')
  }
}

/** Held topics and models exist (and, topics, of the right kind): nothing checks them later. */
async function checkHeldRelations(
  pending: Record<string, unknown>,
  req: Parameters<CollectionBeforeChangeHook>[0]['req'],
) {
  for (const [field, kind] of [
    ['techStack', 'tech'],
    ['useCases', 'use-case'],
  ] as const) {
    const ids = pending[field] as number[] | undefined
    if (!ids?.length) continue
    const { docs } = await req.payload.find({
      collection: 'showcase-topics',
      where: { and: [{ id: { in: ids } }, { kind: { equals: kind } }] },
      depth: 0,
      limit: ids.length,
      overrideAccess: false,
      req,
    })
    if (docs.length !== new Set(ids).size) throw invalid(field, 'Pick from the listed topics.')
  }
  const models = pending.models as number[] | undefined
  if (models?.length) {
    const { docs } = await req.payload.find({
      collection: 'ml-models',
      where: { id: { in: models } },
      depth: 0,
      limit: models.length,
      overrideAccess: false,
      req,
    })
    if (docs.length !== new Set(models).size)
      throw invalid('models', 'Pick from the listed models.')
  }
}

/**
 * Edits to what a published project shows, by a maker who is not trusted (a moderator, or the
 * owner of another published project), do not go live: the live values are kept and the new
 * ones held in `pendingRevision` (one revision, which later edits add to) for a moderator to
 * approve or reject (src/lib/showcase/review.ts). `data` arrives merged with the stored document,
 * so an edit is a value that differs from the live one; a field the save names (noteTouchedFields
 * noted which) with its live value takes back the change held for it. A trusted maker's save
 * goes live and drops the held changes to the fields it changed (approving them later would
 * overwrite it).
 */
async function holdPublishedEdits(
  data: Partial<ShowcaseProject>,
  original: ShowcaseProject | undefined,
  req: Parameters<CollectionBeforeChangeHook>[0]['req'],
) {
  if (req.context.showcaseRevision) {
    data.pendingRevision = null
    return
  }
  if (original?.status !== 'published' || (data.status ?? 'published') !== 'published') return
  const touched = new Set((req.context[TOUCHED] ?? []) as ReviewedField[])
  // A group may arrive partial: its other sections keep their stored values.
  const proposed = (field: ReviewedField) =>
    comparable(field, field === 'story' ? { ...original.story, ...data.story } : data[field])
  const edited = REVIEWED_FIELDS.filter(
    (field) =>
      data[field] !== undefined &&
      JSON.stringify(proposed(field)) !== JSON.stringify(comparable(field, original[field])),
  )
  const held: Record<string, unknown> = { ...revisionContent(original.pendingRevision) }
  const me = personId(req.user)
  const isTrusted =
    hasRole(req.user, 'moderator') ||
    (edited.length > 0 && me !== null && (await isTrustedMaker(req, me, { except: original.id })))
  const pending = { ...held }
  for (const field of REVIEWED_FIELDS) {
    if (edited.includes(field)) {
      if (isTrusted) {
        delete pending[field]
      } else {
        pending[field] = proposed(field)
        Object.assign(data, { [field]: original[field] })
      }
    } else if (touched.has(field) && !isTrusted) {
      delete pending[field]
    }
  }
  if (JSON.stringify(pending) === JSON.stringify(held)) return
  if (!Object.keys(pending).length) {
    data.pendingRevision = null
    return
  }
  const checked = projectContentSchema.safeParse(pending)
  if (!checked.success) {
    throw new ValidationError({
      collection: 'showcase-projects',
      errors: checked.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        message: issue.message,
      })),
    })
  }
  if (!isTrusted) await checkHeldRelations(pending, req)
  data.pendingRevision = pending
}

/**
 * The review workflow, on every door (pages, REST, GraphQL, /admin): a member moves their
 * project between draft and submitted (a trusted maker's submission is published at once);
 * moderators publish, or reject with a reason; staff feature a published project.
 */
export const reviewProject: CollectionBeforeChangeHook = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  const original = originalDoc as ShowcaseProject | undefined
  requireLists(data)
  settleMakers(data, original)
  await settleUsageKey(data, original, req)
  await checkScreenshots(data, original, req)
  await holdPublishedEdits(data, original, req)
  const isModerator = hasRole(req.user, 'moderator')
  const from = operation === 'create' ? 'draft' : (original?.status ?? 'draft')
  let to = data.status ?? from
  if (to !== from) {
    if (to === 'submitted') {
      if (from === 'published') throw invalid('status', 'A published project is already live.')
      const screenshots = data.screenshots ?? original?.screenshots ?? []
      const whatItDoes = data.story?.whatItDoes ?? original?.story?.whatItDoes
      if (!screenshots.length)
        throw invalid('screenshots', 'Add at least one screenshot to submit.')
      if (!whatItDoes?.trim()) throw invalid('story.whatItDoes', 'Say what it does to submit.')
      // A trusted maker skips the queue, but never with a project a moderator rejected (its
      // reason stays until it is published): that one goes back to the queue.
      const wasRejected = from === 'rejected' || Boolean(original?.rejectionReason)
      if (
        !wasRejected &&
        (await isTrustedMaker(req, Number(relationId(data.owner ?? original?.owner))))
      ) {
        to = 'published'
      }
    } else if (to === 'draft') {
      if (from === 'published' && !isModerator)
        throw invalid('status', 'Ask a moderator to unpublish a published project.')
    } else if (!isModerator) {
      throw invalid('status', 'Only moderators publish or reject projects.')
    } else {
      data.reviewedBy = req.user?.id
      req.context.showcaseReviewed = true
      if (to === 'rejected' && !String(data.rejectionReason ?? '').trim()) {
        throw invalid('rejectionReason', 'Give the makers a reason for the rejection.')
      }
    }
    data.status = to
  }
  if (to === 'published') {
    data.publishedAt = original?.publishedAt ?? new Date().toISOString()
    if (from !== 'published') data.rejectionReason = null
  }
  const isFeatured = data.featured ?? original?.featured ?? false
  if (isFeatured && to !== 'published') {
    if (data.featured && !original?.featured) {
      throw invalid('featured', 'Only a published project can be featured.')
    }
    data.featured = false
  }
  if (Boolean(data.featured ?? original?.featured) !== Boolean(original?.featured)) {
    data.featuredAt = data.featured ? new Date().toISOString() : null
  }
  return data
}

/**
 * Events, notices to the makers (decisions, and invitations to makers not yet asked, once the
 * project is submitted), and the GitHub fetch, in the change's transaction.
 */
export const afterProjectChange: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  const project = doc as ShowcaseProject
  const before = (operation === 'create' ? {} : previousDoc) as Partial<ShowcaseProject>
  if (project.repository && project.repository !== before.repository && !req.context.isSeed) {
    await enqueueInTransaction(req, 'showcase__github', { projectId: project.id })
  }
  if (req.context.isSeed) return doc
  if (project.status !== before.status) {
    if (project.status === 'published') {
      await announceDecision(req, project, 'approved', {
        isNotice: Boolean(req.context.showcaseReviewed),
      })
    } else if (project.status === 'rejected') {
      await announceDecision(req, project, 'rejected')
    }
  }
  if (project.featured && !before.featured) await announceDecision(req, project, 'featured')
  await inviteMakers(req, project)
  return doc
}

/** A deleted project takes its votes and comments with it (their rows name it). */
export const removeProjectRows: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const sql = await db(req)
  await sql.query('DELETE FROM project_votes WHERE project_id = $1', [id])
  await sql.query('DELETE FROM project_comments WHERE project_id = $1', [id])
}
