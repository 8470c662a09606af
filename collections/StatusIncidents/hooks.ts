import {
  ValidationError,
  type CollectionAfterChangeHook,
  type CollectionBeforeChangeHook,
} from 'payload'

import { personId } from '@/lib/accounts'
import { db } from '@/lib/db'
import { relationId } from '@/lib/relationId'
import {
  incidentEventType,
  publishIncidentEvent,
  type IncidentFacts,
  type UpdateFacts,
} from '@/lib/status/events'
import { latestUpdate } from '@/lib/status/incidents'
import type { ComponentState, Impact } from '@/lib/status/states'
import { inTransaction } from '@/lib/transactions'
import type { StatusIncident } from '@/payload-types'

import { expireStatus } from '../StatusComponents/revalidate'

/** An update may be backdated, not dated ahead (a little clock skew aside). */
const FUTURE_SLACK_MS = 5 * 60_000

type Update = NonNullable<StatusIncident['updates']>[number]

/**
 * The incident's status is its latest update's (by time, backdating included); resolved when
 * that one is. Its first publication is recorded.
 */
export const deriveIncidentState: CollectionBeforeChangeHook<StatusIncident> = ({
  data,
  operation,
  originalDoc,
}) => {
  const updates = (data.updates ?? []) as Update[]
  for (const [index, update] of updates.entries()) {
    if (update.at && new Date(update.at).getTime() > Date.now() + FUTURE_SLACK_MS) {
      throw new ValidationError({
        collection: 'status-incidents',
        errors: [
          { path: `updates.${index}.at`, message: 'An update cannot be dated in the future.' },
        ],
      })
    }
  }
  const latest = latestUpdate(updates)
  if (latest) {
    data.status = latest.status
    data.resolvedAt = latest.status === 'resolved' ? latest.at : null
  }
  const wasPublished = operation === 'update' && originalDoc?.publication === 'published'
  if (data.publication === 'published' && !wasPublished) {
    data.publishedAt = new Date().toISOString()
  }
  return data
}

function factsOf(doc: StatusIncident): IncidentFacts {
  return {
    id: doc.id,
    title: doc.title,
    impact: doc.impact as Impact,
    startedAt: doc.startedAt,
    resolvedAt: doc.resolvedAt ?? null,
    components: (doc.components ?? []).map((entry) => ({
      componentId: Number(relationId(entry.component)),
      state: entry.state as ComponentState,
    })),
  }
}

const updateFacts = (update: Update): UpdateFacts => ({
  id: String(update.id),
  status: update.status,
  message: update.message,
  notify: update.notify !== false,
})

/**
 * Publishing an incident is `incident.created` (with its latest update); each update added to a
 * published incident afterwards is `incident.updated`, or `incident.resolved` when it resolves
 * it — in the save's transaction. Drafts publish nothing.
 */
export const publishIncidentUpdates: CollectionAfterChangeHook<StatusIncident> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  const wasPublished = operation === 'update' && previousDoc?.publication === 'published'
  if (doc.publication === 'published') {
    const updates = (doc.updates ?? []) as Update[]
    const known = new Set(
      wasPublished ? ((previousDoc.updates ?? []) as Update[]).map((update) => update.id) : [],
    )
    const fresh = wasPublished
      ? updates
          .filter((update) => !known.has(update.id))
          .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
      : [latestUpdate(updates)].filter((update): update is Update => Boolean(update))
    if (fresh.length > 0) {
      await inTransaction(req, async () => {
        const queryable = await db(req)
        for (const update of fresh) {
          await publishIncidentEvent(
            queryable,
            incidentEventType(!wasPublished, update.status),
            factsOf(doc),
            updateFacts(update),
            personId(req.user),
          )
        }
      })
    }
  }
  if (doc.publication === 'published' || wasPublished) await expireStatus(req)
  return doc
}
