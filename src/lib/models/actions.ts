import type { PayloadRequest } from 'payload'

import { seesModel } from '@/access/modelAccess'
import type { MlModel, ModelFile } from '@/payload-types'

import { accountOf, personId } from '../accounts'
import { db } from '../db'
import { publishEvent } from '../events/publish'
import { relationId } from '../relationId'
import { hitLimit } from '../rateLimit'
import { inTransaction } from '../transactions'
import { refuse } from './http'
import { recountModel } from './counts'
import { modelEventData } from './publish'

/** A model the request may see (by access rules), or a 404 that says nothing more. */
export async function visibleModel(req: PayloadRequest, id: number): Promise<MlModel> {
  const { docs } = await req.payload.find({
    collection: 'ml-models',
    where: { id: { equals: id } },
    depth: 0,
    limit: 1,
    overrideAccess: false,
    req,
  })
  if (!docs[0]) throw refuse(404, 'No model you can see has this id.')
  return docs[0]
}

const personOf = (req: PayloadRequest) => {
  const person = personId(req.user)
  if (!person) throw refuse(403, 'Only a signed-in person (or a personal key) can do this.')
  return person
}

/** Star toggles a person may make in an hour (the button, a script, a key). */
export const STAR_TOGGLES_PER_HOUR = 60

async function limitStarToggles(person: number) {
  const limit = await hitLimit(`model-star:u${person}`, STAR_TOGGLES_PER_HOUR, 3_600_000)
  if (!limit.isAllowed) throw refuse(429, 'Too many stars and unstars: try again later.')
}

/**
 * Stars a model (once: starring again changes nothing); the owners hear of a new star, once a
 * day per person however often it is toggled.
 */
export async function starModel(
  req: PayloadRequest,
  id: number,
): Promise<{ stars: number; starred: true }> {
  const person = personOf(req)
  await limitStarToggles(person)
  return inTransaction(req, async () => {
    const model = await visibleModel(req, id)
    const sql = await db(req)
    const inserted = await sql.query(
      `INSERT INTO model_stars (model_id, user_id, updated_at, created_at)
       VALUES ($1, $2, now(), now()) ON CONFLICT (model_id, user_id) DO NOTHING RETURNING id`,
      [id, person],
    )
    await recountModel(req, id)
    const { rows } = await sql.query<{ stars: number }>(
      'SELECT stars FROM ml_models WHERE id = $1',
      [id],
    )
    const stars = Number(rows[0]?.stars ?? 0)
    if (inserted.rows.length) {
      const user = await req.payload.findByID({
        collection: 'users',
        id: person,
        depth: 0,
        overrideAccess: true,
        req,
      })
      // Starring, unstarring and starring again is one piece of news a day, not three.
      await publishEvent(sql, {
        type: 'model.starred',
        account: accountOf(model),
        actor: person,
        idempotencyKey: `star:${id}:${person}:${new Date().toISOString().slice(0, 10)}`,
        data: { ...modelEventData(model, null), by: user.username, stars },
      })
    }
    return { stars, starred: true as const }
  })
}

export async function unstarModel(
  req: PayloadRequest,
  id: number,
): Promise<{ stars: number; starred: false }> {
  const person = personOf(req)
  await limitStarToggles(person)
  return inTransaction(req, async () => {
    await visibleModel(req, id)
    const sql = await db(req)
    await sql.query('DELETE FROM model_stars WHERE model_id = $1 AND user_id = $2', [id, person])
    await recountModel(req, id)
    const { rows } = await sql.query<{ stars: number }>(
      'SELECT stars FROM ml_models WHERE id = $1',
      [id],
    )
    return { stars: Number(rows[0]?.stars ?? 0), starred: false as const }
  })
}

/**
 * Forks a published model the request sees: a copy of its card and metadata owned by the
 * requester (or an organization they manage), `baseModel` pointing back, and a first version
 * whose files reference the same stored objects (nothing is copied). A private or organization
 * model forks into a private one.
 */
export async function forkModel(
  req: PayloadRequest,
  id: number,
  input: { slug?: string; name?: string; organization?: number },
): Promise<MlModel> {
  personOf(req)
  return inTransaction(req, async () => {
    const source = await visibleModel(req, id)
    if (source.status !== 'published' || !source.latestVersion) {
      throw refuse(409, 'Only a published model can be forked.')
    }
    const copy = (({
      name,
      summary,
      card,
      task,
      framework,
      license,
      tags,
      audio,
      metrics,
      benchmarks,
      training,
      compatibility,
    }) => ({
      name,
      summary,
      card,
      task,
      framework,
      license,
      audio,
      metrics,
      benchmarks,
      training,
      compatibility,
      tags: tags?.map(({ tag }) => ({ tag })),
    }))(source)
    const strip = <T>(rows: T[] | null | undefined) =>
      rows?.map((row) => {
        const { id: _id, ...rest } = row as T & { id?: unknown }
        return rest
      })
    req.context.forkOf = source.id
    const fork = (await req.payload.create({
      collection: 'ml-models',
      data: {
        ...copy,
        metrics: strip(copy.metrics),
        benchmarks: strip(copy.benchmarks),
        name: input.name ?? copy.name,
        slug: input.slug ?? source.slug,
        organization: input.organization ?? null,
        visibility: source.visibility === 'public' ? 'public' : 'private',
      } as never,
      overrideAccess: false,
      req,
    })) as MlModel
    req.context.forkOf = undefined
    const version = await req.payload.findByID({
      collection: 'model-versions',
      id: relationId(source.latestVersion),
      depth: 0,
      overrideAccess: true,
      req,
    })
    const newVersion = await req.payload.create({
      collection: 'model-versions',
      data: {
        model: fork.id,
        label: version.label,
        changelog: `Forked from ${source.ownerHandle}/${source.slug} ${version.label}.`,
      },
      overrideAccess: true,
      req,
    })
    const files = await req.payload.find({
      collection: 'model-files',
      where: {
        and: [{ version: { equals: version.id } }, { uploadStatus: { equals: 'uploaded' } }],
      },
      depth: 0,
      limit: 200,
      overrideAccess: true,
      showHiddenFields: true,
      req,
    })
    for (const file of files.docs as (ModelFile & { storage?: string; storageKey?: string })[]) {
      await req.payload.create({
        collection: 'model-files',
        data: {
          model: fork.id,
          version: newVersion.id,
          filename: file.filename,
          kind: file.kind,
          contentType: file.contentType,
          size: file.size,
          sha256: file.sha256,
          uploadStatus: 'uploaded',
          scanStatus: file.scanStatus,
          scanFindings: file.scanFindings,
          scannedAt: file.scannedAt,
          review: file.review,
          storage: file.storage,
          storageKey: file.storageKey,
        } as never,
        overrideAccess: true,
        req,
      })
    }
    const now = new Date().toISOString()
    await req.payload.update({
      collection: 'model-versions',
      id: newVersion.id,
      data: { status: 'published', publishedAt: now },
      overrideAccess: true,
      req,
    })
    const done = (await req.payload.update({
      collection: 'ml-models',
      id: fork.id,
      data: { latestVersion: newVersion.id },
      depth: 0,
      overrideAccess: true,
      req,
    })) as MlModel
    await recountModel(req, source.id)
    const user = await req.payload.findByID({
      collection: 'users',
      id: personOf(req),
      depth: 0,
      overrideAccess: true,
      req,
    })
    await publishEvent(await db(req), {
      type: 'model.forked',
      account: accountOf(source),
      actor: personOf(req),
      data: {
        ...modelEventData(source, version.label),
        by: user.username,
        fork_id: done.id,
        fork: `${done.ownerHandle}/${done.slug}`,
      },
    })
    return done
  })
}

/** True when the model may be seen by the request (pages use it before showing comments …). */
export const canSee = seesModel
