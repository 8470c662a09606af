import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeDeleteHook,
  PayloadRequest,
} from 'payload'

import type { AuditAction } from '@collections/AuditLogs'
import { accountOf, personId } from '@/lib/accounts'
import { invalidateKeyHash } from '@/lib/keys/cache'
import { relationId } from '@/lib/relationId'
import { requestIp } from '@/lib/requestIp'
import { publishEventFor as publishEvent } from '@/lib/events/publish'
import type { ApiKey } from '@/payload-types'

import type { RotationContext } from './assignAccount'

const TRACKED = ['name', 'scopes', 'expiresAt', 'ipAllowlist', 'limits', 'notes'] as const

async function writeAudit(
  req: PayloadRequest,
  action: AuditAction,
  key: Pick<ApiKey, 'id' | 'name' | 'display' | 'owner' | 'organization'>,
  summary: string,
  changes?: Record<string, unknown>,
  isDeleted = false,
) {
  await req.payload.create({
    collection: 'audit-logs',
    data: {
      action,
      summary,
      actor: personId(req.user),
      ip: requestIp(req),
      apiKey: isDeleted ? null : key.id,
      keyDisplay: key.display ?? null,
      owner: key.owner ? Number(relationId(key.owner)) : null,
      organization: key.organization ? Number(relationId(key.organization)) : null,
      changes: changes ?? null,
    },
    overrideAccess: true,
    req,
  })
}

async function hashOf(req: PayloadRequest, id: number | string) {
  const doc = await req.payload.findByID({
    collection: 'api-keys',
    id,
    depth: 0,
    overrideAccess: true,
    showHiddenFields: true,
    select: { keyHash: true },
    req,
  })
  return doc.keyHash
}

/** Every create, edit, rotation and revocation lands in the audit log, and caches drop the key. */
export const auditChange: CollectionAfterChangeHook<ApiKey> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (operation === 'create') {
    const rotation = req.context.rotation as RotationContext | undefined
    await writeAudit(
      req,
      'api_key.created',
      doc,
      rotation
        ? `Created “${doc.name}” (${doc.display}) by rotating ${rotation.rotatedFrom.display}`
        : `Created “${doc.name}” (${doc.display})`,
      { environment: doc.environment, scopes: doc.scopes },
    )
    await publishEvent(req, {
      type: 'api_key.created',
      account: accountOf(doc),
      actor: personId(req.user),
      data: {
        key_id: doc.id,
        name: doc.name,
        display: doc.display ?? '',
        environment: doc.environment,
        scopes: doc.scopes,
      },
    })
    return doc
  }
  const action = (req.context.auditAction as AuditAction | undefined) ?? 'api_key.updated'
  const changes: Record<string, { from: unknown; to: unknown }> = {}
  for (const field of TRACKED) {
    const [before, after] = [previousDoc?.[field] ?? null, doc[field] ?? null]
    if (JSON.stringify(before) !== JSON.stringify(after))
      changes[field] = { from: before, to: after }
  }
  const verb = { 'api_key.revoked': 'Revoked', 'api_key.rotated': 'Rotated' }[action as string]
  await writeAudit(
    req,
    action,
    doc,
    `${verb ?? 'Edited'} “${doc.name}” (${doc.display})`,
    (req.context.auditDetails as Record<string, unknown> | undefined) ?? changes,
  )
  if (doc.status === 'revoked' && previousDoc?.status !== 'revoked') {
    await publishEvent(req, {
      type: 'api_key.revoked',
      account: accountOf(doc),
      actor: personId(req.user),
      data: { key_id: doc.id, name: doc.name, display: doc.display ?? '' },
    })
  }
  const hash = await hashOf(req, doc.id)
  if (hash) invalidateKeyHash(hash)
  return doc
}

type DeletedKey = Pick<ApiKey, 'id' | 'name' | 'display' | 'owner' | 'organization' | 'keyHash'>

export const rememberHash: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const doc = await req.payload.findByID({
    collection: 'api-keys',
    id,
    depth: 0,
    overrideAccess: true,
    showHiddenFields: true,
    req,
  })
  req.context[`deletedKey:${id}`] = doc satisfies DeletedKey
}

export const auditDelete: CollectionAfterDeleteHook = async ({ id, req }) => {
  const doc = req.context[`deletedKey:${id}`] as DeletedKey | undefined
  if (!doc) return
  await writeAudit(
    req,
    'api_key.deleted',
    doc,
    `Deleted “${doc.name}” (${doc.display})`,
    undefined,
    true,
  )
  if (doc.keyHash) invalidateKeyHash(doc.keyHash)
}
