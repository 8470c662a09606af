import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeDeleteHook,
  PayloadRequest,
} from 'payload'

import type { AuditAction } from '@collections/AuditLogs'
import { personId } from '@/lib/accounts'
import { userAgentOf } from '@/lib/auth/securityLog'
import { relationId } from '@/lib/relationId'
import { requestIp } from '@/lib/requestIp'
import type { WebhookEndpoint } from '@/payload-types'

const TRACKED = ['url', 'description', 'events', 'enabled'] as const

type Endpoint = Pick<WebhookEndpoint, 'id' | 'url' | 'owner' | 'organization'>

/** What a person did to a webhook endpoint, in the audit log (their security log shows it). */
async function writeAudit(
  req: PayloadRequest,
  action: AuditAction,
  endpoint: Endpoint,
  summary: string,
  changes?: Record<string, unknown>,
) {
  const actor = personId(req.user)
  // System changes (a failing endpoint disabled by the worker) are in the delivery log.
  if (!actor) return
  await req.payload.create({
    collection: 'audit-logs',
    data: {
      action,
      summary,
      actor,
      ip: requestIp(req),
      userAgent: userAgentOf(req),
      owner: endpoint.owner ? Number(relationId(endpoint.owner)) : null,
      organization: endpoint.organization ? Number(relationId(endpoint.organization)) : null,
      changes: changes ?? null,
    },
    overrideAccess: true,
    req,
  })
}

export const auditEndpointChange: CollectionAfterChangeHook<WebhookEndpoint> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (operation === 'create') {
    await writeAudit(req, 'webhook.created', doc, `Created the webhook endpoint ${doc.url}`, {
      events: doc.events ?? [],
    })
    return doc
  }
  const changes: Record<string, { from: unknown; to: unknown }> = {}
  for (const field of TRACKED) {
    const [before, after] = [previousDoc?.[field] ?? null, doc[field] ?? null]
    if (JSON.stringify(before) !== JSON.stringify(after))
      changes[field] = { from: before, to: after }
  }
  if (Object.keys(changes).length === 0) return doc
  await writeAudit(req, 'webhook.updated', doc, `Edited the webhook endpoint ${doc.url}`, changes)
  return doc
}

export const rememberEndpoint: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const doc = await req.payload.findByID({
    collection: 'webhook-endpoints',
    id,
    depth: 0,
    overrideAccess: true,
    req,
  })
  req.context[`deletedEndpoint:${id}`] = doc satisfies Endpoint
}

export const auditEndpointDelete: CollectionAfterDeleteHook = async ({ id, req }) => {
  const doc = req.context[`deletedEndpoint:${id}`] as Endpoint | undefined
  if (doc) await writeAudit(req, 'webhook.deleted', doc, `Deleted the webhook endpoint ${doc.url}`)
}
