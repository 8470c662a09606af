import {
  ValidationError,
  type CollectionAfterDeleteHook,
  type CollectionBeforeDeleteHook,
  type CollectionBeforeValidateHook,
} from 'payload'

import { assignOwnership } from '@/access/accountOwnership'
import { db } from '@/lib/db'
import { recountModel } from '@/lib/models/counts'
import { relationId } from '@/lib/relationId'

const invalid = (path: string, message: string) =>
  new ValidationError({ collection: 'ml-models', errors: [{ path, message }] })

/** The handle in the model's URL: the owner's username or the organization's slug. */
async function ownerHandle(
  req: Parameters<CollectionBeforeValidateHook>[0]['req'],
  data: { owner?: unknown; organization?: unknown },
): Promise<string> {
  if (data.organization) {
    const org = await req.payload.findByID({
      collection: 'organizations',
      id: relationId(data.organization),
      depth: 0,
      overrideAccess: true,
      req,
    })
    return org.slug
  }
  const user = await req.payload.findByID({
    collection: 'users',
    id: relationId(data.owner),
    depth: 0,
    overrideAccess: true,
    req,
  })
  return user.username
}

/**
 * Whose model this is (decided once, on create: the creator's, or an organization they manage
 * — never what a body says), the handle of its URL, tidy tags, and the visibility rule: only an
 * organization's model can be shown to "its organization".
 */
export const prepareModel: CollectionBeforeValidateHook = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (!data) return data
  if (operation === 'create') {
    await assignOwnership(req, 'ml-models', data, 'models')
    data.ownerHandle = await ownerHandle(req, data)
    // A fork (src/lib/models/actions.ts) is published at once, pointing at its origin.
    const forkOf = req.context.forkOf as number | undefined
    data.baseModel = forkOf ?? null
    data.status = forkOf ? 'published' : 'draft'
    data.publishedAt = forkOf ? new Date().toISOString() : null
  }
  const organization = data.organization ?? originalDoc?.organization
  const visibility = data.visibility ?? originalDoc?.visibility
  if (visibility === 'organization' && !organization) {
    throw invalid('visibility', 'Only an organization’s model can be visible to its organization.')
  }
  // A fork of a private or organization model carries its weights (referenced, not copied):
  // it stays private for as long as its base model is not public.
  const baseModel = data.baseModel ?? originalDoc?.baseModel
  if (baseModel && visibility && visibility !== 'private' && data.visibility !== undefined) {
    const base = await req.payload
      .findByID({
        collection: 'ml-models',
        id: relationId(baseModel),
        depth: 0,
        overrideAccess: true,
        req,
      })
      .catch(() => null)
    if (base && base.visibility !== 'public') {
      throw invalid(
        'visibility',
        'A fork of a model that is not public stays private while its base model is not public.',
      )
    }
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
    data.tagsText = (data.tags as { tag: string }[]).map((row) => row.tag).join(' ')
  }
  if (operation === 'create' && data.slug && data.ownerHandle) {
    const { totalDocs } = await req.payload.count({
      collection: 'ml-models',
      where: {
        and: [{ ownerHandle: { equals: data.ownerHandle } }, { slug: { equals: data.slug } }],
      },
      overrideAccess: true,
      req,
    })
    if (totalDocs > 0)
      throw invalid('slug', `${data.ownerHandle} already has a model at this slug.`)
  }
  return data
}

/**
 * Deleting a model takes everything that was its with it: files (through Payload, so each
 * stored object goes too unless a fork still references it), versions, stars, ratings and
 * comments. Forks stay, as originals now (their base_model_id is set null by the database).
 */
export const cascadeModelDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  req.context.deletedModelBase = await req.payload
    .findByID({ collection: 'ml-models', id, depth: 0, overrideAccess: true, req })
    .then((model) => (model.baseModel ? relationId(model.baseModel) : null))
    .catch(() => null)
  await req.payload.delete({
    collection: 'model-files',
    where: { model: { equals: id } },
    overrideAccess: true,
    req,
  })
  const sql = await db(req)
  await sql.query('UPDATE ml_models SET latest_version_id = NULL WHERE id = $1', [id])
  for (const table of ['model_versions', 'model_stars', 'model_ratings', 'model_comments']) {
    await sql.query(`DELETE FROM ${table} WHERE model_id = $1`, [id])
  }
}

/** The base of a deleted fork has one fork fewer. */
export const recountBaseAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  const base = req.context.deletedModelBase
  if (base) await recountModel(req, base)
  return doc
}
