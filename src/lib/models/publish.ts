import type { PayloadRequest } from 'payload'

import { managesModel } from '@/access/modelAccess'
import type { MlModel, ModelVersion } from '@/payload-types'

import { accountOf, personId } from '../accounts'
import { db, type Queryable } from '../db'
import { serverUrl } from '../defaults'
import { publishEvent } from '../events/publish'
import { relationId } from '../relationId'
import { inTransaction } from '../transactions'
import { refuse } from './http'

/** The `model` part of a model's events. */
export const modelEventData = (
  model: Pick<MlModel, 'id' | 'name' | 'slug' | 'ownerHandle' | 'visibility'>,
  version: string | null,
) => ({
  model_id: model.id,
  model: `${model.ownerHandle}/${model.slug}`,
  name: model.name,
  version,
  visibility: model.visibility,
  url: `${serverUrl()}/models/${model.ownerHandle}/${model.slug}`,
})

/**
 * Asks for a draft version to be published: it needs at least one file and every upload
 * finished. It then waits for the safety scans (`scanning`) and goes live when the last one
 * ends (settleVersion), at once if they already have.
 */
export async function requestPublish(
  req: PayloadRequest,
  versionId: number,
): Promise<ModelVersion> {
  const version = (await req.payload
    .findByID({ collection: 'model-versions', id: versionId, depth: 0, overrideAccess: true, req })
    .catch(() => null)) as ModelVersion | null
  if (!version || !(await managesModel(req, relationId(version.model)))) {
    throw refuse(404, 'No version of yours has this id.')
  }
  if (version.status !== 'draft')
    throw refuse(409, `Version ${version.label} is already ${version.status}.`)
  const files = await req.payload.find({
    collection: 'model-files',
    where: { version: { equals: versionId } },
    depth: 0,
    limit: 200,
    overrideAccess: true,
    req,
  })
  if (files.totalDocs === 0)
    throw refuse(409, 'Upload at least one file before publishing.', 'files')
  const pending = files.docs.find((file) => file.uploadStatus !== 'uploaded')
  if (pending)
    throw refuse(409, `${pending.filename} is still uploading: finish or cancel it.`, 'files')
  return inTransaction(req, async () => {
    await req.payload.update({
      collection: 'model-versions',
      id: versionId,
      data: { status: 'scanning' },
      overrideAccess: true,
      req,
    })
    await settleVersion(await db(req), versionId, personId(req.user))
    return (await req.payload.findByID({
      collection: 'model-versions',
      id: versionId,
      depth: 0,
      overrideAccess: true,
      req,
    })) as ModelVersion
  })
}

type ModelRow = {
  id: number
  name: string
  slug: string
  owner_handle: string
  visibility: MlModel['visibility']
  status: string
  owner_id: number | null
  organization_id: number | null
}

/**
 * Publishes a version waiting for its scans once none is pending: it becomes the model's latest,
 * the model is published (its first version: `model.published`, later ones
 * `model.version_published`). Flagged files do not hold the version back; they stay
 * downloadable only by the owners and staff. Row-locked, so two scans ending together publish
 * once. Runs on the caller's transaction (a request's, or the scan job's).
 */
export async function settleVersion(
  sql: Queryable,
  versionId: number,
  actor: number | null = null,
): Promise<'published' | 'waiting' | 'unchanged'> {
  const { rows } = await sql.query<{ status: string; label: string; model_id: number }>(
    'SELECT status, label, model_id FROM model_versions WHERE id = $1 FOR UPDATE',
    [versionId],
  )
  const version = rows[0]
  if (!version || version.status !== 'scanning') return 'unchanged'
  const waiting = await sql.query(
    `SELECT 1 FROM model_files WHERE version_id = $1 AND scan_status = 'pending' LIMIT 1`,
    [versionId],
  )
  if (waiting.rows.length) return 'waiting'
  await sql.query(
    `UPDATE model_versions SET status = 'published', published_at = now(), updated_at = now()
      WHERE id = $1`,
    [versionId],
  )
  const before = await sql.query<ModelRow>(
    `SELECT id, name, slug, owner_handle, visibility, status, owner_id, organization_id
       FROM ml_models WHERE id = $1 FOR UPDATE`,
    [version.model_id],
  )
  const model = before.rows[0]
  await sql.query(
    `UPDATE ml_models SET latest_version_id = $2, status = 'published',
            published_at = coalesce(published_at, now()), updated_at = now()
      WHERE id = $1`,
    [model.id, versionId],
  )
  await publishEvent(sql, {
    type: model.status === 'published' ? 'model.version_published' : 'model.published',
    account: accountOf({ owner: model.owner_id, organization: model.organization_id }),
    actor,
    data: modelEventData(
      {
        id: model.id,
        name: model.name,
        slug: model.slug,
        ownerHandle: model.owner_handle,
        visibility: model.visibility,
      },
      version.label,
    ),
  })
  return 'published'
}
